package io.cluehub.sftp;

import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.directory.Connection;
import io.cluehub.directory.DirectoryChange;
import io.cluehub.directory.SftpServer;
import io.cluehub.intake.IntakeRoute;
import io.cluehub.routes.HubErrorHandling;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFTP channel: two route templates, instantiated for every {@code sftp} office of the directory (no code per
 * office), at start-up and again when a directory reload connects, disconnects or changes one.
 * <ul>
 * <li>{@code sftp-pickup}: polls the office's pickup folder, hands each complete file to the intake pipeline as sent
 * by that office, then moves it to the processed (or failed) folder.</li>
 * <li>{@code sftp-delivery}: drains the office's inbox queue onto its server, deliveries and receipts in their own
 * folders, written atomically. The queue holds them while the server is unreachable; the route retries with back-off
 * and never dead-letters for an outage.</li>
 * </ul>
 */
public class SftpRoutes extends RouteBuilder implements DirectoryChange.Listener {

    static final String PICKUP = "sftp-pickup";
    static final String DELIVERY = "sftp-delivery";

    private static final Logger LOG = LoggerFactory.getLogger(SftpRoutes.class);

    private final SftpOffices offices;
    private final SftpEndpoints endpoints;
    private final IdempotentRepository refusalsAnswered;

    SftpRoutes(SftpOffices offices, SftpEndpoints endpoints, IdempotentRepository refusalsAnswered) {
        this.offices = offices;
        this.endpoints = endpoints;
        this.refusalsAnswered = refusalsAnswered;
    }

    private void bindGuard(CamelContext camel, String officeId) {
        camel.getRegistry().bind(SftpNameGuard.beanName(officeId),
                new SftpNameGuard(officeId, refusalsAnswered, camel.createProducerTemplate()));
    }

    static String pickupRouteId(String officeId) {
        return PICKUP + "-" + officeId;
    }

    static String deliveryRouteId(String officeId) {
        return DELIVERY + "-" + officeId;
    }

    @Override
    public void configure() {
        routeTemplate(PICKUP)
                .templateParameter("office")
                .templateParameter("pickupUri")
                .templateParameter("signatureUri")
                .from("{{pickupUri}}")
                .routeConfigurationId(HubErrorHandling.ID)
                .setProperty(SftpPickup.OFFICE, constant("{{office}}"))
                .pollEnrich().simple("{{signatureUri}}").timeout(0).aggregationStrategy(SftpSignatures::attach)
                    .id("read-signature")
                .bean(SftpPickup.class, "receive").id("receive-file")
                .to(IntakeRoute.PROCESS);

        routeTemplate(DELIVERY)
                .templateParameter("inbox")
                .templateParameter("deliveryUri")
                .templateParameter("receiptsUri")
                .from("jms:queue:{{inbox}}?disableReplyTo=true")
                .errorHandler(defaultErrorHandler()
                        .maximumRedeliveries(-1).redeliveryDelay(1000).useExponentialBackOff().backOffMultiplier(2)
                        .maximumRedeliveryDelay(60_000).allowRedeliveryWhileStopping(false)
                        .retryAttemptedLogLevel(LoggingLevel.WARN))
                .bean(SftpDelivery.class, "prepare").id("prepare-file")
                // The hub's signature first (<name>.jws), then the file: whoever sees the file can verify it.
                .choice()
                    .when(exchangeProperty(SftpDelivery.IS_RECEIPT))
                        .bean(SftpDelivery.class, "signatureFile").to("{{receiptsUri}}").id("write-receipt-signature")
                        .bean(SftpDelivery.class, "messageFile").to("{{receiptsUri}}").id("write-receipt")
                    .otherwise()
                        .bean(SftpDelivery.class, "signatureFile").to("{{deliveryUri}}").id("write-signature")
                        .bean(SftpDelivery.class, "messageFile").to("{{deliveryUri}}").id("write-delivery")
                .end();

        from(SftpNameGuard.REFUSED)
                .routeId("sftp-refused")
                .routeConfigurationId(HubErrorHandling.ID)
                .bean(SftpPickup.class, "refuse").id("refuse-file");

        for (Connection office : offices.offices()) {
            bindGuard(getContext(), office.officeId());
            templatedRoute(PICKUP).routeId(pickupRouteId(office.officeId()))
                    .parameter("office", office.officeId())
                    .parameter("pickupUri", endpoints.pickup(office.officeId(), offices.server(office)))
                    .parameter("signatureUri", endpoints.signature(offices.server(office)));
            SftpServer server = offices.server(office);
            templatedRoute(DELIVERY).routeId(deliveryRouteId(office.officeId()))
                    .parameter("inbox", BrokerAddresses.inbox(office.officeId()))
                    .parameter("deliveryUri", endpoints.delivery(server, server.delivery()))
                    .parameter("receiptsUri", endpoints.delivery(server, server.receipts()));
            LOG.info("SFTP office {}: sftp://{}@{}:{}/{} (pickup), /{} (deliveries), /{} (receipts)",
                    office.officeId(), server.username(), server.host(), server.port(), server.pickup(),
                    server.delivery(), server.receipts());
        }
    }

    @Override
    public void directoryChanging(DirectoryChange change) {
        CamelContext camel = getContext();
        try {
            for (Connection office : concat(change.disconnected(), change.changed())) {
                remove(camel, pickupRouteId(office.officeId()));
                remove(camel, deliveryRouteId(office.officeId()));
            }
            for (Connection office : concat(change.connected(), change.changed())) {
                if (office.channel() != io.cluehub.directory.Channel.SFTP) {
                    continue;
                }
                SftpServer server = offices.server(office);
                bindGuard(camel, office.officeId());
                TemplatedRouteBuilder.builder(camel, PICKUP).routeId(pickupRouteId(office.officeId()))
                        .parameter("office", office.officeId())
                        .parameter("pickupUri", endpoints.pickup(office.officeId(), server))
                        .parameter("signatureUri", endpoints.signature(server)).add();
                TemplatedRouteBuilder.builder(camel, DELIVERY).routeId(deliveryRouteId(office.officeId()))
                        .parameter("inbox", BrokerAddresses.inbox(office.officeId()))
                        .parameter("deliveryUri", endpoints.delivery(server, server.delivery()))
                        .parameter("receiptsUri", endpoints.delivery(server, server.receipts())).add();
                LOG.info("SFTP office {} connected: sftp://{}@{}:{}/", office.officeId(), server.username(),
                        server.host(), server.port());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot apply the directory change to the SFTP routes", e);
        }
    }

    private static void remove(CamelContext camel, String routeId) throws Exception {
        if (camel.getRoute(routeId) != null) {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
    }

    private static List<Connection> concat(List<Connection> a, List<Connection> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}

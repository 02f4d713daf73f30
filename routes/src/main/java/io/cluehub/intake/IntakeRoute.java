package io.cluehub.intake;

import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.handling.HandlingRules;
import io.cluehub.routes.HubErrorHandling;
import io.cluehub.workflow.Workflows;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The intake pipeline of DESIGN.md §6. Transports hand what they received to {@link #PROCESS} with an
 * {@link IntakeContext}: the transacted consumers of {@code hub.inbound} for every JMS office ({@link IntakeConsumers}
 * through {@link #RECEIVE}), and one pickup route per
 * SFTP office. Each step is a bean; a {@link RejectionException} from any step ends in {@link HubErrorHandling}, which
 * archives, answers and parks the message (for a batch, the row); any other failure propagates to the transport: the
 * broker transaction rolls back for the broker to redeliver, then dead-letter, and a file stays to be picked up again.
 */
@Component
public class IntakeRoute extends RouteBuilder {

    /**
     * One message consumed from {@code hub.inbound}, as an exchange of the {@code jms} endpoint; the transactions it
     * runs in are {@link IntakeConsumers}'.
     */
    public static final String RECEIVE = "direct:receive";
    /** Maps one received body to canonical messages and decides each; the exchange carries its {@link IntakeContext}. */
    public static final String PROCESS = "direct:process";
    /** Decides one canonical message (a body of its own, or one row of a batch). */
    public static final String MESSAGE = "direct:message";
    /** Sends whatever a decision produced; a body of {@code List<OutboundMessage>}. */
    public static final String SEND = "direct:send";
    /** Archives a {@link Decision} body, then sends what it produced. */
    public static final String DISPATCH = "direct:dispatch";

    @Override
    public void configure() {
        // Fed by IntakeConsumers, which commits batches of these (group commit). The exchange is the jms endpoint's
        // with disableReplyTo: a client-set JMSReplyTo never makes the hub send anywhere.
        from(RECEIVE)
                .routeId("intake")
                .routeConfigurationId(HubErrorHandling.ID)
                .bean(IntakeReception.class, "receive").id("receive")
                .to(PROCESS);

        from(PROCESS)
                .routeId("process")
                .routeConfigurationId(HubErrorHandling.ID)
                .bean(SignatureVerification.class, "verify").id("verify-signature")
                .bean(InboundMapping.class, "map").id("map")
                .setProperty(InboundMapping.ROWS, body())
                .choice().id("batch?")
                    .when(simple("${body.isEmpty()}"))
                        .to(MESSAGE)
                    .otherwise()
                        .bean(BatchRecorder.class, "record").id("archive-batch")
                        // Every row is decided, whatever the others' decisions (a rejection is handled per row; with
                        // stopOnException a handled rejection would stop the split). A failure of the hub's own is
                        // propagated after the last row, for the transport to retry the whole body: rows already
                        // decided then complete their recorded decisions instead of deciding again.
                        .split(exchangeProperty(InboundMapping.ROWS), AggregationStrategies.useOriginal(true))
                            .id("each-row")
                            .setProperty(IntakeContext.PROPERTY, body())
                            .to(MESSAGE)
                        .end()
                .end();

        // No stop() for repeats: in a batch, stopping one row's exchange would stop the split for the rows after it.
        from(MESSAGE)
                .routeId("message")
                .routeConfigurationId(HubErrorHandling.ID)
                .bean(MessageReading.class, "read").id("parse")
                // In a batch, what this message may depend on is recorded before it is decided (PendingDecisions).
                .bean(PendingDecisions.class, "settle").id("settle")
                .bean(DuplicateGuard.class, "check").id("de-duplicate")
                .choice().id("repeat")
                    .when().method(DuplicateGuard.class, "isRepeat")
                        .bean(RepeatHandling.class, "handle").id("handle-repeat")
                        .to(SEND)
                    .otherwise()
                        .bean(MessageValidation.class, "validate").id("validate")
                        .bean(SenderAuthorisation.class, "authorise").id("authorise")
                        .bean(RecipientResolver.class, "resolve").id("resolve-recipients")
                        .bean(HandlingRules.class, "enforce").id("enforce-handling")
                        .bean(Workflows.class, "check").id("apply-workflow")
                        .bean(Decisions.class, "accept").id("decide")
                        .to(DISPATCH)
                .end();

        from(DISPATCH)
                .routeId("dispatch")
                .bean(DecisionRecorder.class, "record").id("archive-decision")
                .to(SEND);

        // The endpoint's own queue is only a fallback: each message names its destination in CamelJmsDestinationName.
        from(SEND)
                .routeId("send")
                .split(body()).stopOnException().id("each-outbound")
                    .bean(OutboundPreparation.class, "prepare").id("prepare-outbound")
                    .to("jms:queue:" + BrokerAddresses.REJECTED).id("deliver")
                .end();
    }
}

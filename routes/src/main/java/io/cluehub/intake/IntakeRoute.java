package io.cluehub.intake;

import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.routes.HubErrorHandling;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The intake pipeline of DESIGN.md §6, one transacted consumer of {@code hub.inbound} for every office. Each step is a
 * bean; a {@link RejectionException} from any step ends in {@link HubErrorHandling}, which archives, answers and parks
 * the message; any other failure rolls the broker transaction back for the broker to redeliver, then dead-letter.
 */
@Component
public class IntakeRoute extends RouteBuilder {

    /** Sends whatever a decision produced; a body of {@code List<OutboundMessage>}. */
    public static final String SEND = "direct:send";
    /** Archives a {@link Decision} body, then sends what it produced. */
    public static final String DISPATCH = "direct:dispatch";

    @Override
    public void configure() {
        // disableReplyTo: a client-set JMSReplyTo must never make the hub send anywhere.
        from("jms:queue:" + BrokerAddresses.INBOUND
                + "?concurrentConsumers={{cluehub.intake.consumers}}&disableReplyTo=true")
                .routeId("intake")
                .autoStartup("{{cluehub.intake.enabled}}")
                .routeConfigurationId(HubErrorHandling.ID)
                .bean(IntakeReception.class, "receive").id("receive")
                .bean(MessageReading.class, "read").id("parse")
                .bean(DuplicateGuard.class, "check").id("de-duplicate")
                .filter().method(DuplicateGuard.class, "isRepeat").id("repeat")
                    .bean(RepeatHandling.class, "handle").id("handle-repeat")
                    .to(SEND)
                    .stop()
                .end()
                .bean(MessageValidation.class, "validate").id("validate")
                .bean(SenderAuthorisation.class, "authorise").id("authorise")
                .bean(RecipientResolver.class, "resolve").id("resolve-recipients")
                .bean(Decisions.class, "accept").id("decide")
                .to(DISPATCH);

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

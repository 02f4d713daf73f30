package io.cluehub.routes;

import io.cluehub.intake.Decisions;
import io.cluehub.intake.IntakeRoute;
import io.cluehub.intake.RejectionException;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The hub's one error-handling configuration, which every consuming route opts into. A rejection is handled: archived
 * with its reason, answered with a receipt and parked, all in the same broker transaction. Anything else is not
 * handled here: the exception reaches the transacted consumer, the broker transaction rolls back, and the broker
 * redelivers (then dead-letters to {@code hub.dlq}) as its address settings say.
 */
@Component
public class HubErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "hub-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(RejectionException.class)
                    .handled(true)
                    .bean(Decisions.class, "reject").id("decide-rejection")
                    .to(IntakeRoute.DISPATCH);
    }
}

package io.cluehub.intake;

import io.cluehub.routing.Router;
import io.cluehub.routing.Routing;
import io.cluehub.schemas.validation.ValidationOutcome;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** Step "resolve recipients": asks the {@link Router}; an unroutable message is a rejection naming why. */
@Component
public class RecipientResolver {

    private final Router router;

    public RecipientResolver(Router router) {
        this.router = router;
    }

    public void resolve(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        Routing routing = router.route(context.authenticatedOffice(), context.message());
        if (!routing.problems().isEmpty()) {
            throw new RejectionException(ValidationOutcome.of(routing.problems()));
        }
        context.deliveries(routing.deliveries());
    }
}

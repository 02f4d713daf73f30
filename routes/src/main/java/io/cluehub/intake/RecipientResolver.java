package io.cluehub.intake;

import io.cluehub.routing.Router;
import io.cluehub.routing.Routing;
import io.cluehub.schemas.validation.ValidationOutcome;
import io.cluehub.workflow.Workflows;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Step "resolve recipients": a message that names no recipients goes where its case workflow knows (a clue's status to
 * its originator, an opinion to the convener), or where the {@link Router} decides by type; an unroutable message is a
 * rejection naming why.
 */
@Component
public class RecipientResolver {

    private final Router router;
    private final Workflows workflows;

    public RecipientResolver(Router router, Workflows workflows) {
        this.router = router;
        this.workflows = workflows;
    }

    public void resolve(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        String sender = context.authenticatedOffice();
        JsonNode named = context.message().path("recipients");
        Optional<List<String>> known = named.isArray() && !named.isEmpty() ? Optional.empty()
                : workflows.recipients(context);
        Routing routing = known.isPresent() ? router.workflow(sender, known.get(), context.type())
                : router.route(sender, context.message());
        if (!routing.problems().isEmpty()) {
            throw new RejectionException(ValidationOutcome.of(routing.problems()));
        }
        context.deliveries(routing.deliveries());
    }
}

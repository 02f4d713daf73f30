package io.cluehub.intake;

import io.cluehub.directory.Directory;
import io.cluehub.directory.Office;
import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.IssueCode;
import io.cluehub.schemas.validation.ValidationOutcome;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Step "resolve recipients": every named recipient must be an office of the directory; mail for an unconnected office
 * goes to its nearest connected ancestor of the same department. Each office that ends up receiving gets one copy.
 */
@Component
public class RecipientResolver {

    static final String RULE_EXPLICIT = "explicit";

    private final Directory directory;

    public RecipientResolver(Directory directory) {
        this.directory = directory;
    }

    public void resolve(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        JsonNode recipients = context.message().path("recipients");
        if (!recipients.isArray() || recipients.isEmpty()) {
            throw RejectionException.of(IssueCode.NO_RECIPIENTS, "/recipients",
                    "Name at least one recipient office in 'recipients'.");
        }
        List<Issue> problems = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        Set<String> deliveredTo = new LinkedHashSet<>();
        for (int i = 0; i < recipients.size(); i++) {
            String id = recipients.get(i).asString("");
            String location = "/recipients/" + i;
            Optional<Office> office = directory.find(id);
            if (office.isEmpty()) {
                problems.add(Issue.error(IssueCode.UNKNOWN_RECIPIENT, location,
                        "'" + id + "' is not an office of the directory: use <DEPT>-<GB/T 2260 division code>, "
                                + "e.g. CAC-330100."));
                continue;
            }
            Optional<Office> target = directory.deliveryOffice(office.get());
            if (target.isEmpty()) {
                problems.add(Issue.error(IssueCode.UNKNOWN_RECIPIENT, location,
                        "Neither '" + id + "' nor any office above it in its department is connected to the hub."));
                continue;
            }
            String to = target.get().id();
            if (deliveredTo.add(to)) {
                deliveries.add(new Delivery(id, to, RULE_EXPLICIT, !to.equals(id)));
            }
        }
        if (!problems.isEmpty()) {
            throw new RejectionException(ValidationOutcome.of(problems));
        }
        context.deliveries(deliveries);
    }
}

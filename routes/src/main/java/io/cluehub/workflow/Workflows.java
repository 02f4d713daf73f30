package io.cluehub.workflow;

import io.cluehub.intake.IntakeContext;
import io.cluehub.intake.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The case workflows the intake consults, in one place: step {@code apply-workflow} and the decision's hooks. */
@Component
public class Workflows {

    private final List<Workflow> workflows;

    public Workflows(ObjectProvider<Workflow> workflows) {
        this.workflows = workflows.orderedStream().toList();
    }

    /** The offices a workflow sends a reply to when the message names none. */
    public Optional<List<String>> recipients(IntakeContext context) {
        for (Workflow workflow : workflows) {
            if (workflow.follows(context.type())) {
                Optional<List<String>> recipients = workflow.recipients(context);
                if (recipients.isPresent()) {
                    return recipients;
                }
            }
        }
        return Optional.empty();
    }

    /** Step "apply workflow": every workflow that follows the type may refuse the message. */
    public void check(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        for (Workflow workflow : workflows) {
            if (workflow.follows(context.type())) {
                workflow.check(context);
            }
        }
    }

    /** Inside the decision's database transaction: what the workflows record and what else they send. */
    public List<OutboundMessage> record(IntakeContext context, long seq) {
        List<OutboundMessage> more = List.of();
        for (Workflow workflow : workflows) {
            if (workflow.follows(context.type())) {
                List<OutboundMessage> sent = workflow.record(context, seq);
                if (!sent.isEmpty()) {
                    if (more.isEmpty()) {
                        more = new ArrayList<>();
                    }
                    more.addAll(sent);
                }
            }
        }
        return more;
    }
}

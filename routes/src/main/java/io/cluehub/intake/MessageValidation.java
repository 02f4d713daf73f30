package io.cluehub.intake;

import io.cluehub.adapters.format.AgencyFormat;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.directory.Connection;
import io.cluehub.directory.Directory;
import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.MessageValidator;
import io.cluehub.schemas.validation.ValidationOptions;
import io.cluehub.schemas.validation.ValidationOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Step "validate": the schemas and business rules, with the sender's agency profile from the directory and replies
 * checked against the types of archived messages. Warnings travel on to the receipt; errors reject.
 */
@Component
public class MessageValidation {

    private final MessageValidator validator;
    private final Directory directory;
    private final ArchiveStore archive;

    public MessageValidation(MessageValidator validator, Directory directory, ArchiveStore archive) {
        this.validator = validator;
        this.directory = directory;
        this.archive = archive;
    }

    public void validate(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        String profile = directory.connection(context.authenticatedOffice()).map(Connection::profile).orElse(null);
        ValidationOptions options = ValidationOptions.defaults()
                .withProfile(profile)
                .withReplyLookup(archive::acceptedTypeOf);
        ValidationOutcome outcome = inAgencyTerms(context, validator.validate(context.message(), options));
        context.outcome(outcome);
        if (!outcome.successful()) {
            throw new RejectionException(outcome);
        }
    }

    /**
     * For a message received in an agency format, names each issue's place in the agency's own message where the
     * format declares it, keeping the canonical pointer in the diagnostics: the sender fixes what it sent, not what the
     * hub mapped it to.
     */
    static ValidationOutcome inAgencyTerms(IntakeContext context, ValidationOutcome outcome) {
        AgencyFormat format = context.agencyFormat();
        if (format == null || outcome.issues().isEmpty()) {
            return outcome;
        }
        int index = Math.max(0, context.row() - 1);
        List<Issue> issues = new ArrayList<>(outcome.issues().size());
        for (Issue issue : outcome.issues()) {
            Optional<String> agency = format.agencyLocation(context.type(), issue.location(), index);
            issues.add(agency.map(location -> new Issue(issue.severity(), issue.code(), location,
                    issue.diagnostics() + " (canonical field " + (issue.location().isEmpty() ? "/" : issue.location())
                            + " of the " + format.id() + " mapping)")).orElse(issue));
        }
        return new ValidationOutcome(outcome.successful(), issues);
    }
}

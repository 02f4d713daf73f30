package io.cluehub.intake;

import io.cluehub.archive.ArchiveStore;
import io.cluehub.directory.Connection;
import io.cluehub.directory.Directory;
import io.cluehub.schemas.validation.MessageValidator;
import io.cluehub.schemas.validation.ValidationOptions;
import io.cluehub.schemas.validation.ValidationOutcome;
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
        ValidationOutcome outcome = validator.validate(context.message(), options);
        context.outcome(outcome);
        if (!outcome.successful()) {
            throw new RejectionException(outcome);
        }
    }
}

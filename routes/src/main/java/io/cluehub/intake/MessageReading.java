package io.cluehub.intake;

import io.cluehub.schemas.validation.MessageValidator;
import io.cluehub.schemas.validation.ParseResult;
import io.cluehub.schemas.validation.ValidationOutcome;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Step "parse": reads the canonical bytes (the body itself, or what an agency format mapped it to) as JSON under the
 * hostile-input limits (size, nesting, UTF-8, duplicate keys).
 */
@Component
public class MessageReading {

    private final MessageValidator validator;

    public MessageReading(MessageValidator validator) {
        this.validator = validator;
    }

    public void read(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        ParseResult result = validator.parse(context.canonical());
        if (result.json() == null) {
            throw new RejectionException(ValidationOutcome.of(result.issues()));
        }
        context.message(result.json());
    }
}

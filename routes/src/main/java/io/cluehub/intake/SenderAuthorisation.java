package io.cluehub.intake;

import io.cluehub.directory.Directory;
import io.cluehub.schemas.validation.IssueCode;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/** Step "authorise": the envelope's sender must be the authenticated office, and that office must be connected. */
@Component
public class SenderAuthorisation {

    private final Directory directory;

    public SenderAuthorisation(Directory directory) {
        this.directory = directory;
    }

    public void authorise(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        String authenticated = context.authenticatedOffice();
        if (!directory.isConnected(authenticated)) {
            throw RejectionException.of(IssueCode.SENDER_UNKNOWN, "",
                    "The authenticated user '" + authenticated + "' is not a connected office of the directory.");
        }
        String claimed = context.message().path("sender").asString("");
        if (!authenticated.equals(claimed)) {
            throw RejectionException.of(IssueCode.SENDER_MISMATCH, "/sender",
                    "The envelope names sender '" + claimed + "' but the message was sent by the authenticated office '"
                            + authenticated + "'. Set sender to your own office id.");
        }
    }
}

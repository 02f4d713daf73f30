package io.cluehub.intake;

import io.cluehub.directory.Connection;
import io.cluehub.directory.Directory;
import io.cluehub.schemas.validation.IssueCode;
import io.cluehub.security.signature.DetachedJws;
import io.cluehub.security.signature.VerificationResult;
import io.cluehub.signature.SigningKeys;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Step "verify signature": the sender's detached JWS ({@code ClueHubSignature}, or {@code <file>.jws} beside an SFTP
 * file) over the exact bytes received, before anything reads them, with a key of the authenticated office valid at
 * the time of receipt. A missing signature is refused when the office's directory entry requires signatures (the
 * default); a signature that is present is checked either way. Each failure has its own code: SIGNATURE_MISSING,
 * SIGNATURE_INVALID (also for a malformed JWS or the wrong algorithm), SIGNATURE_KEY_UNKNOWN (also for another
 * office's key), SIGNATURE_KEY_EXPIRED (also not yet valid), SIGNATURE_KEY_REVOKED.
 */
@Component
public class SignatureVerification {

    private final Directory directory;
    private final SigningKeys keys;

    public SignatureVerification(Directory directory, SigningKeys keys) {
        this.directory = directory;
        this.keys = keys;
    }

    public void verify(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        Optional<Connection> office = directory.connection(context.authenticatedOffice());
        if (office.isEmpty()) {
            return; // not a connected office: refused by the authorise step, with its own code
        }
        String signature = context.signature();
        if (signature == null || signature.isBlank()) {
            if (office.get().signaturesRequired()) {
                throw RejectionException.of(IssueCode.SIGNATURE_MISSING, "", "Messages from "
                        + context.authenticatedOffice() + " must be signed: send a detached JWS (RFC 7797, ES256) "
                        + "over the exact body bytes in the ClueHubSignature property (for SFTP: a <file>.jws file).");
            }
            return;
        }
        VerificationResult result = DetachedJws.verifyFor(context.authenticatedOffice(), context.raw(), signature,
                keys, context.receivedAt());
        if (!result.valid()) {
            IssueCode code = result.status().issueCode().orElse(IssueCode.SIGNATURE_INVALID);
            throw RejectionException.of(code, "", "The signature was not accepted: " + result.detail());
        }
        context.signedWith(result.kid());
    }
}

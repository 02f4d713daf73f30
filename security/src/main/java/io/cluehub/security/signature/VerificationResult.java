package io.cluehub.security.signature;

import io.cluehub.schemas.validation.IssueCode;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking one detached signature. {@code kid} is the key id the header names (null if it could not
 * be read), {@code officeId} the office the directory holds that key for (null if unknown), {@code detail} a short
 * English reason for operators and receipts: it never contains body content or key material.
 */
public record VerificationResult(Status status, String kid, String officeId, String detail) {

    public VerificationResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public enum Status {
        /** The signature verifies over the body with a key valid at the instant checked. */
        VALID(null),
        /** No signature at all. */
        MISSING(IssueCode.SIGNATURE_MISSING),
        /** Not a detached compact JWS, an unreadable header, or no usable key id. */
        MALFORMED(IssueCode.SIGNATURE_INVALID),
        /** Well formed, but the signature does not verify over these bytes with the named key. */
        INVALID(IssueCode.SIGNATURE_INVALID),
        /** The directory holds no key with that id. */
        KEY_UNKNOWN(IssueCode.SIGNATURE_KEY_UNKNOWN),
        /** The key's validity period ended before the instant checked. */
        KEY_EXPIRED(IssueCode.SIGNATURE_KEY_EXPIRED),
        /** The key's validity period starts after the instant checked. */
        KEY_NOT_YET_VALID(IssueCode.SIGNATURE_KEY_EXPIRED),
        /** The key was revoked at or before the instant checked. */
        KEY_REVOKED(IssueCode.SIGNATURE_KEY_REVOKED),
        /** Not the Clue Hub profile: alg other than ES256, or no {@code "b64": false} with {@code "crit": ["b64"]}. */
        WRONG_ALGORITHM(IssueCode.SIGNATURE_INVALID),
        /** The key exists but belongs to an office other than the authenticated sender. */
        KEY_OF_OTHER_OFFICE(IssueCode.SIGNATURE_KEY_UNKNOWN);

        private final IssueCode issueCode;

        Status(IssueCode issueCode) {
            this.issueCode = issueCode;
        }

        /** The stable rejection code a receipt carries for this status; empty for {@link #VALID}. */
        public Optional<IssueCode> issueCode() {
            return Optional.ofNullable(issueCode);
        }
    }

    public boolean valid() {
        return status == Status.VALID;
    }
}

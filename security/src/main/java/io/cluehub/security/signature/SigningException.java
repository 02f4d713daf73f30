package io.cluehub.security.signature;

/** Signing could not be done (an unusable key, a JCA failure). The message never carries key material. */
public class SigningException extends RuntimeException {

    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}

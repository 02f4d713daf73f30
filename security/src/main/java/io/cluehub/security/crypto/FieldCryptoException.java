package io.cluehub.security.crypto;

/**
 * Field encryption failed: a token that does not authenticate, an unknown key id, an unreadable keystore. The message
 * names key ids and files, never plaintext, ciphertext, keys or passwords.
 */
public class FieldCryptoException extends RuntimeException {

    public FieldCryptoException(String message) {
        super(message);
    }

    public FieldCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.cluehub.security.crypto;

import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The keys of personal-data field encryption, kept outside the database: AES-256 keys by key id (the newest one
 * encrypts, every one still decrypts) and one HMAC-SHA256 key for blind indexes. Key ids match
 * {@code [a-z0-9-]{1,64}}; they are stored in each token so old tokens find their key after a rotation.
 */
public interface FieldKeys {

    /** The id of the AES key new values are encrypted with. */
    String currentKeyId();

    /** The AES key with that id, if this key set has it. */
    Optional<SecretKey> aesKey(String keyId);

    /** The HMAC-SHA256 key of blind indexes. Never rotated by {@code rotate()}: indexes must stay searchable. */
    SecretKey macKey();
}

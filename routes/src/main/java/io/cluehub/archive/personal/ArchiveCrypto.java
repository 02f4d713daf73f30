package io.cluehub.archive.personal;

import io.cluehub.security.crypto.FieldCipher;
import io.cluehub.security.crypto.FieldCryptoException;
import io.cluehub.security.crypto.FieldKind;
import io.cluehub.security.crypto.KeyStoreFieldKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * Encryption at rest of what the archive keeps of messages (raw bytes, canonical form): each body becomes one
 * {@link FieldCipher} token ({@code enc:v1:<keyId>:<iv>:<ciphertext>}, AES-256-GCM, stored as its ASCII bytes), with
 * associated data naming the column and the SHA-256 of the plaintext, so a token copied into another column or beside
 * other content does not decrypt. Blind indexes (HMAC-SHA256) of subject identifiers come from the same keystore.
 *
 * <p>The keys live in a keystore outside the database ({@link KeyStoreFieldKeys}); rotation adds a key and
 * {@link ArchiveRekeyer} moves stored bodies to it. When another hub instance rotates the shared keystore, this one
 * notices the changed file within {@value #RELOAD_CHECK_MILLIS} ms and encrypts with the new key from then on.
 *
 * <p>Never logs or echoes plaintext; exceptions name key ids only.
 */
public final class ArchiveCrypto {

    /** How often the keystore file is checked for a rotation by another instance. */
    static final long RELOAD_CHECK_MILLIS = 30_000;

    private final KeyStoreFieldKeys keys;
    private final FieldCipher cipher;
    private volatile long nextReloadCheck;
    private volatile FileTime loadedModified;

    public ArchiveCrypto(KeyStoreFieldKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.cipher = new FieldCipher(keys);
        this.loadedModified = modified();
        this.nextReloadCheck = System.currentTimeMillis() + RELOAD_CHECK_MILLIS;
    }

    /** A body as stored: the token's ASCII bytes and the id of the key it was sealed under. */
    public record Sealed(byte[] stored, String keyId) {
    }

    /** The associated data of a raw body: its column and the SHA-256 the chain records for it. */
    public static String rawAad(String rawSha256) {
        return "archive_entry.raw_body/" + rawSha256;
    }

    /** The associated data of a canonical body: its column and its SHA-256. */
    public static String canonicalAad(String canonicalSha256) {
        return "archive_entry.canonical_body/" + canonicalSha256;
    }

    /**
     * The associated data of an outbox body (the intake's copy of what a decision sends): its decision's archive
     * position and its place among that decision's messages.
     */
    public static String outboxAad(long archiveSeq, int position) {
        return "outbox:" + archiveSeq + ":" + position;
    }

    /** Seals {@code plaintext} under the current key; null for null. */
    public Sealed seal(byte[] plaintext, String aad) {
        if (plaintext == null) {
            return null;
        }
        reloadIfRotatedElsewhere();
        String token = cipher.encryptBytes(plaintext, aad);
        return new Sealed(token.getBytes(StandardCharsets.US_ASCII), cipher.keyId(token));
    }

    /**
     * The plaintext of a stored body. {@code keyId} is the row's {@code body_key}: {@code null} means the body was
     * stored before bodies were encrypted (it is returned as is, until {@link ArchiveRekeyer} seals it).
     *
     * @throws FieldCryptoException if the stored bytes are not a token, name an unknown key, or fail authentication
     */
    public byte[] open(byte[] stored, String keyId, String aad) {
        if (stored == null) {
            return null;
        }
        if (keyId == null) {
            return stored;
        }
        return cipher.decryptBytes(new String(stored, StandardCharsets.US_ASCII), aad);
    }

    /** Encrypts a text value (free text an investigator typed, which may name people) under the current key. */
    public String sealText(String plaintext, String aad) {
        reloadIfRotatedElsewhere();
        return cipher.encrypt(plaintext, aad);
    }

    /** The plaintext of {@link #sealText}'s token. */
    public String openText(String token, String aad) {
        return cipher.decrypt(token, aad);
    }

    /** The same text under the current key (a token already under it is returned as is). */
    public String resealText(String token, String aad) {
        reloadIfRotatedElsewhere();
        return cipher.reencrypt(token, aad);
    }

    /** The key new bodies are sealed under. */
    public String currentKeyId() {
        reloadIfRotatedElsewhere();
        return keys.currentKeyId();
    }

    /** The blind index of a value normalised for its kind: 64 hex digits (see {@link FieldCipher#blindIndex}). */
    public String blindIndex(FieldKind kind, String value) {
        return cipher.blindIndex(kind, value);
    }

    /** Adds a fresh AES key to the keystore and makes it current; returns its id. Old keys stay for decryption. */
    public synchronized String rotate() {
        String keyId = keys.rotate();
        loadedModified = modified();
        return keyId;
    }

    /** Re-reads the keystore now (before re-encrypting, so the newest key is the one used). */
    public synchronized void reload() {
        keys.reload();
        loadedModified = modified();
    }

    @Override
    public String toString() {
        return "ArchiveCrypto[" + keys + "]";
    }

    private void reloadIfRotatedElsewhere() {
        long now = System.currentTimeMillis();
        if (now < nextReloadCheck) {
            return;
        }
        synchronized (this) {
            nextReloadCheck = now + RELOAD_CHECK_MILLIS;
            FileTime current = modified();
            if (current != null && !current.equals(loadedModified)) {
                keys.reload();
                loadedModified = current;
            }
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(keys.path());
        } catch (IOException e) {
            return null;
        }
    }
}

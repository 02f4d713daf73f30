package io.cluehub.security.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encryption at rest of personal data (resident identity numbers, names, phone numbers of natural persons): AES-256-GCM
 * per value, into a self-describing token
 *
 * <pre>enc:v1:&lt;keyId&gt;:&lt;base64url(12-byte IV)&gt;:&lt;base64url(ciphertext and 16-byte tag)&gt;</pre>
 *
 * with a random IV per value. The token's prefix {@code enc:v1:<keyId>:} is authenticated with the value (as GCM
 * associated data), followed by the caller's optional associated data: pass, say, the column and row key so a token
 * copied into another row or column does not decrypt. Searches use {@link #blindIndex}, an HMAC-SHA256 under a
 * separate key over the normalised value.
 *
 * <p>Token length: {@code 7 + len(keyId) + 1 + 16 + 1 + ceil(4 × (bytes + 16) / 3)} characters for a value of
 * {@code bytes} UTF-8 bytes; an 18-character identity number under {@code field-aes-1} makes 82.
 *
 * <p>Null in, null out (optional fields stay null). Thread-safe. Exceptions and {@code toString()} name key ids only.
 */
public final class FieldCipher {

    public static final String PREFIX = "enc:v1:";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String HMAC = "HmacSHA256";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern B64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final FieldKeys keys;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(FieldKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Encrypts under the current key, without associated data. */
    public String encrypt(String plaintext) {
        return encrypt(plaintext, null);
    }

    /** Encrypts under the current key; {@code aad} (may be null) must be given again to decrypt. */
    public String encrypt(String plaintext, String aad) {
        return plaintext == null ? null : seal(plaintext.getBytes(StandardCharsets.UTF_8), aad);
    }

    /**
     * Encrypts any bytes (a message body, which need not be UTF-8) under the current key, into the same token as
     * {@link #encrypt(String, String)}; {@link #decryptBytes} gives them back exactly. Null in, null out.
     */
    public String encryptBytes(byte[] plaintext, String aad) {
        return plaintext == null ? null : seal(plaintext, aad);
    }

    private String seal(byte[] plaintext, String aad) {
        String keyId = keys.currentKeyId();
        requireKeyId(keyId);
        SecretKey key = keys.aesKey(keyId)
                .orElseThrow(() -> new FieldCryptoException("The current field key " + keyId + " is missing"));
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        String header = PREFIX + keyId + ":";
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(header, aad));
            byte[] sealed = cipher.doFinal(plaintext);
            return header + ENCODER.encodeToString(iv) + ":" + ENCODER.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new FieldCryptoException("AES-GCM encryption under field key " + keyId + " failed", e);
        }
    }

    /** Decrypts a token made without associated data, with whichever key its key id names. */
    public String decrypt(String token) {
        return decrypt(token, null);
    }

    /**
     * Decrypts a token with whichever key its key id names.
     *
     * @throws FieldCryptoException if it is not a token, names an unknown key, or fails authentication (tampered,
     *                              wrong key, wrong associated data)
     */
    public String decrypt(String token, String aad) {
        return token == null ? null : new String(open(token, aad), StandardCharsets.UTF_8);
    }

    /** The exact bytes a token holds (see {@link #encryptBytes}); fails as {@link #decrypt(String, String)} does. */
    public byte[] decryptBytes(String token, String aad) {
        return token == null ? null : open(token, aad);
    }

    private byte[] open(String token, String aad) {
        Token t = Token.parse(token);
        SecretKey key = keys.aesKey(t.keyId)
                .orElseThrow(() -> new FieldCryptoException("Unknown field key " + t.keyId));
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, t.iv));
            cipher.updateAAD(associatedData(t.header(), aad));
            return cipher.doFinal(t.sealed);
        } catch (AEADBadTagException e) {
            throw new FieldCryptoException("Encrypted field under key " + t.keyId
                    + " failed authentication (tampered, wrong key or wrong associated data)");
        } catch (GeneralSecurityException e) {
            throw new FieldCryptoException("AES-GCM decryption under field key " + t.keyId + " failed", e);
        }
    }

    /** True if {@code value} has the shape of a token (it may still fail to decrypt). */
    public boolean isEncrypted(String value) {
        return value != null && Token.tryParse(value) != null;
    }

    /**
     * The key id a token was encrypted under, read from its header only (every seal asks for it, and the whole token
     * is checked when it is opened).
     */
    public String keyId(String token) {
        if (token != null && token.startsWith(PREFIX)) {
            int end = token.indexOf(':', PREFIX.length());
            if (end > 0) {
                String keyId = token.substring(PREFIX.length(), end);
                if (KEY_ID.matcher(keyId).matches()) {
                    return keyId;
                }
            }
        }
        // Never echo the input: a value that is not a token may be plaintext personal data.
        throw new FieldCryptoException("Not an encrypted field token (expected " + PREFIX + "<keyId>:<iv>:<data>)");
    }

    /** True if the token is under an older key than the current one (what the rotation command looks for). */
    public boolean needsReencryption(String token) {
        return !keyId(token).equals(keys.currentKeyId());
    }

    /** The same value under the current key; a token already under it is returned as is. */
    public String reencrypt(String token) {
        return reencrypt(token, null);
    }

    /**
     * As {@link #reencrypt(String)}, for a token made with associated data {@code aad}. Byte-exact: a token from
     * {@link #encryptBytes} holding bytes that are not UTF-8 keeps them.
     */
    public String reencrypt(String token, String aad) {
        if (token == null) {
            return null;
        }
        byte[] plaintext = open(token, aad);
        if (!needsReencryption(token)) {
            return token;
        }
        return seal(plaintext, aad);
    }

    /** The blind index of a value normalised as {@link FieldKind#TEXT}: 64 hex digits, or null for null. */
    public String blindIndex(String value) {
        return blindIndex(FieldKind.TEXT, value);
    }

    /**
     * HMAC-SHA256 under the index key of the value normalised for its kind, as 64 lower-case hex digits; null for
     * null. Equal after normalisation ⇔ equal index, so a search computes the index of the term and looks it up.
     */
    public String blindIndex(FieldKind kind, String value) {
        if (value == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(keys.macKey());
            return HexFormat.of().formatHex(mac.doFinal(kind.normalise(value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new FieldCryptoException("HMAC-SHA256 with the field index key failed", e);
        }
    }

    @Override
    public String toString() {
        return "FieldCipher[current key " + keys.currentKeyId() + "]";
    }

    /** The authenticated prefix, then a length-prefixed caller AAD: no two (prefix, aad) pairs encode alike. */
    private static byte[] associatedData(String header, String aad) {
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        if (aad == null) {
            return h;
        }
        byte[] a = aad.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(h.length + 4 + a.length).put(h).putInt(a.length).put(a).array();
    }

    private static void requireKeyId(String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new FieldCryptoException("Field key ids must match " + KEY_ID.pattern());
        }
    }

    private record Token(String keyId, byte[] iv, byte[] sealed) {

        String header() {
            return PREFIX + keyId + ":";
        }

        static Token parse(String token) {
            Token t = tryParse(token);
            if (t == null) {
                // Never echo the input: a value that is not a token may be plaintext personal data.
                throw new FieldCryptoException("Not an encrypted field token (expected " + PREFIX + "<keyId>:<iv>:<data>)");
            }
            return t;
        }

        static Token tryParse(String token) {
            if (token == null || !token.startsWith(PREFIX)) {
                return null;
            }
            String[] parts = token.substring(PREFIX.length()).split(":", -1);
            if (parts.length != 3 || !KEY_ID.matcher(parts[0]).matches() || !B64URL.matcher(parts[1]).matches()
                    || !B64URL.matcher(parts[2]).matches()) {
                return null;
            }
            try {
                byte[] iv = DECODER.decode(parts[1]);
                byte[] sealed = DECODER.decode(parts[2]);
                if (iv.length != IV_BYTES || sealed.length < TAG_BITS / 8) {
                    return null;
                }
                return new Token(parts[0], iv, sealed);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return "Token[" + keyId + "]";
        }
    }
}

package io.cluehub.security.crypto;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.security.io.PrivateFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Field keys in a PKCS12 keystore file outside the database, by default {@code <dataDir>/keys/field-keys.p12}: AES-256
 * keys {@code field-aes-1}, {@code field-aes-2}, … (the highest number is current) and the HMAC-SHA256 key
 * {@code field-hmac}. The password comes from the environment ({@value #PASSWORD_ENV}) in production; the demo
 * profile generates it into {@code <dataDir>/keys/field-keys.pass} (mode {@code 0600}) at first start.
 *
 * <p>{@link #rotate()} adds a key and rewrites the file atomically. Another hub instance sharing the file picks the
 * new key up for decryption the first time it meets a token under it; call {@link #reload()} to also encrypt with it.
 */
public final class KeyStoreFieldKeys implements FieldKeys {

    /** Environment variable holding the keystore password outside the demo profile. */
    public static final String PASSWORD_ENV = "CLUEHUB_FIELD_KEYS_PASSWORD";
    public static final String AES_ALIAS_PREFIX = "field-aes-";
    public static final String HMAC_ALIAS = "field-hmac";

    private static final String TYPE = "PKCS12";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The n of {@code field-aes-<n>}: looked up for every token sealed or opened, so compiled once. */
    private static final Pattern KEY_NUMBER = Pattern.compile("[1-9][0-9]{0,8}");
    // File locks are per JVM, not per thread: rotations inside one JVM queue here first.
    private static final Object ROTATION = new Object();

    private final Path path;
    private final char[] password;
    private TreeMap<Integer, SecretKey> aesKeys;
    private SecretKey macKey;
    private byte[] loadedDigest;

    private KeyStoreFieldKeys(Path path, char[] password) {
        this.path = path.toAbsolutePath();
        this.password = password.clone();
    }

    /** {@code <dataDir>/keys/field-keys.p12}. */
    public static Path keystorePath(Path dataDir) {
        return dataDir.resolve("keys").resolve("field-keys.p12");
    }

    /** {@code <dataDir>/keys/field-keys.pass}, the demo profile's generated password. */
    public static Path passwordPath(Path dataDir) {
        return dataDir.resolve("keys").resolve("field-keys.pass");
    }

    /** Opens an existing keystore. */
    public static KeyStoreFieldKeys open(Path keystore, char[] password) {
        if (!Files.exists(keystore)) {
            throw new FieldCryptoException("No field keystore at " + keystore.toAbsolutePath());
        }
        KeyStoreFieldKeys keys = new KeyStoreFieldKeys(keystore, password);
        keys.reload();
        return keys;
    }

    /** Opens the keystore, creating it with {@code field-aes-1} and {@code field-hmac} if it does not exist. */
    public static KeyStoreFieldKeys openOrCreate(Path keystore, char[] password) {
        if (!Files.exists(keystore)) {
            KeyStoreFieldKeys fresh = new KeyStoreFieldKeys(keystore, password);
            byte[] content = fresh.store(new TreeMap<>(Map.of(1, newAesKey())), newMacKey());
            // Of several instances starting on a fresh data folder, one creates the file and all read it.
            PrivateFiles.createIfAbsent(keystore, content);
        }
        return open(keystore, password);
    }

    /**
     * The demo profile: {@code <dataDir>/keys/field-keys.p12} with the password in {@code field-keys.pass} beside it,
     * both generated at first start (folder {@code 0700}, files {@code 0600}).
     */
    public static KeyStoreFieldKeys demo(Path dataDir) {
        Path passwordFile = passwordPath(dataDir);
        PrivateFiles.createIfAbsent(passwordFile,
                (CredentialFile.generateSecret() + "\n").getBytes(StandardCharsets.US_ASCII));
        char[] password;
        try {
            password = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + passwordFile.toAbsolutePath(), e);
        }
        try {
            return openOrCreate(keystorePath(dataDir), password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The password in {@value #PASSWORD_ENV}; fails, naming the variable, if it is unset or empty. */
    public static char[] passwordFromEnvironment() {
        String value = System.getenv(PASSWORD_ENV);
        if (value == null || value.isEmpty()) {
            throw new FieldCryptoException("Set " + PASSWORD_ENV + " to the field keystore password");
        }
        return value.toCharArray();
    }

    @Override
    public synchronized String currentKeyId() {
        return AES_ALIAS_PREFIX + aesKeys.lastKey();
    }

    @Override
    public Optional<SecretKey> aesKey(String keyId) {
        Integer number = number(keyId);
        if (number == null) {
            return Optional.empty();
        }
        synchronized (this) {
            if (!aesKeys.containsKey(number) && fileChanged()) {
                // Another instance rotated: read its new key rather than fail its tokens.
                reload();
            }
            return Optional.ofNullable(aesKeys.get(number));
        }
    }

    @Override
    public synchronized SecretKey macKey() {
        return macKey;
    }

    /** Key ids of every AES key, oldest first. */
    public synchronized List<String> keyIds() {
        return aesKeys.keySet().stream().map(n -> AES_ALIAS_PREFIX + n).toList();
    }

    public Path path() {
        return path;
    }

    /**
     * Adds a fresh AES-256 key numbered one above the highest, makes it current and rewrites the keystore. Reads the
     * file first so a key another instance added is never lost. Returns the new key id. Old keys stay for decryption;
     * re-encrypt stored values with {@link FieldCipher#reencrypt} afterwards.
     */
    public synchronized String rotate() {
        // Two rotations at once (two instances, or a command beside a running hub) must not both write key n+1:
        // the loser's key would vanish with every value encrypted under it.
        synchronized (ROTATION) {
            Path lockFile = path.resolveSibling(path.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                reload();
                TreeMap<Integer, SecretKey> next = new TreeMap<>(aesKeys);
                int number = next.lastKey() + 1;
                next.put(number, newAesKey());
                PrivateFiles.replace(path, store(next, macKey));
                reload();
                return AES_ALIAS_PREFIX + number;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot lock " + lockFile + " to rotate the field keys", e);
            }
        }
    }

    /** Re-reads the keystore file (after a rotation elsewhere). */
    public synchronized void reload() {
        KeyStore store;
        byte[] content = readFile();
        try {
            store = KeyStore.getInstance(TYPE);
            store.load(new ByteArrayInputStream(content), password);
        } catch (IOException | GeneralSecurityException e) {
            // The JDK says "keystore password was incorrect" or names the damage; neither quotes a secret.
            throw new FieldCryptoException("Cannot open field keystore " + path + " (wrong password or damaged file)",
                    e);
        }
        TreeMap<Integer, SecretKey> aes = new TreeMap<>();
        SecretKey mac = null;
        try {
            for (String alias : Collections.list(store.aliases())) {
                Key key = store.getKey(alias, password);
                if (key == null || key.getEncoded() == null) {
                    continue;
                }
                if (HMAC_ALIAS.equals(alias)) {
                    mac = new SecretKeySpec(key.getEncoded(), "HmacSHA256");
                } else if (number(alias) != null) {
                    aes.put(number(alias), new SecretKeySpec(key.getEncoded(), "AES"));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new FieldCryptoException("Cannot read the keys of field keystore " + path, e);
        }
        if (aes.isEmpty() || mac == null) {
            throw new FieldCryptoException("Field keystore " + path + " needs at least one " + AES_ALIAS_PREFIX
                    + "<n> key and a " + HMAC_ALIAS + " key");
        }
        this.aesKeys = aes;
        this.macKey = mac;
        this.loadedDigest = sha256(content);
    }

    @Override
    public synchronized String toString() {
        return "KeyStoreFieldKeys[" + path + ", keys " + keyIds() + ", current " + currentKeyId() + "]";
    }

    /** By content, not timestamp: a rotation elsewhere can land within the file system's timestamp granularity. */
    private boolean fileChanged() {
        try {
            return !MessageDigest.isEqual(sha256(Files.readAllBytes(path)), loadedDigest);
        } catch (IOException e) {
            return false;
        }
    }

    private byte[] readFile() {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read field keystore " + path, e);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private byte[] store(Map<Integer, SecretKey> aes, SecretKey mac) {
        try {
            KeyStore store = KeyStore.getInstance(TYPE);
            store.load(null, password);
            KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password);
            for (Map.Entry<Integer, SecretKey> e : aes.entrySet()) {
                store.setEntry(AES_ALIAS_PREFIX + e.getKey(), new KeyStore.SecretKeyEntry(e.getValue()), protection);
            }
            store.setEntry(HMAC_ALIAS, new KeyStore.SecretKeyEntry(mac), protection);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new FieldCryptoException("Cannot write field keystore " + path, e);
        }
    }

    /** The n of {@code field-aes-<n>}, or null. */
    private static Integer number(String keyId) {
        if (keyId == null || !keyId.startsWith(AES_ALIAS_PREFIX)) {
            return null;
        }
        String digits = keyId.substring(AES_ALIAS_PREFIX.length());
        if (!KEY_NUMBER.matcher(digits).matches()) {
            return null;
        }
        return Integer.valueOf(digits);
    }

    private static SecretKey newAesKey() {
        return generate("AES");
    }

    private static SecretKey newMacKey() {
        return generate("HmacSHA256");
    }

    private static SecretKey generate(String algorithm) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance(algorithm);
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new FieldCryptoException("Cannot generate a " + algorithm + " key", e);
        }
    }
}

package io.cluehub.security.identity;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A properties file of generated secrets, {@code name=secret} per line, readable by its owner only. The demo profile
 * keeps every office's broker password ({@code SAMR-330106=…}) and every REST demo user ({@code rest.investigator=…})
 * here: generated at first start, reused later, never logged and never committed.
 */
public final class CredentialFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final Map<String, String> secrets;

    private CredentialFile(Path path, Map<String, String> secrets) {
        this.path = path;
        this.secrets = secrets;
    }

    /** Loads the file, generating a fresh secret for every name it lacks, and writes it back if anything was added. */
    public static CredentialFile ensure(Path path, Collection<String> names) {
        CredentialFile file = new CredentialFile(path, read(path));
        file.ensure(names);
        return file;
    }

    /** Generates a secret for every name this file lacks (say, offices connected by a directory reload) and saves. */
    public synchronized void ensure(Collection<String> names) {
        boolean added = false;
        for (String name : names) {
            if (!secrets.containsKey(name)) {
                secrets.put(name, generateSecret());
                added = true;
            }
        }
        if (added) {
            write(path, secrets);
        }
    }

    public synchronized Optional<String> secret(String name) {
        return Optional.ofNullable(secrets.get(name));
    }

    public Path path() {
        return path;
    }

    /** 24 random bytes, URL-safe Base64 without padding: 32 characters, 192 bits. */
    public static String generateSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> read(Path path) {
        Map<String, String> secrets = new TreeMap<>();
        if (Files.exists(path)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read credential file " + path, e);
            }
            properties.stringPropertyNames().forEach(name -> secrets.put(name, properties.getProperty(name)));
        }
        return secrets;
    }

    private static void write(Path path, Map<String, String> secrets) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".credentials", ".tmp");
            restrictToOwner(tmp);
            try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                writer.write("# Generated secrets of the Clue Hub demo profile. Keep private; never commit.\n");
                for (Map.Entry<String, String> e : secrets.entrySet()) {
                    writer.write(e.getKey() + "=" + e.getValue() + "\n");
                }
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write credential file " + path, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Non-POSIX file systems keep their default ACLs; the file still never leaves the data directory.
        }
    }
}

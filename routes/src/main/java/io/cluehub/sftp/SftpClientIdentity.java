package io.cluehub.sftp;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's identity as an SFTP client: its private key (OpenSSH/PEM, generated with JSch at first start when the file
 * is absent, mode 0600, its public half beside it as {@code <key>.pub} for offices to authorise) and the known-hosts
 * file that lists the only host keys the hub accepts ({@code strictHostKeyChecking=yes}; created empty if absent).
 */
public final class SftpClientIdentity {

    private static final Logger LOG = LoggerFactory.getLogger(SftpClientIdentity.class);

    private final Path privateKey;
    private final Path knownHosts;

    private SftpClientIdentity(Path privateKey, Path knownHosts) {
        this.privateKey = privateKey;
        this.knownHosts = knownHosts;
    }

    /** Opens the identity, generating the key pair and an empty known-hosts file where they do not exist yet. */
    public static SftpClientIdentity ensure(Path privateKey, Path knownHosts) {
        try {
            if (privateKey.getParent() != null) {
                Files.createDirectories(privateKey.getParent());
            }
            if (knownHosts.getParent() != null) {
                Files.createDirectories(knownHosts.getParent());
            }
            if (!Files.exists(privateKey)) {
                generate(privateKey);
                LOG.info("Generated the hub's SFTP client key {}; offices authorise {}.pub", privateKey, privateKey);
            }
            if (!Files.exists(knownHosts)) {
                Files.createFile(knownHosts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the hub's SFTP identity under " + privateKey.getParent(), e);
        }
        return new SftpClientIdentity(privateKey, knownHosts);
    }

    private static void generate(Path file) throws IOException {
        try {
            KeyPair pair = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            restrict(tmp);
            pair.writePrivateKey(tmp.toString());
            pair.writePublicKey(file + ".pub", "cluehub-hub");
            Files.move(tmp, file);
            pair.dispose();
        } catch (JSchException e) {
            throw new IOException("Cannot generate an ECDSA key with JSch", e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the operator protects the folder
        }
    }

    public Path privateKey() {
        return privateKey;
    }

    public Path publicKey() {
        return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
    }

    public Path knownHosts() {
        return knownHosts;
    }

    /**
     * Makes {@code hostKey} (an OpenSSH public key line, {@code <algorithm> <base64>}) the one known key of
     * {@code host:port}, replacing any earlier line for it. Used for the hub's own demo server only: the host keys of
     * real offices come from the operator.
     */
    public synchronized void trust(String host, int port, String hostKey) {
        String name = port == 22 ? host : "[" + host + "]:" + port;
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(knownHosts, StandardCharsets.UTF_8)) {
                if (!line.startsWith(name + " ")) {
                    lines.add(line);
                }
            }
            lines.add(name + " " + hostKey.trim());
            Files.write(knownHosts, lines, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update " + knownHosts, e);
        }
    }
}

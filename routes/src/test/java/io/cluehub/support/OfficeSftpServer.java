package io.cluehub.support;

import io.cluehub.sftp.SftpClientIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SFTP office's own server for tests: Apache MINA SSHD on a free loopback port, one user, the office's folders
 * under a temporary root, key login with the hub's client key only, and its host key written to the hub's known hosts.
 */
public final class OfficeSftpServer implements AutoCloseable {

    private final SshServer server;
    private final Path home;

    private OfficeSftpServer(SshServer server, Path home) {
        this.server = server;
        this.home = home;
    }

    /** Starts a server for {@code user}, trusting the hub identity under {@code dataDir/sftp/} (created if absent). */
    public static OfficeSftpServer start(Path dataDir, String user) {
        try {
            SftpClientIdentity hub = SftpClientIdentity.ensure(dataDir.resolve("sftp/hub_id_ecdsa"),
                    dataDir.resolve("sftp/known_hosts"));
            Path home = Files.createDirectories(dataDir.resolve("office-sftp").resolve(user));
            for (String folder : List.of("outbox", "inbox", "receipts", "processed", "failed")) {
                Files.createDirectories(home.resolve(folder));
            }
            SshServer server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(
                    dataDir.resolve("office-sftp/host-key.ser"));
            keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
            server.setKeyPairProvider(keys);
            AuthorizedKeysAuthenticator hubKey = new AuthorizedKeysAuthenticator(hub.publicKey());
            server.setPublickeyAuthenticator((u, key, session) -> user.equals(u) && hubKey.authenticate(u, key, session));
            server.setPasswordAuthenticator((u, p, session) -> false);
            server.setFileSystemFactory(new VirtualFileSystemFactory(home));
            server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            server.start();
            hub.trust("127.0.0.1", server.getPort(),
                    PublicKeyEntry.toString(keys.loadKeys(null).iterator().next().getPublic()));
            return new OfficeSftpServer(server, home);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the test SFTP server", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** The login folder; the office's folders are beneath it. */
    public Path home() {
        return home;
    }

    /**
     * Drops a file the way an office should: its detached signature {@code <name>.jws} first (signed with the office's
     * demo key under {@code dataDir/demo-keys/}), then the file, written under a temporary name and renamed.
     */
    public Path drop(String name, byte[] content, Path keyFile) {
        return drop(name, content, keyFile, null);
    }

    /** A signed drop with the file's modification time set (an office dropping the same file again later). */
    public Path drop(String name, byte[] content, Path keyFile, java.nio.file.attribute.FileTime modified) {
        try {
            Files.writeString(home.resolve("outbox").resolve(name + ".jws"),
                    io.cluehub.security.signature.DetachedJws.sign(content,
                            io.cluehub.security.signature.KeyFiles.load(keyFile)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drop(name, content, modified);
    }

    /** Drops a file without a signature, written under a temporary name, then renamed into the pickup folder. */
    public Path drop(String name, byte[] content) {
        return drop(name, content, (java.nio.file.attribute.FileTime) null);
    }

    /** Like {@link #drop(String, byte[])}, with the file's modification time set before it appears. */
    public Path drop(String name, byte[] content, java.nio.file.attribute.FileTime modified) {
        try {
            Path tmp = home.resolve(".incoming-" + System.nanoTime());
            Files.write(tmp, content);
            if (modified != null) {
                Files.setLastModifiedTime(tmp, modified);
            }
            return Files.move(tmp, home.resolve("outbox").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}

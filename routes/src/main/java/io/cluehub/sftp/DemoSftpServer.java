package io.cluehub.sftp;

import io.cluehub.directory.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.function.Supplier;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SFTP server (Apache MINA SSHD) that stands in for the SFTP offices' own servers when the hub runs on one
 * machine with the demo directory. Each {@code sftp} office that points at this server (same host and port) has a home
 * folder {@code <root>/<officeId>/} with its pickup, delivery and receipts folders; only the hub's client key may log
 * in, as one of those offices. The host key is generated once under the root and added to the hub's known hosts.
 */
public class DemoSftpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSftpServer.class);

    private final SshServer server;
    private final Path root;

    private DemoSftpServer(SshServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    /**
     * Starts the server on {@code host:port} ({@code 0}: any free port) for the users {@code offices} supplies at
     * login time, each confined to its own home folder.
     */
    public static DemoSftpServer start(String host, int port, Path folder, SftpClientIdentity hub,
            Supplier<List<Connection>> offices) {
        Path root = folder.toAbsolutePath().normalize(); // a relative home breaks MINA's virtual FS ("cannot list .")
        try {
            Files.createDirectories(root);
            SshServer server = SshServer.setUpDefaultServer();
            server.setHost(host);
            server.setPort(port);
            SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(root.resolve("host-key.ser"));
            hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
            hostKeys.setKeySize(256);
            server.setKeyPairProvider(hostKeys);
            AuthorizedKeysAuthenticator hubKey = new AuthorizedKeysAuthenticator(hub.publicKey());
            server.setPublickeyAuthenticator((user, key, session) ->
                    isOffice(offices, user) && hubKey.authenticate(user, key, session));
            server.setPasswordAuthenticator((user, password, session) -> false);
            server.setKeyboardInteractiveAuthenticator(null);
            VirtualFileSystemFactory homes = new VirtualFileSystemFactory(root.resolve("nobody")) {
                @Override
                public Path getUserHomeDir(org.apache.sshd.common.session.SessionContext session) throws IOException {
                    Path home = root.resolve(session.getUsername());
                    Files.createDirectories(home);
                    return home;
                }
            };
            server.setFileSystemFactory(homes);
            server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            server.start();
            PublicKey hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
            hub.trust(host, server.getPort(), PublicKeyEntry.toString(hostKey));
            LOG.info("Demo SFTP server for the directory's SFTP offices on {}:{}, folders under {}", host,
                    server.getPort(), root);
            return new DemoSftpServer(server, root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the demo SFTP server on " + host + ":" + port, e);
        }
    }

    private static boolean isOffice(Supplier<List<Connection>> offices, String user) {
        return offices.get().stream().anyMatch(c -> c.officeId().equals(user));
    }

    /** Creates an office's home folders, so that an operator sees where to drop files. */
    public void prepare(String officeId, List<String> folders) {
        try {
            for (String folder : folders) {
                Files.createDirectories(root.resolve(officeId).resolve(folder));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}

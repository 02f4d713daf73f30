package io.cluehub.signature;

import io.cluehub.directory.Connection;
import io.cluehub.directory.Directory;
import io.cluehub.directory.DirectoryChange;
import io.cluehub.security.signature.KeyFiles;
import io.cluehub.security.signature.KeyResolver;
import io.cluehub.security.signature.OfficeKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The offices' public signing keys the hub verifies against: the keys each directory entry lists (with validity and
 * revocation), and in the demo a generated key for every connected office whose entry lists none (private half written
 * to {@code <dataDir>/demo-keys/<officeId>.jwk} for the demo's clients, never logged). A key of an office that is no
 * longer connected no longer verifies anything.
 */
public class SigningKeys implements KeyResolver, DirectoryChange.Listener {

    private final Directory directory;
    private final Path demoKeyDir;
    private final Map<String, OfficeKey> demoKeys = new ConcurrentHashMap<>();

    /** @param demoKeyDir where demo keys are generated, or {@code null} for none (directory keys only) */
    public SigningKeys(Directory directory, Path demoKeyDir) {
        this.directory = directory;
        this.demoKeyDir = demoKeyDir;
        addDemoKeys(List.copyOf(directory.connections()));
    }

    @Override
    public Optional<OfficeKey> find(String kid) {
        Optional<OfficeKey> listed = directory.signingKey(kid);
        if (listed.isPresent()) {
            return listed;
        }
        OfficeKey demo = demoKeys.get(kid);
        if (demo == null) {
            return Optional.empty();
        }
        // A demo key counts only while its office is connected and its entry lists no keys of its own.
        return directory.connection(demo.officeId()).filter(c -> c.keys().isEmpty()).map(c -> demo);
    }

    @Override
    public void directoryChanging(DirectoryChange change) {
        addDemoKeys(change.connected());
    }

    private void addDemoKeys(List<Connection> connections) {
        if (demoKeyDir == null) {
            return;
        }
        List<String> ids = connections.stream().filter(c -> c.keys().isEmpty()).map(Connection::officeId).toList();
        KeyFiles.ensureDemoKeys(demoKeyDir, ids).forEach((office, key) ->
                demoKeys.put(key.getKeyID(), OfficeKey.of(office, key)));
    }
}

package io.cluehub.security.signature;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a signing key by its key id: in the hub, the directory. A resolver that cannot answer (database down)
 * throws; {@link DetachedJws#verify} lets that propagate, since it is an infrastructure fault, not a bad signature.
 */
@FunctionalInterface
public interface KeyResolver {

    Optional<OfficeKey> find(String kid);

    /** A fixed set of keys, for tests and small directories; key ids must be unique. */
    static KeyResolver of(Collection<OfficeKey> keys) {
        Map<String, OfficeKey> byKid = new HashMap<>();
        for (OfficeKey key : keys) {
            if (byKid.putIfAbsent(key.kid(), key) != null) {
                throw new IllegalArgumentException("Duplicate key id " + key.kid());
            }
        }
        Map<String, OfficeKey> frozen = Map.copyOf(byKid);
        return kid -> Optional.ofNullable(frozen.get(kid));
    }
}

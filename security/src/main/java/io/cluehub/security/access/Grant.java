package io.cluehub.security.access;

import java.util.Set;

/** One role's permissions on the addresses an Artemis address match ({@code hub.inbound}, {@code #}, …) selects. */
public record Grant(String addressMatch, String role, Set<Permission> permissions) {

    public Grant {
        permissions = Set.copyOf(permissions);
    }
}

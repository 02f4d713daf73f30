package io.cluehub.web;

import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Which office a REST caller acts for. A {@code case-officer} or {@code agency-system} caller acts for exactly one
 * office: with HTTP Basic, the demo user named by its office id (agency systems: {@code system.<office id>}); with a bearer token, the office named in the
 * {@code cluehub.rest.office-claim} claim (default {@code office}). Investigators, auditors and operators act for no
 * office and oversee: they may read every case object; an office reads only those it is party to.
 */
@Component
public class CallerOffice {

    private final String officeClaim;

    public CallerOffice(@Value("${cluehub.rest.office-claim:office}") String officeClaim) {
        this.officeClaim = officeClaim;
    }

    /** The office the caller acts for, if it is an office's user. */
    public Optional<String> office(Authentication caller) {
        if (caller == null || !(hasRole(caller, WebSecurityConfiguration.ROLE_CASE_OFFICER)
                || hasRole(caller, WebSecurityConfiguration.ROLE_AGENCY_SYSTEM))) {
            return Optional.empty();
        }
        if (caller instanceof JwtAuthenticationToken jwt) {
            return Optional.ofNullable(jwt.getToken().getClaimAsString(officeClaim));
        }
        String name = caller.getName();
        if (hasRole(caller, WebSecurityConfiguration.ROLE_AGENCY_SYSTEM) && name != null
                && name.startsWith(io.cluehub.config.DemoCredentialsConfiguration.AGENCY_SYSTEM_PREFIX)) {
            return Optional.of(name.substring(io.cluehub.config.DemoCredentialsConfiguration.AGENCY_SYSTEM_PREFIX.length()));
        }
        return Optional.ofNullable(name);
    }

    /** Whether the caller oversees every case (investigator, auditor, operator). */
    public boolean oversees(Authentication caller) {
        return caller != null && (hasRole(caller, WebSecurityConfiguration.ROLE_INVESTIGATOR)
                || hasRole(caller, WebSecurityConfiguration.ROLE_AUDITOR)
                || hasRole(caller, WebSecurityConfiguration.ROLE_OPERATOR));
    }

    private static boolean hasRole(Authentication caller, String role) {
        String authority = "ROLE_" + role;
        for (GrantedAuthority granted : caller.getAuthorities()) {
            if (authority.equals(granted.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}

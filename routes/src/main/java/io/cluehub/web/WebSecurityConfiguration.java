package io.cluehub.web;

import io.cluehub.config.DemoCredentialsConfiguration;
import io.cluehub.directory.Connection;
import io.cluehub.directory.Directory;
import io.cluehub.directory.DirectoryChange;
import io.cluehub.security.identity.CredentialFile;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every REST endpoint needs an authenticated user with the right role; only the health summary is open. The embedded
 * profile's users authenticate with HTTP Basic and the generated passwords of the demo credentials file: one per role
 * ({@code investigator}, {@code auditor}, {@code operator}), one {@code case-officer} per connected office, named by
 * office id, and one {@code agency-system} per connected office, named {@code system.<office id>}. Refusals are
 * problem documents ({@link ProblemSecurityHandlers}).
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurityConfiguration {

    public static final String ROLE_INVESTIGATOR = "investigator";
    public static final String ROLE_AUDITOR = "auditor";
    public static final String ROLE_OPERATOR = "operator";
    public static final String ROLE_CASE_OFFICER = "case-officer";
    public static final String ROLE_AGENCY_SYSTEM = "agency-system";

    private static final int BCRYPT_COST_FOR_GENERATED_SECRETS = 4;

    /**
     * Production: an OAuth2 resource server. When Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*}
     * names an issuer or JWK set (so a {@link JwtDecoder} exists), bearer tokens are accepted beside the demo users;
     * a token's roles come from its {@code cluehub.rest.roles-claim} claim (default {@code roles}), e.g.
     * {@code ["investigator"]}, and its subject is the user name.
     */
    @Bean
    public SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> jwt,
            @Value("${cluehub.rest.roles-claim:roles}") String rolesClaim,
            tools.jackson.databind.json.JsonMapper json) throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers(json, jwt.getIfAvailable() != null);
        if (jwt.getIfAvailable() != null) {
            JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
            roles.setAuthoritiesClaimName(rolesClaim);
            roles.setAuthorityPrefix("ROLE_");
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(roles);
            http.oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(converter))
                    .authenticationEntryPoint(problems).accessDeniedHandler(problems));
        }
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/api/v1/keys/**").permitAll()
                        .requestMatchers("/api/v1/archive/verify", "/api/v1/archive/timestamps",
                                "/api/v1/archive/timestamps/**").hasRole(ROLE_AUDITOR)
                        .requestMatchers("/api/v1/archive/keys/**").hasRole(ROLE_OPERATOR)
                        .requestMatchers("/api/v1/archive/purges", "/api/v1/archive/purges/**").hasRole(ROLE_AUDITOR)
                        .requestMatchers("/api/v1/archive/holds", "/api/v1/archive/holds/**")
                                .hasAnyRole(ROLE_INVESTIGATOR, ROLE_AUDITOR)
                        .requestMatchers("/api/v1/archive/**").hasRole(ROLE_INVESTIGATOR)
                        .requestMatchers("/api/v1/replays", "/api/v1/replays/**").hasRole(ROLE_INVESTIGATOR)
                        .requestMatchers("/api/v1/directory/**").authenticated()
                        .requestMatchers("/api/v1/consultations/**", "/api/v1/clues/**", "/api/v1/lists",
                                "/api/v1/lists/**").hasAnyRole(ROLE_CASE_OFFICER,
                                ROLE_AGENCY_SYSTEM, ROLE_INVESTIGATOR, ROLE_AUDITOR, ROLE_OPERATOR)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs.yaml").permitAll()
                        .requestMatchers("/api/v1/messages", "/api/v1/inbox", "/api/v1/inbox/**", "/api/v1/receipts",
                                "/api/v1/receipts/**").hasAnyRole(ROLE_AGENCY_SYSTEM, ROLE_CASE_OFFICER)
                        .requestMatchers("/actuator/**").hasRole(ROLE_OPERATOR)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * The demo users' passwords are generated secrets of 192 random bits ({@link CredentialFile#generateSecret()}),
     * not chosen by people, so a slow hash adds nothing against guessing them: BCrypt at its lowest cost, 4, instead of
     * Spring's default 10, which costs 64 times as much: with it every start spent 5.4 s of CPU hashing the demo
     * directory's users (the largest single item in a start of the packaged hub), and every HTTP Basic request
     * spent as long as one of them checking its password.
     */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(BCRYPT_COST_FOR_GENERATED_SECRETS);
    }

    @Bean
    public InMemoryUserDetailsManager demoUsers(CredentialFile demoCredentials, Directory directory,
            PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        for (String role : DemoCredentialsConfiguration.REST_ROLE_USERS) {
            users.add(user(role, role, demoCredentials, encoder));
        }
        for (Connection office : directory.connections()) {
            users.add(user(office.officeId(), ROLE_CASE_OFFICER, demoCredentials, encoder));
            users.add(user(systemUser(office.officeId()), ROLE_AGENCY_SYSTEM, demoCredentials, encoder));
        }
        return new InMemoryUserDetailsManager(users);
    }

    /** Keeps the case-officer users in step with the connected offices when the directory is reloaded. */
    @Bean
    public DirectoryChange.Listener restUsersFollowDirectory(InMemoryUserDetailsManager demoUsers,
            CredentialFile demoCredentials, PasswordEncoder encoder) {
        return change -> {
            demoCredentials.ensure(change.connected().stream()
                    .flatMap(c -> java.util.stream.Stream.of(DemoCredentialsConfiguration.restKey(c.officeId()),
                            DemoCredentialsConfiguration.restKey(systemUser(c.officeId()))))
                    .toList());
            change.connected().forEach(c -> demoUsers.createUser(
                    user(c.officeId(), ROLE_CASE_OFFICER, demoCredentials, encoder)));
            change.connected().forEach(c -> demoUsers.createUser(
                    user(systemUser(c.officeId()), ROLE_AGENCY_SYSTEM, demoCredentials, encoder)));
            change.disconnected().forEach(c -> demoUsers.deleteUser(c.officeId()));
            change.disconnected().forEach(c -> demoUsers.deleteUser(systemUser(c.officeId())));
        };
    }

    /** The demo agency-system user of an office: {@code system.<office id>}. */
    public static String systemUser(String officeId) {
        return DemoCredentialsConfiguration.AGENCY_SYSTEM_PREFIX + officeId;
    }

    static UserDetails user(String name, String role, CredentialFile credentials, PasswordEncoder encoder) {
        String secret = credentials.secret(DemoCredentialsConfiguration.restKey(name)).orElseThrow();
        return User.withUsername(name).password(encoder.encode(secret)).roles(role).build();
    }
}

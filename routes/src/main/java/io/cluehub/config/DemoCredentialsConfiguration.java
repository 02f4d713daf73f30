package io.cluehub.config;

import io.cluehub.broker.EmbeddedBrokerConfiguration;
import io.cluehub.directory.Connection;
import io.cluehub.directory.Directory;
import io.cluehub.security.identity.CredentialFile;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The generated secrets of the demo profile in {@code <dataDir>/demo-credentials.properties}: one broker password per
 * connected office ({@code OFFICEID=password}), the broker operator ({@code hub-operator=…}) and the REST demo users
 * ({@code rest.<username>=…}: the role users, a case officer per office named by its id and an agency system per office
 * named {@code system.<office id>}). Generated at first start, reused later, never logged.
 */
@Configuration(proxyBeanMethods = false)
public class DemoCredentialsConfiguration {

    public static final String FILE_NAME = "demo-credentials.properties";
    /** REST demo users that are not offices. */
    public static final List<String> REST_ROLE_USERS = List.of("investigator", "auditor", "operator");
    /** REST demo users of role agency-system are named {@code system.<office id>}. */
    public static final String AGENCY_SYSTEM_PREFIX = "system.";

    @Bean
    public CredentialFile demoCredentials(ClueHubProperties properties, Directory directory) {
        List<String> names = new ArrayList<>();
        names.add(EmbeddedBrokerConfiguration.OPERATOR_USER);
        REST_ROLE_USERS.forEach(user -> names.add(restKey(user)));
        for (Connection office : directory.connections()) {
            names.add(office.officeId());
            names.add(restKey(office.officeId()));
            names.add(restKey(AGENCY_SYSTEM_PREFIX + office.officeId()));
        }
        return CredentialFile.ensure(properties.dataDir().resolve(FILE_NAME), names);
    }

    public static String restKey(String username) {
        return "rest." + username;
    }
}

package io.cluehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cluehub.support.HubTestSupport;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The production REST authentication: with a JWT decoder configured (here a test issuer's HS256 key standing in for
 * an identity provider's JWK set), bearer tokens are accepted and their {@code roles} claim decides what they may do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class BearerTokenTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final byte[] SECRET = new SecureRandom().generateSeed(32);

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
    }

    @TestConfiguration
    static class Issuer {
        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(SECRET, "HmacSHA256")).build();
        }
    }

    @org.springframework.beans.factory.annotation.Value("${local.server.port}")
    int port;

    private static String token(String subject, List<String> roles) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject)
                .claim("roles", roles).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    private int get(String path, String bearer) {
        RestClient.RequestHeadersSpec<?> request = RestClient.create().get().uri("http://127.0.0.1:" + port + path);
        if (bearer != null) {
            request = request.header("Authorization", "Bearer " + bearer);
        }
        return request.exchange((req, res) -> res.getStatusCode()).value();
    }

    @Test
    void aTokensRolesDecideWhatItMayDo() throws Exception {
        assertThat(get("/api/v1/archive/verify", token("audit-desk-7", List.of("auditor")))).isEqualTo(200);
        assertThat(get("/api/v1/archive/verify", token("inv-3", List.of("investigator")))).isEqualTo(403);
        assertThat(get("/api/v1/archive/verify", null)).isEqualTo(401);
        assertThat(get("/api/v1/archive/verify", "not.a.token")).isEqualTo(401);
    }
}

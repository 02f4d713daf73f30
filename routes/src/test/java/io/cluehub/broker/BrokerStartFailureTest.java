package io.cluehub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cluehub.ClueHubApplication;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.security.identity.DemoPki;
import io.cluehub.support.HubTestSupport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A hub whose broker cannot start does not run on without it. Artemis logs a failed acceptor with its parameters and
 * returns from start(); the hub refuses to start instead, and the log shows no key store or trust store password
 * (the parameters hold references, see {@link BrokerSecrets}).
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokerStartFailureTest {

    @Test
    void aTakenTlsPortStopsTheHubAndItsLogHoldsNoStorePassword(CapturedOutput output) throws Exception {
        Path data = HubTestSupport.tempDataDir();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Command-line arguments: they outrank the test configuration's ephemeral TLS port.
            String[] args = {
                "--cluehub.data-dir=" + data,
                "--cluehub.broker.port=" + HubTestSupport.freePort(),
                "--cluehub.broker.tls.port=" + taken.getLocalPort(),
                "--server.port=0"};

            assertThatThrownBy(() -> {
                // Should it start after all, it must not outlive the test.
                new SpringApplicationBuilder(ClueHubApplication.class).run(args).close();
            }).hasStackTraceContaining("The embedded broker did not start");
        }
        CredentialFile credentials = CredentialFile.ensure(data.resolve("demo-credentials.properties"), List.of());
        assertThat(output.getAll())
                .contains("agencies-tls")
                .doesNotContain(credentials.secret(DemoPki.BROKER_PASSWORD).orElseThrow())
                .doesNotContain(credentials.secret(DemoPki.TRUST_PASSWORD).orElseThrow());
    }
}

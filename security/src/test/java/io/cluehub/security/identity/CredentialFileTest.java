package io.cluehub.security.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFileTest {

    @TempDir
    Path dir;

    @Test
    void generatesOnceAndReusesOnLaterStarts() {
        Path file = dir.resolve("data/demo-credentials.properties");
        CredentialFile first = CredentialFile.ensure(file, List.of("SAMR-330106", "rest.investigator"));
        CredentialFile second = CredentialFile.ensure(file, List.of("SAMR-330106", "rest.investigator"));

        assertThat(second.secret("SAMR-330106")).isEqualTo(first.secret("SAMR-330106"));
        assertThat(first.secret("SAMR-330106").orElseThrow()).hasSize(32);
        assertThat(first.secret("SAMR-330106")).isNotEqualTo(first.secret("rest.investigator"));
    }

    @Test
    void addsSecretsForNewNamesAndKeepsOldOnes() throws Exception {
        Path file = dir.resolve("creds.properties");
        String old = CredentialFile.ensure(file, List.of("CAC-000000")).secret("CAC-000000").orElseThrow();

        CredentialFile later = CredentialFile.ensure(file, List.of("CAC-000000", "CAC-330000"));

        assertThat(later.secret("CAC-000000")).contains(old);
        assertThat(later.secret("CAC-330000")).isPresent();
        assertThat(Files.readAllLines(file)).contains("CAC-000000=" + old);
    }

    @Test
    void fileIsReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("creds.properties");
        CredentialFile.ensure(file, List.of("STA-330000"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}

package io.cluehub.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cluehub.schemas.divisions.Divisions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DirectoryFileTest {

    private static Directory demo() throws Exception {
        try (InputStream in = DirectoryFileTest.class.getResourceAsStream("/directory/demo-directory.yml")) {
            return DirectoryFile.read(in, "demo", Divisions.gbt2260());
        }
    }

    private static Directory parse(String yaml) {
        return DirectoryFile.read(yaml.getBytes(StandardCharsets.UTF_8), "test.yml", Divisions.gbt2260());
    }

    @Test
    void demoConnectsFourOfficesPerDepartmentExceptMpsXihu() throws Exception {
        Directory directory = demo();

        assertThat(directory.connections()).hasSize(27);
        assertThat(directory.isConnected("SAMR-330106")).isTrue();
        assertThat(directory.isConnected("CAC-000000")).isTrue();
        assertThat(directory.isConnected("MPS-330106")).isFalse();
        assertThat(directory.find("MPS-330106")).isPresent();
        assertThat(directory.connection("SAMR-330106").orElseThrow().channel()).isEqualTo(Channel.JMS);
    }

    @Test
    void unconnectedOfficeFallsBackToNearestConnectedAncestorOfItsDepartment() throws Exception {
        Directory directory = demo();

        assertThat(directory.deliveryOffice(directory.find("MPS-330106").orElseThrow()))
                .map(Office::id).contains("MPS-330100");
        // Binjiang District has no connected office of any department.
        assertThat(directory.deliveryOffice(directory.find("SAMR-330108").orElseThrow()))
                .map(Office::id).contains("SAMR-330100");
        // Another province falls back to the national office.
        assertThat(directory.deliveryOffice(directory.find("CAC-110000").orElseThrow()))
                .map(Office::id).contains("CAC-000000");
    }

    @Test
    void officesExistForEveryDepartmentAndRealDivisionOnly() throws Exception {
        Directory directory = demo();

        assertThat(directory.find("SAMR-330106")).hasValueSatisfying(o -> {
            assertThat(o.level()).isEqualTo(Level.COUNTY);
            assertThat(o.parentId()).isEqualTo("SAMR-330100");
        });
        assertThat(directory.find("NRTA-000000")).map(Office::level).contains(Level.NATIONAL);
        assertThat(directory.find("SAMR-330199")).isEmpty();
        assertThat(directory.find("XYZ-330106")).isEmpty();
        assertThat(directory.find("SAMR-33010")).isEmpty();
    }

    @Test
    void refusesUnknownOfficeWithItsPosition() {
        assertThatThrownBy(() -> parse("offices:\n  - id: SAMR-330106\n  - id: SAMR-330199\n"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("test.yml: offices[1]")
                .hasMessageContaining("SAMR-330199");
    }

    @Test
    void refusesUnknownChannelAndDuplicates() {
        assertThatThrownBy(() -> parse("offices:\n  - id: SAMR-330106\n    channel: fax\n"))
                .hasMessageContaining("channel 'fax'");
        assertThatThrownBy(() -> parse("offices:\n  - id: SAMR-330106\n  - id: SAMR-330106\n"))
                .hasMessageContaining("listed twice");
    }

    @Test
    void refusesMalformedYaml() {
        assertThatThrownBy(() -> parse("offices: [ {id: SAMR-330106"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("test.yml: not a valid directory file");
    }
}

package io.cluehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue codes are documented in one place, {@link IssueCode}'s descriptions; the README's table is generated from them
 * and this test keeps the two equal. When it fails, paste the table from its message between the markers in
 * {@code schemas/README.md}.
 */
class IssueCodeDocumentationTest {

    static final String START = "<!-- issue-codes:start (generated from IssueCode; IssueCodeDocumentationTest checks it) -->";
    static final String END = "<!-- issue-codes:end -->";

    static String table() {
        StringBuilder sb = new StringBuilder("| Code | Meaning |\n|---|---|\n");
        for (IssueCode c : IssueCode.values()) {
            sb.append("| `").append(c.name()).append("` | ").append(c.description().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    @Test
    void readmeTableMatchesTheIssueCodes() throws IOException {
        // Surefire runs with the module folder as the working directory.
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README.md has the issue-code markers").isNotNegative();
        assertThat(end).isGreaterThan(start);

        String documented = readme.substring(start + START.length(), end).strip() + "\n";

        assertThat(documented).as("README issue-code table; expected:%n%s", table()).isEqualTo(table());
    }

    @Test
    void everyCodeHasASentenceForItsDescription() {
        assertThat(IssueCode.values()).allSatisfy(c -> assertThat(c.description()).isNotBlank().endsWith("."));
    }
}

package io.cluehub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cluehub.directory.Directory;
import io.cluehub.directory.DirectoryFile;
import io.cluehub.schemas.divisions.Divisions;
import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.IssueCode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RecipientResolverTest {

    private static Directory directory;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void loadDirectory() throws Exception {
        try (InputStream in = RecipientResolverTest.class.getResourceAsStream("/directory/demo-directory.yml")) {
            directory = DirectoryFile.read(in, "demo", Divisions.gbt2260());
        }
    }

    private IntakeContext context(String recipientsJson) {
        String body = "{\"sender\":\"SAMR-330106\",\"recipients\":" + recipientsJson + "}";
        IntakeContext context = new IntakeContext(Instant.now(), "SAMR-330106", "ID:1",
                body.getBytes(StandardCharsets.UTF_8), null, null);
        context.message(json.readTree(body));
        return context;
    }

    @Test
    void connectedRecipientGetsItsOwnCopy() {
        IntakeContext context = context("[\"CAC-330100\"]");

        new RecipientResolver(directory).resolve(context);

        assertThat(context.deliveries()).containsExactly(new Delivery("CAC-330100", "CAC-330100", "explicit", false));
    }

    @Test
    void unconnectedRecipientFallsBackAndSaysSo() {
        IntakeContext context = context("[\"MPS-330106\"]");

        new RecipientResolver(directory).resolve(context);

        assertThat(context.deliveries()).containsExactly(new Delivery("MPS-330106", "MPS-330100", "explicit", true));
    }

    @Test
    void twoRecipientsThatLandOnTheSameOfficeGetOneCopy() {
        IntakeContext context = context("[\"MPS-330106\", \"MPS-330100\"]");

        new RecipientResolver(directory).resolve(context);

        assertThat(context.deliveries()).extracting(Delivery::deliveredTo).containsExactly("MPS-330100");
    }

    @Test
    void unknownRecipientIsRejectedAtItsPosition() {
        IntakeContext context = context("[\"CAC-330100\", \"SAMR-339999\"]");

        assertThatThrownBy(() -> new RecipientResolver(directory).resolve(context))
                .isInstanceOfSatisfying(RejectionException.class, e -> {
                    Issue issue = e.outcome().firstBlocking();
                    assertThat(issue.code()).isEqualTo(IssueCode.UNKNOWN_RECIPIENT);
                    assertThat(issue.location()).isEqualTo("/recipients/1");
                    assertThat(issue.diagnostics()).contains("SAMR-339999");
                });
    }

    @Test
    void noRecipientsIsRejected() {
        IntakeContext context = context("[]");

        assertThatThrownBy(() -> new RecipientResolver(directory).resolve(context))
                .isInstanceOfSatisfying(RejectionException.class,
                        e -> assertThat(e.code()).isEqualTo(IssueCode.NO_RECIPIENTS));
    }
}

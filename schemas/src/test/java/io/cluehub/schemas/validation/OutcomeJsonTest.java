package io.cluehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The outcome serialises the same way wherever it goes: rejection receipts now, REST problem details later. */
class OutcomeJsonTest {

    private final JsonMapper plain = JsonMapper.builder().build();

    @Test
    void serialisesWithAPlainMapperToTheDocumentedShape() {
        ValidationOutcome outcome = ValidationOutcome.of(List.of(
                Issue.error(IssueCode.SCHEMA_REQUIRED, "/payload/summary", "Property 'summary' is required.")));

        assertThat(plain.writeValueAsString(outcome)).isEqualTo(
                "{\"successful\":false,\"issues\":[{\"severity\":\"error\",\"code\":\"SCHEMA_REQUIRED\","
                        + "\"location\":\"/payload/summary\",\"diagnostics\":\"Property 'summary' is required.\"}]}");
    }

    @Test
    void successfulOutcomeHasAnEmptyIssueList() {
        assertThat(plain.writeValueAsString(ValidationOutcome.ok())).isEqualTo("{\"successful\":true,\"issues\":[]}");
    }

    @Test
    void warningsAndInformationDoNotMakeAnOutcomeUnsuccessful() {
        ValidationOutcome outcome = ValidationOutcome.of(List.of(
                Issue.warning(IssueCode.SCHEMA_VIOLATION, "", "w."),
                Issue.information(IssueCode.SCHEMA_VIOLATION, "", "i.")));

        assertThat(outcome.successful()).isTrue();
        assertThat(outcome.firstBlocking()).isNull();
    }

    @Test
    void aRealRejectionFitsTheReceiptSchema() {
        ObjectNode bad = Fixtures.valid("clue.transfer");
        ((ObjectNode) bad.get("payload")).remove("summary");
        ValidationOutcome outcome = Fixtures.VALIDATOR.validate(bad, ValidationOptions.defaults());

        ObjectNode receipt = Fixtures.valid("receipt");
        ObjectNode payload = (ObjectNode) receipt.get("payload");
        payload.put("status", "rejected");
        payload.remove("routing");
        payload.set("outcome", plain.valueToTree(outcome));

        JsonNode issue = payload.get("outcome").get("issues").get(0);
        assertThat(issue.get("severity").stringValue()).isEqualTo("error");
        assertThat(issue.get("code").stringValue()).isEqualTo("SCHEMA_REQUIRED");
        assertThat(issue.get("location").stringValue()).isEqualTo("/payload/summary");
        assertThat(Fixtures.VALIDATOR.validate(receipt, ValidationOptions.defaults()).issues()).isEmpty();
    }

    @Test
    void readsBackIntoTheSameOutcome() {
        ValidationOutcome outcome = ValidationOutcome.of(List.of(
                Issue.fatal(IssueCode.JSON_MALFORMED, "", "Bad."),
                Issue.warning(IssueCode.SCHEMA_VIOLATION, "/a~1b", "Odd.")));

        String json = plain.writeValueAsString(outcome);

        assertThat(json).contains("\"severity\":\"fatal\"", "\"severity\":\"warning\"", "\"location\":\"/a~1b\"");
    }
}

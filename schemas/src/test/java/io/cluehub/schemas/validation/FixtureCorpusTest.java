package io.cluehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fixture corpus: every valid message validates, and every case of {@code fixtures/invalid/} yields exactly the
 * issues (code and location, in order) it expects. See {@code fixtures/invalid/README.md}.
 */
class FixtureCorpusTest {

    static final List<String> TYPES = List.of(
            "clue.transfer",
            "clue.status",
            "info.share",
            "consultation.request",
            "consultation.opinion",
            "consultation.decision",
            "training.notice",
            "handling.consent",
            "clue.reminder",
            "consultation.summary",
            "list.request",
            "list.snapshot",
            "list.expired",
            "receipt");

    static Stream<String> types() {
        return TYPES.stream();
    }

    @ParameterizedTest(name = "valid {0}")
    @MethodSource("types")
    void validMessageOfEveryTypeValidates(String type) {
        ValidationOutcome outcome = Fixtures.VALIDATOR.validate(Fixtures.bytes("valid/" + type + ".json"),
                ValidationOptions.defaults());

        assertThat(outcome.issues()).isEmpty();
        assertThat(outcome.successful()).isTrue();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseYieldsExactlyItsIssues() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : caseFiles()) {
            for (JsonNode c : Fixtures.json("invalid/" + file + ".json")) {
                tests.add(DynamicTest.dynamicTest(file + ": " + c.get("name").stringValue(), () -> run(c)));
            }
        }
        return tests.stream();
    }

    @Test
    void corpusHasAtLeastFiveInvalidCasesPerType() {
        Map<String, Integer> invalid = new HashMap<>();
        for (String file : caseFiles()) {
            for (JsonNode c : Fixtures.json("invalid/" + file + ".json")) {
                if (!c.get("expect").isEmpty()) {
                    invalid.merge(c.get("base").stringValue(), 1, Integer::sum);
                }
            }
        }
        assertThat(TYPES).allSatisfy(t -> assertThat(invalid.getOrDefault(t, 0)).as(t).isGreaterThanOrEqualTo(5));
    }

    private static List<String> caseFiles() {
        List<String> files = new ArrayList<>(TYPES);
        files.add("envelope");
        return files;
    }

    private static void run(JsonNode c) {
        JsonNode message = Fixtures.valid(c.get("base").stringValue());
        for (JsonNode op : c.get("patch")) {
            message = apply(message, op);
        }
        ValidationOutcome outcome = Fixtures.VALIDATOR.validate(message, options(c.path("options")));

        List<String> expected = new ArrayList<>();
        for (JsonNode e : c.get("expect")) {
            expected.add(e.get("code").stringValue() + " at '" + e.get("location").stringValue() + "'");
        }
        List<String> actual = outcome.issues().stream()
                .map(i -> i.code().name() + " at '" + i.location() + "'")
                .toList();
        assertThat(actual).as("issues: %s", outcome.issues()).containsExactlyElementsOf(expected);
        assertThat(outcome.successful()).isEqualTo(expected.isEmpty());
        // Every diagnostics sentence is meant for a person: non-empty and ending like a sentence.
        assertThat(outcome.issues()).allSatisfy(i -> assertThat(i.diagnostics()).isNotBlank().endsWith("."));
    }

    private static ValidationOptions options(JsonNode o) {
        ValidationOptions options = ValidationOptions.defaults();
        if (o.hasNonNull("profile")) {
            options = options.withProfile(o.get("profile").stringValue());
        }
        if (o.has("replies")) {
            Map<String, String> archive = new HashMap<>();
            o.get("replies").properties().forEach(e -> archive.put(e.getKey(), e.getValue().stringValue()));
            options = options.withReplyLookup(id -> Optional.ofNullable(archive.get(id)));
        }
        return options;
    }

    /** The JSON Patch operations the corpus uses: add, replace, remove. */
    static JsonNode apply(JsonNode doc, JsonNode op) {
        String path = op.get("path").stringValue();
        String kind = op.get("op").stringValue();
        if (path.isEmpty()) {
            return op.get("value").deepCopy();
        }
        int slash = path.lastIndexOf('/');
        JsonNode parent = doc.at(path.substring(0, slash));
        String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            switch (kind) {
                case "remove" -> o.remove(last);
                case "add", "replace" -> o.set(last, op.get("value").deepCopy());
                default -> throw new IllegalArgumentException(kind);
            }
        } else if (parent instanceof ArrayNode a) {
            switch (kind) {
                case "remove" -> a.remove(Integer.parseInt(last));
                case "replace" -> a.set(Integer.parseInt(last), op.get("value").deepCopy());
                case "add" -> {
                    if ("-".equals(last)) {
                        a.add(op.get("value").deepCopy());
                    } else {
                        a.insert(Integer.parseInt(last), op.get("value").deepCopy());
                    }
                }
                default -> throw new IllegalArgumentException(kind);
            }
        } else {
            throw new IllegalArgumentException("no container at " + path);
        }
        return doc;
    }
}

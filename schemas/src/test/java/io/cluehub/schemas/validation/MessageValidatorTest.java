package io.cluehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class MessageValidatorTest {

    @Test
    void chainRunsTheModulesInOrder() {
        assertThat(Fixtures.VALIDATOR.modules()).extracting(ValidationModule::name)
                .containsExactly("json-schema", "identifiers", "divisions", "dates", "replies", "profile");
    }

    @Test
    void knowsItsVersionsTypesAndProfiles() {
        assertThat(Fixtures.VALIDATOR.schemaVersions()).containsExactly("1.0");
        assertThat(Fixtures.VALIDATOR.types("1.0")).containsExactlyElementsOf(FixtureCorpusTest.TYPES);
        assertThat(Fixtures.VALIDATOR.profiles("1.0")).containsExactly("sta");
        assertThat(Fixtures.VALIDATOR.types("0.9")).isEmpty();
    }

    @Test
    void replyRuleIsSkippedWithoutALookup() {
        ObjectNode status = Fixtures.valid("clue.status");

        assertThat(Fixtures.VALIDATOR.validate(status, ValidationOptions.defaults()).issues()).isEmpty();
    }

    @Test
    void replyLookupIsAskedForTheRepliedMessageOnly() {
        AtomicInteger calls = new AtomicInteger();
        ValidationOptions options = ValidationOptions.defaults().withReplyLookup(id -> {
            calls.incrementAndGet();
            assertThat(id).isEqualTo("6f1c2a9e-3b7d-4c1e-9a51-2f0e8d7c4b10");
            return Optional.of("clue.transfer");
        });

        assertThat(Fixtures.VALIDATOR.validate(Fixtures.valid("clue.status"), options).successful()).isTrue();
        // Types that answer nothing in particular never ask.
        assertThat(Fixtures.VALIDATOR.validate(Fixtures.valid("receipt"), options).successful()).isTrue();
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void additionalModulesRunAfterTheStandardChain() {
        ValidationModule noWeekendMessages = new ValidationModule() {
            @Override
            public String name() {
                return "house-rule";
            }

            @Override
            public void validate(ValidationContext context) {
                context.add(Issue.information(IssueCode.SCHEMA_VIOLATION, "/sentAt", "Sent on a Sunday."));
            }
        };
        MessageValidator v = MessageValidator.create(ValidatorSettings.defaults(), List.of(noWeekendMessages));

        ValidationOutcome outcome = v.validate(Fixtures.section10(), ValidationOptions.defaults());

        assertThat(v.modules()).last().extracting(ValidationModule::name).isEqualTo("house-rule");
        assertThat(outcome.successful()).isTrue();
        assertThat(outcome.issues()).extracting(Issue::severity).containsExactly(Severity.INFORMATION);
    }

    @Test
    void diagnosticsNeverRepeatAnIdentityNumber() {
        ObjectNode m = Fixtures.valid("clue.transfer");
        ((ObjectNode) m.get("payload").get("subjects").get(1)).put("idNumber", "330106199503141238");
        ObjectNode n = Fixtures.valid("clue.transfer");
        ((ObjectNode) n.get("payload").get("subjects").get(1)).put("idNumber", "33010619950314123");

        assertThat(Fixtures.VALIDATOR.validate(m, ValidationOptions.defaults()).issues())
                .allSatisfy(i -> assertThat(i.diagnostics()).doesNotContain("3301061995"));
        assertThat(Fixtures.VALIDATOR.validate(n, ValidationOptions.defaults()).issues())
                .singleElement()
                .satisfies(i -> assertThat(i.diagnostics()).doesNotContain("3301061995"));
    }

    @Test
    void requiredDiagnosticsSayWhyAConditionalPropertyIsNeeded() {
        ObjectNode m = Fixtures.valid("clue.transfer");
        ((ObjectNode) m.get("payload").get("subjects").get(0)).remove("uscc");

        assertThat(Fixtures.VALIDATOR.validate(m, ValidationOptions.defaults()).issues()).singleElement()
                .extracting(Issue::diagnostics)
                .isEqualTo("Property 'uscc' is required in /payload/subjects/0 but is missing because kind is "
                        + "'organisation'.");
    }

    @Test
    void isThreadSafe() throws Exception {
        ObjectNode bad = Fixtures.valid("clue.transfer");
        ((ObjectNode) bad.get("payload")).remove("summary");
        byte[] badBytes = Fixtures.JSON.writeValueAsBytes(bad);
        byte[] good = Fixtures.section10();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (!Fixtures.VALIDATOR.validate(good, ValidationOptions.defaults()).successful()) {
                            return false;
                        }
                        ValidationOutcome o = Fixtures.VALIDATOR.validate(badBytes, ValidationOptions.defaults());
                        if (o.issues().size() != 1 || !o.issues().get(0).location().equals("/payload/summary")) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

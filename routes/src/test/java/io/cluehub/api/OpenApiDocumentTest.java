package io.cluehub.api;

import static io.cluehub.support.HubTestSupport.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.1 document at {@code /v3/api-docs} against the running application: it documents every request
 * mapping under {@code /api/v1} with its method and nothing that does not exist, every example validates against its
 * schema (JSON Schema 2020-12, networknt), and documented examples sent to the hub get answers that validate against
 * the documented response schemas.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext
class OpenApiDocumentTest {

    /**
     * Documented endpoints whose controllers are built on other branches of issue 8 (clue disposition, consultation
     * sessions, shared lists, statistics). The integrator empties this list once they are merged; until then they
     * may be absent from the running application, and only they.
     */
    static final Set<String> NOT_YET_MERGED = Set.of();

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("server.port", () -> 0);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
    }

    @Autowired
    CredentialFile credentials;
    @Autowired
    JsonMapper json;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Value("${local.server.port}")
    int port;

    private ApiClient api;
    private JsonNode document;
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @BeforeEach
    void load() {
        api = new ApiClient(port, credentials);
        HttpResponse<String> docs = api.get("/v3/api-docs", null); // open to all
        assertThat(docs.statusCode()).isEqualTo(200);
        document = json.readTree(docs.body());
    }

    @Test
    void isOpenApi31AndServedAsYamlToo() {
        assertThat(document.path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(document.path("components").path("securitySchemes").propertyNames())
                .contains("basic", "bearer");
        HttpResponse<String> yaml = api.get("/v3/api-docs.yaml", null);
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: 3.1.0");
    }

    @Test
    void documentsEveryApiMappingOfTheRunningApplicationAndNothingElse() {
        Set<String> running = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if (path.startsWith("/api/v1")) {
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        running.add(method.name() + " " + path);
                    }
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                if (HTTP_METHODS.contains(method)) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        assertThat(running).as("the running application's /api/v1 mappings").hasSizeGreaterThan(20);
        assertThat(documented).containsAll(running);
        Set<String> absent = new TreeSet<>(documented);
        absent.removeAll(running);
        assertThat(NOT_YET_MERGED).containsAll(absent);
    }

    @Test
    void everyExampleValidatesAgainstItsSchema() {
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        walk(document.path("paths"), "#/paths", checked, failures);
        walk(document.path("components").path("responses"), "#/components/responses", checked, failures);
        walk(document.path("components").path("parameters"), "#/components/parameters", checked, failures);
        assertThat(failures).isEmpty();
        assertThat(checked).hasSizeGreaterThan(25);
    }

    /** Finds every object with a schema and examples (media types, parameters) and validates each example. */
    private void walk(JsonNode node, String where, List<String> checked, List<String> failures) {
        if (!node.isObject()) {
            return;
        }
        if (node.has("schema") && (node.has("example") || node.has("examples"))) {
            List<JsonNode> examples = new ArrayList<>();
            if (node.has("example")) {
                examples.add(node.get("example"));
            }
            for (JsonNode example : node.path("examples")) {
                examples.add(resolve(example).path("value"));
            }
            for (JsonNode example : examples) {
                checked.add(where);
                List<Error> errors = schema(node.get("schema")).validate(example);
                if (!errors.isEmpty()) {
                    failures.add(where + ": " + errors);
                }
            }
        }
        for (Map.Entry<String, JsonNode> child : node.properties()) {
            if (!child.getKey().equals("schema") && !child.getKey().startsWith("example")) {
                walk(child.getValue(), where + "/" + child.getKey(), checked, failures);
            }
        }
    }

    private JsonNode resolve(JsonNode maybeRef) {
        JsonNode ref = maybeRef.get("$ref");
        return ref == null ? maybeRef : document.at(ref.asString().substring(1));
    }

    /** A schema of the document as a standalone 2020-12 schema whose {@code #/components/...} refs resolve. */
    private Schema schema(JsonNode schema) {
        ObjectNode standalone = schema.deepCopy() instanceof ObjectNode o ? o : json.createObjectNode();
        standalone.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        standalone.set("components", document.path("components"));
        return schemas.getSchema(standalone);
    }

    private JsonNode responseSchema(String path, String method, int status, String mediaType) {
        JsonNode response = resolve(document.path("paths").path(path).path(method).path("responses")
                .path(String.valueOf(status)));
        JsonNode schema = response.path("content").path(mediaType).path("schema");
        assertThat(schema.isObject()).as(method + " " + path + " " + status + " " + mediaType + " documented").isTrue();
        return schema;
    }

    private void assertValid(String path, String method, HttpResponse<String> response, String mediaType) {
        JsonNode body = json.readTree(response.body());
        List<Error> errors = schema(responseSchema(path, method, response.statusCode(), mediaType)).validate(body);
        assertThat(errors).as(method + " " + path + " answered " + response.body()).isEmpty();
    }

    @Test
    void documentedExamplesSentToTheHubGetDocumentedAnswers() {
        // The §10 clue of the submit example, with a fresh messageId, signed by SAMR-330106's demo key.
        String id = freshId();
        ObjectNode clue = (ObjectNode) resolve(document.path("paths").path("/api/v1/messages").path("post")
                .path("requestBody").path("content").path("application/json").path("examples").path("design10"))
                .path("value").deepCopy();
        clue.put("messageId", id);
        String body = json.writeValueAsString(clue);
        HttpResponse<String> submitted = api.post("/api/v1/messages", "system.SAMR-330106", "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                Map.of(ApiHeaders.SIGNATURE, HubTestSupport.sign(DATA, "SAMR-330106", body)));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        assertValid("/api/v1/messages", "post", submitted, "application/json");

        JsonNode delivered = await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<String> inbox = api.get("/api/v1/inbox?limit=100", "CAC-330100");
            assertValid("/api/v1/inbox", "get", inbox, "application/json");
            for (JsonNode item : json.readTree(inbox.body()).path("items")) {
                if (id.equals(item.path("messageId").asString())) {
                    return item;
                }
            }
            return null;
        }, item -> item != null);
        assertThat(delivered.path("body").path("payload").path("summary").asString())
                .isEqualTo(clue.path("payload").path("summary").asString());
        assertThat(api.post("/api/v1/inbox/" + delivered.path("deliveryId").asString() + "/ack", "CAC-330100", null)
                .statusCode()).isEqualTo(204);

        HttpResponse<String> again = api.post("/api/v1/inbox/" + delivered.path("deliveryId").asString() + "/ack",
                "CAC-330100", null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertValid("/api/v1/inbox/{deliveryId}/ack", "post", again, "application/problem+json");

        HttpResponse<String> receipt = api.get("/api/v1/receipts/" + id, "SAMR-330106");
        assertValid("/api/v1/receipts/{messageId}", "get", receipt, "application/json");
        HttpResponse<String> receipts = api.get("/api/v1/receipts?after=0", "SAMR-330106");
        assertValid("/api/v1/receipts", "get", receipts, "application/json");

        // The spoofed-sender example: rejected as a problem with issues.
        clue.put("messageId", freshId());
        clue.put("sender", "CAC-330100");
        String spoofed = json.writeValueAsString(clue);
        HttpResponse<String> rejected = api.post("/api/v1/messages", "SAMR-330106", "application/json",
                spoofed.getBytes(StandardCharsets.UTF_8),
                Map.of(ApiHeaders.SIGNATURE, HubTestSupport.sign(DATA, "SAMR-330106", spoofed)));
        assertThat(rejected.statusCode()).isEqualTo(422);
        assertValid("/api/v1/messages", "post", rejected, "application/problem+json");

        HttpResponse<String> anonymous = api.get("/api/v1/inbox", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertValid("/api/v1/inbox", "get", anonymous, "application/problem+json");
    }

    /**
     * The case workflows driven entirely over REST, as a case tool does: a clue and its recipient's status, a
     * consultation with its invitee's opinion, a shared-list entry; then every case endpoint answers as documented.
     */
    @Test
    void caseWorkflowsOverRestAnswerAsDocumented() {
        String clueId = freshId();
        submit("SAMR-330106", HubTestSupport.designClue(clueId));
        submit("CAC-330100", """
                {"messageId": "%s", "type": "clue.status", "schemaVersion": "1.0", "sender": "CAC-330100",
                 "caseRef": "SAMR-330106-2026-00042", "inReplyTo": "%s", "sentAt": "%s",
                 "handling": {"classification": "sensitive", "onwardSharing": "originator-consent"},
                 "payload": {"disposition": "accepted"}}
                """.formatted(freshId(), clueId, java.time.Instant.now().minusSeconds(1)));
        String request = freshId();
        submit("SAMR-330106", """
                {"messageId": "%s", "type": "consultation.request", "schemaVersion": "1.0",
                 "sender": "SAMR-330106", "caseRef": "SAMR-330106-2026-00043", "sentAt": "%s",
                 "handling": {"classification": "sensitive", "onwardSharing": "forbidden"},
                 "payload": {"question": "Who leads?", "invitees": ["CAC-330100", "MPS-330100"], "deadline": "%s"}}
                """.formatted(request, java.time.Instant.now().minusSeconds(1),
                java.time.Instant.now().plusSeconds(3600)));
        submit("CAC-330100", """
                {"messageId": "%s", "type": "consultation.opinion", "schemaVersion": "1.0",
                 "sender": "CAC-330100", "caseRef": "SAMR-330106-2026-00043", "inReplyTo": "%s", "sentAt": "%s",
                 "handling": {"classification": "sensitive", "onwardSharing": "forbidden"},
                 "payload": {"position": "agree", "opinion": "Market regulation should lead."}}
                """.formatted(freshId(), request, java.time.Instant.now().minusSeconds(1)));
        submit("SAMR-330106", """
                {"messageId": "%s", "type": "info.share", "schemaVersion": "1.0", "sender": "SAMR-330106",
                 "sentAt": "%s", "handling": {"classification": "internal", "onwardSharing": "allowed"},
                 "payload": {"list": "serious-violators", "action": "add", "entries": [
                   {"entryId": "sv-openapi", "subject": {"role": "room-operator", "kind": "organisation",
                    "name": "Hangzhou Example Trading Co., Ltd.", "uscc": "91330106MA2H4L7K06"},
                    "measure": {"code": "blacklisted"}, "legalBasis": "Measures Art.29",
                    "effectiveFrom": "2026-01-01", "effectiveTo": "2099-12-31",
                    "jurisdiction": {"divisionCode": "330106"}}]}}
                """.formatted(freshId(), java.time.Instant.now().minusSeconds(1)));

        HttpResponse<String> clue = api.get("/api/v1/clues/" + clueId, "SAMR-330106");
        assertThat(clue.statusCode()).as(clue.body()).isEqualTo(200);
        assertValid("/api/v1/clues/{messageId}", "get", clue, "application/json");
        assertThat(json.readTree(clue.body()).at("/recipients/0/state").asString()).isEqualTo("accepted");
        HttpResponse<String> session = api.get("/api/v1/consultations/" + request, "CAC-330100");
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        assertValid("/api/v1/consultations/{id}", "get", session, "application/json");
        assertThat(json.readTree(session.body()).path("status").asString()).isEqualTo("open");
        HttpResponse<String> list = api.get("/api/v1/lists/serious-violators", "CAC-330100");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertValid("/api/v1/lists/{name}", "get", list, "application/json");
        HttpResponse<String> changes = api.get("/api/v1/lists/serious-violators/changes?since=0", "CAC-330100");
        assertThat(changes.statusCode()).as(changes.body()).isEqualTo(200);
        assertValid("/api/v1/lists/{name}/changes", "get", changes, "application/json");
        HttpResponse<String> statistics = api.get("/api/v1/statistics", "operator");
        assertThat(statistics.statusCode()).as(statistics.body()).isEqualTo(200);
        assertValid("/api/v1/statistics", "get", statistics, "application/json");
        HttpResponse<String> stranger = api.get("/api/v1/clues/" + clueId, "STA-330000");
        assertThat(stranger.statusCode()).isEqualTo(404);
        assertValid("/api/v1/clues/{messageId}", "get", stranger, "application/problem+json");
    }

    /** Submits {@code body} over REST as {@code office}'s agency system, signed with its demo key; expects 202. */
    private void submit(String office, String body) {
        HttpResponse<String> response = api.post("/api/v1/messages", "system." + office, "application/json",
                body.getBytes(StandardCharsets.UTF_8), Map.of(ApiHeaders.SIGNATURE, HubTestSupport.sign(DATA, office,
                        body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }
}

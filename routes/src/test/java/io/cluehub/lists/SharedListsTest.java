package io.cluehub.lists;

import static io.cluehub.lists.ListMessages.entry;
import static io.cluehub.lists.ListMessages.removal;
import static io.cluehub.lists.ListMessages.request;
import static io.cluehub.lists.ListMessages.share;
import static io.cluehub.support.HubTestSupport.freshId;
import static io.cluehub.support.HubTestSupport.property;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared lists through the running hub over JMS and REST: SAMR-330000 keeps entries on {@code serious-violators}, whose
 * subscribers include CAC-330000; MCT-330000 is another office. Each change is delivered as SAMR's own message with the
 * list's new version, kept in the history, refused where the list's state does not allow it, expired on its own, and
 * read as a snapshot (REST and {@code list.request}) from which deltas resume.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SharedListsTest {

    private static final Path DATA = HubTestSupport.tempDataDir();
    private static final String LIST = "serious-violators";

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("cluehub.data-dir", DATA::toString);
        registry.add("cluehub.broker.port", HubTestSupport::freePort);
        registry.add("cluehub.sftp.demo-server.enabled", () -> false);
        registry.add("cluehub.workflow.lists.expiry-sweep", () -> "1s");
    }

    @LocalServerPort
    int port;
    @Autowired
    CredentialFile credentials;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    private Office samr;
    private Office cac;
    private Office mct;

    @BeforeEach
    void connect() throws Exception {
        samr = new Office("SAMR-330000", credentials);
        cac = new Office("CAC-330000", credentials);
        mct = new Office("MCT-330000", credentials);
    }

    @AfterEach
    void disconnect() throws Exception {
        for (Office office : List.of(samr, cac, mct)) {
            office.close();
        }
    }

    private String send(Office office, String body) throws JMSException {
        office.send(body);
        return json.readTree(body).path("messageId").asString();
    }

    private JsonNode receipt(Office office, String id) throws JMSException {
        Message receipt = office.receive(15_000, m -> "receipt".equals(property(m, "ClueHubType"))
                && id.equals(property(m, "ClueHubInReplyTo")));
        assertThat(receipt).as("receipt for %s", id).isNotNull();
        return json.readTree(((TextMessage) receipt).getText());
    }

    private JsonNode accepted(Office office, String id) throws JMSException {
        JsonNode receipt = receipt(office, id);
        assertThat(receipt.at("/payload/status").asString()).as(receipt.toString()).isEqualTo("accepted");
        return receipt;
    }

    /** The delivery of {@code id} to {@code office}: its list version property. */
    private long deliveredVersion(Office office, String id) throws JMSException {
        Message delivery = office.receive(15_000, m -> "info.share".equals(property(m, "ClueHubType"))
                && id.equals(property(m, "ClueHubMessageId")));
        assertThat(delivery).as("delivery of %s", id).isNotNull();
        assertThat(property(delivery, "ClueHubSender")).isEqualTo("SAMR-330000");
        assertThat(property(delivery, "ClueHubSignature")).as("the sender's own signature travels").isNotNull();
        return Long.parseLong(property(delivery, "ClueHubListVersion"));
    }

    private JsonNode rejected(Office office, String id, String code) throws JMSException {
        JsonNode receipt = receipt(office, id);
        assertThat(receipt.at("/payload/status").asString()).isEqualTo("rejected");
        assertThat(receipt.at("/payload/outcome/issues/0/code").asString()).isEqualTo(code);
        return receipt.at("/payload/outcome/issues/0");
    }

    private List<Map<String, Object>> history(String entryId) {
        return jdbc.queryForList("SELECT version, action, owner, message_id, archive_seq FROM shared_list_change "
                + "WHERE list_name = ? AND entry_id = ? ORDER BY version", LIST, entryId);
    }

    private JsonNode rest(String path, String user) {
        HttpResponse<String> response = ListMessages.get(port, credentials, path, user);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void addUpdateAndRemoveReachSubscribersWithTheListsVersionAndStayInTheHistory() throws Exception {
        String entryId = "SV-" + freshId();
        String add = send(samr, share(freshId(), "SAMR-330000", LIST, "add", entry(entryId, "warning", "2029-11-30"),
                entry(null, "joint-punishment", "2029-11-30")));
        accepted(samr, add);
        long added = deliveredVersion(cac, add);

        String update = send(samr, share(freshId(), "SAMR-330000", LIST, "update",
                entry(entryId, "joint-punishment", "2030-11-30")));
        accepted(samr, update);
        long updated = deliveredVersion(cac, update);

        String remove = send(samr, share(freshId(), "SAMR-330000", LIST, "remove", removal(entryId)));
        accepted(samr, remove);
        long removed = deliveredVersion(cac, remove);

        assertThat(added).isPositive();
        assertThat(updated).isGreaterThan(added);
        assertThat(removed).isGreaterThan(updated);
        // Column names are case-insensitive in the rows of queryForList (H2 answers in upper case).
        assertThat(history(entryId)).extracting(r -> ((Number) r.get("version")).longValue())
                .containsExactly(added, updated, removed);
        assertThat(history(entryId)).extracting(r -> (String) r.get("action"))
                .containsExactly("add", "update", "remove");
        // The entry without an id got <messageId>#<index>, in the same change.
        assertThat(history(add + "#1")).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT state FROM shared_list_entry WHERE list_name = ? AND owner = ? "
                + "AND entry_id = ?", String.class, LIST, "SAMR-330000", entryId)).isEqualTo("removed");
        assertThat(jdbc.queryForObject("SELECT version FROM shared_list WHERE name = ?", Long.class, LIST))
                .isGreaterThanOrEqualTo(removed);

        // The history names the archive entries of the messages; the subject is nowhere in clear.
        JsonNode changes = rest("/api/v1/lists/" + LIST + "/changes?since=" + (added - 1), "CAC-330000");
        List<String> ours = new ArrayList<>();
        changes.path("changes").forEach(c -> {
            if (entryId.equals(c.path("entryId").asString())) {
                ours.add(c.path("action").asString() + "@" + c.path("version").asLong() + ":"
                        + c.path("messageId").asString());
                assertThat(c.path("archiveSeq").asLong()).isPositive();
            }
        });
        assertThat(ours).containsExactly("add@" + added + ":" + add, "update@" + updated + ":" + update,
                "remove@" + removed + ":" + remove);
        for (String table : List.of("shared_list_entry", "shared_list_change")) {
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table)) {
                assertThat(row.toString()).doesNotContain(ListMessages.ID_NUMBER).doesNotContain("Li Example");
            }
        }
    }

    @Test
    void changesTheListsStateDoesNotAllowAreRejectedNamingTheEntrysState() throws Exception {
        String entryId = "SV-" + freshId();
        accepted(samr, send(samr, share(freshId(), "SAMR-330000", LIST, "add", entry(entryId, "warning",
                "2029-11-30"))));

        JsonNode again = rejected(samr, send(samr, share(freshId(), "SAMR-330000", LIST, "add",
                entry(entryId, "warning", "2029-11-30"))), "LIST_ENTRY_EXISTS");
        assertThat(again.path("location").asString()).isEqualTo("/payload/entries/0/entryId");
        assertThat(again.path("diagnostics").asString()).contains("active since list version");

        JsonNode unknown = rejected(samr, send(samr, share(freshId(), "SAMR-330000", LIST, "update",
                entry("SV-" + freshId(), "warning", "2029-11-30"))), "LIST_ENTRY_UNKNOWN");
        assertThat(unknown.path("diagnostics").asString()).contains("has no entry");

        JsonNode others = rejected(mct, send(mct, share(freshId(), "MCT-330000", LIST, "remove",
                removal(entryId))), "LIST_ENTRY_NOT_OWNER");
        assertThat(others.path("diagnostics").asString()).contains("belongs to SAMR-330000").contains("active");

        rejected(samr, send(samr, share(freshId(), "SAMR-330000", LIST, "update",
                entry(entryId, "warning", "2029-11-30"), entry(entryId, "blacklisted", "2029-11-30"))),
                "LIST_ENTRY_REPEATED");

        accepted(samr, send(samr, share(freshId(), "SAMR-330000", LIST, "remove", removal(entryId))));
        JsonNode gone = rejected(samr, send(samr, share(freshId(), "SAMR-330000", LIST, "update",
                entry(entryId, "warning", "2029-11-30"))), "LIST_ENTRY_UNKNOWN");
        assertThat(gone.path("diagnostics").asString()).contains("removed since list version");
        // Rejected changes changed nothing: add and remove only.
        assertThat(history(entryId)).hasSize(2);
    }

    @Test
    void anEntryWhoseEffectiveToPassedDropsOutAndSubscribersAreToldOnce() throws Exception {
        String entryId = "SV-" + freshId();
        String add = send(samr, share(freshId(), "SAMR-330000", LIST, "add", entry(entryId, "warning",
                "2021-12-31")));
        accepted(samr, add);
        long added = deliveredVersion(cac, add);

        for (Office told : List.of(cac, samr)) {
            Message expired = told.receive(15_000, m -> "list.expired".equals(property(m, "ClueHubType"))
                    && text(m).contains(entryId));
            assertThat(expired).as("%s told", told).isNotNull();
            assertThat(property(expired, "ClueHubSender")).isEqualTo("CLUEHUB");
            JsonNode notice = json.readTree(text(expired));
            assertThat(notice.at("/payload/version").asLong()).isGreaterThan(added);
            assertThat(notice.at("/payload/expired").toString()).contains("\"owner\":\"SAMR-330000\"")
                    .contains("\"effectiveTo\":\"2021-12-31\"").doesNotContain(ListMessages.ID_NUMBER);
        }
        // Sweeps go on every second: nobody is told twice, and the history has one expiry.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() ->
                cac.receive(500, m -> "list.expired".equals(property(m, "ClueHubType"))
                        && text(m).contains(entryId)) == null);
        assertThat(history(entryId)).hasSize(2);
        JsonNode current = rest("/api/v1/lists/" + LIST + "?limit=1000", "CAC-330000");
        assertThat(current.path("entries").toString()).doesNotContain(entryId);
    }

    @Test
    void aSnapshotByRestOrByRequestGivesTheVersionDeltasResumeFrom() throws Exception {
        String entryId = "SV-" + freshId();
        String add = send(samr, share(freshId(), "SAMR-330000", LIST, "add", entry(entryId, "warning",
                "2029-11-30")));
        accepted(samr, add);
        long added = deliveredVersion(cac, add);

        JsonNode snapshot = rest("/api/v1/lists/" + LIST + "?limit=1000", "CAC-330000");
        assertThat(snapshot.path("version").asLong()).isGreaterThanOrEqualTo(added);
        JsonNode ours = find(snapshot.path("entries"), entryId);
        assertThat(ours.path("owner").asString()).isEqualTo("SAMR-330000");
        assertThat(ours.path("version").asLong()).isEqualTo(added);
        assertThat(ours.at("/entry/subject/idNumber").asString()).as("the reader is entitled")
                .isEqualTo(ListMessages.ID_NUMBER);

        String ask = send(cac, request(freshId(), "CAC-330000", LIST, null));
        JsonNode receipt = accepted(cac, ask);
        assertThat(receipt.at("/payload/routing/deliveries").isEmpty()).as("delivered to no one").isTrue();
        Message answer = cac.receive(15_000, m -> "list.snapshot".equals(property(m, "ClueHubType"))
                && ask.equals(property(m, "ClueHubInReplyTo")));
        assertThat(answer).isNotNull();
        JsonNode page = json.readTree(text(answer));
        assertThat(page.path("sender").asString()).isEqualTo("CLUEHUB");
        long version = page.at("/payload/version").asLong();
        assertThat(version).isGreaterThanOrEqualTo(added);
        assertThat(find(page.at("/payload/entries"), entryId).path("version").asLong()).isEqualTo(added);

        // Resume: the next change of the entry comes after the snapshot's version, and so do its changes.
        String update = send(samr, share(freshId(), "SAMR-330000", LIST, "update",
                entry(entryId, "blacklisted", "2029-11-30")));
        accepted(samr, update);
        long updated = deliveredVersion(cac, update);
        assertThat(updated).isGreaterThan(version);
        JsonNode changes = rest("/api/v1/lists/" + LIST + "/changes?since=" + version, "CAC-330000");
        assertThat(changes.path("changes").toString()).contains(update).doesNotContain(add);
    }

    @Test
    void snapshotsPageAndOnlyEntitledCallersReadThem() throws Exception {
        for (int i = 0; i < 2; i++) {
            accepted(samr, send(samr, share(freshId(), "SAMR-330000", LIST, "add", entry("SV-" + freshId(),
                    "warning", "2029-11-30"))));
        }
        JsonNode first = rest("/api/v1/lists/" + LIST + "?limit=1", "investigator");
        assertThat(first.path("entries")).hasSize(1);
        String next = first.path("next").asString();
        assertThat(next).isNotEmpty();
        JsonNode second = rest("/api/v1/lists/" + LIST + "?limit=1&after=" + java.net.URLEncoder.encode(next,
                java.nio.charset.StandardCharsets.UTF_8), "auditor");
        assertThat(second.path("entries")).hasSize(1);
        assertThat(second.at("/entries/0/owner").asString() + "/" + second.at("/entries/0/entryId").asString())
                .isGreaterThan(next);

        // The same paging by message: the first page's next cursor continues it.
        String ask = send(cac, request(freshId(), "CAC-330000", LIST, next));
        accepted(cac, ask);
        Message answer = cac.receive(15_000, m -> "list.snapshot".equals(property(m, "ClueHubType"))
                && ask.equals(property(m, "ClueHubInReplyTo")));
        assertThat(json.readTree(text(answer)).at("/payload/entries/0").toString())
                .isEqualTo(second.at("/entries/0").toString());

        assertThat(ListMessages.get(port, credentials, "/api/v1/lists/" + LIST, null).statusCode()).isEqualTo(401);
        assertThat(ListMessages.get(port, credentials, "/api/v1/lists/whitelist", "CAC-330000").statusCode())
                .isEqualTo(404);
        assertThat(ListMessages.get(port, credentials, "/api/v1/lists/" + LIST + "?limit=0", "CAC-330000")
                .statusCode()).isEqualTo(400);
        assertThat(ListMessages.get(port, credentials, "/api/v1/lists/" + LIST + "/changes?since=-1", "operator")
                .statusCode()).isEqualTo(400);
        // A list.request that names recipients is refused by its schema: it is addressed to the hub.
        String named = request(freshId(), "CAC-330000", LIST, null).replace("\"sender\": \"CAC-330000\",",
                "\"sender\": \"CAC-330000\", \"recipients\": [\"SAMR-330000\"],");
        rejected(cac, send(cac, named), "SCHEMA_VIOLATION");
    }

    private static JsonNode find(JsonNode entries, String entryId) {
        for (JsonNode entry : entries) {
            if (entryId.equals(entry.path("entryId").asString())) {
                return entry;
            }
        }
        throw new AssertionError("entry " + entryId + " not in " + entries.size() + " entries");
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}

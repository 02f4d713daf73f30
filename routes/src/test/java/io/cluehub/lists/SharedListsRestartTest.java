package io.cluehub.lists;

import static io.cluehub.lists.ListMessages.entry;
import static io.cluehub.lists.ListMessages.share;
import static io.cluehub.support.HubTestSupport.freshId;
import static io.cluehub.support.HubTestSupport.property;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cluehub.ClueHubApplication;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hub restart between changes of a shared list, on one data folder (broker journal and H2 file): the version goes on
 * from where it was, and an entry whose effectiveTo passed while the hub was down (the second hub's clock runs three
 * days ahead) is expired by the first run after the start, and its subscribers are told once.
 */
class SharedListsRestartTest {

    private static final String LIST = "blacklist";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext start(Path data, Duration ahead) {
        Clock clock = Clock.offset(Clock.systemUTC(), ahead);
        return new SpringApplicationBuilder(ClueHubApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("testClock", Clock.class,
                        () -> clock, definition -> definition.setPrimary(true)))
                .run("--cluehub.data-dir=" + data, "--cluehub.broker.port=" + HubTestSupport.freePort(),
                        "--server.port=0", "--cluehub.sftp.demo-server.enabled=false",
                        "--cluehub.workflow.lists.expiry-sweep=1s");
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long changeAccepted(Office samr, Office cac, String body) throws JMSException {
        samr.send(body);
        String id = JSON.readTree(body).path("messageId").asString();
        Message receipt = samr.receive(20_000, m -> id.equals(property(m, "ClueHubInReplyTo")));
        assertThat(receipt).as("receipt of %s", id).isNotNull();
        assertThat(JSON.readTree(text(receipt)).at("/payload/status").asString()).isEqualTo("accepted");
        Message delivery = cac.receive(20_000, m -> id.equals(property(m, "ClueHubMessageId")));
        assertThat(delivery).as("delivery of %s", id).isNotNull();
        return Long.parseLong(property(delivery, "ClueHubListVersion"));
    }

    @Test
    void versionsGoOnAfterARestartAndAnEntryThatExpiredMeanwhileIsExpiredOnce() throws Exception {
        Path data = HubTestSupport.tempDataDir();
        // Due at the start of tomorrow in Beijing: still on the list for the first hub.
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String expiring = "BL-" + freshId();
        String lasting = "BL-" + freshId();
        long before;
        try (ConfigurableApplicationContext hub = start(data, Duration.ZERO)) {
            CredentialFile credentials = hub.getBean(CredentialFile.class);
            try (Office samr = new Office("SAMR-330000", credentials);
                    Office cac = new Office("CAC-330000", credentials)) {
                long first = changeAccepted(samr, cac, share(freshId(), "SAMR-330000", LIST, "add",
                        entry(expiring, "blacklisted", today)));
                before = changeAccepted(samr, cac, share(freshId(), "SAMR-330000", LIST, "add",
                        entry(lasting, "blacklisted", "2039-12-31")));
                assertThat(first).isEqualTo(1);
                assertThat(before).isEqualTo(2);
            }
            // Give the first hub's sweeps a few rounds: the entry is not due yet.
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> "active".equals(
                    jdbc.queryForObject("SELECT state FROM shared_list_entry WHERE entry_id = ?", String.class,
                            expiring)));
        }

        try (ConfigurableApplicationContext hub = start(data, Duration.ofDays(3))) {
            CredentialFile credentials = hub.getBean(CredentialFile.class);
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            try (Office samr = new Office("SAMR-330000", credentials);
                    Office cac = new Office("CAC-330000", credentials)) {
                Message told = cac.receive(20_000, m -> "list.expired".equals(property(m, "ClueHubType")));
                assertThat(told).as("subscriber told of the expiry after the restart").isNotNull();
                JsonNode notice = JSON.readTree(text(told));
                assertThat(notice.at("/payload/version").asLong()).isEqualTo(before + 1);
                assertThat(notice.at("/payload/expired")).hasSize(1);
                assertThat(notice.at("/payload/expired/0/entryId").asString()).isEqualTo(expiring);
                assertThat(notice.at("/payload/expired/0/effectiveTo").asString()).isEqualTo(today);

                long after = changeAccepted(samr, cac, share(freshId(), "SAMR-330000", LIST, "update",
                        entry(lasting, "account-cancelled", "2039-12-31")));
                assertThat(after).as("versions continue").isEqualTo(before + 2);

                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() ->
                        cac.receive(500, m -> "list.expired".equals(property(m, "ClueHubType"))) == null);
            }
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shared_list_change WHERE entry_id = ? "
                    + "AND action = 'expire'", Integer.class, expiring)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT state FROM shared_list_entry WHERE entry_id = ?", String.class,
                    lasting)).isEqualTo("active");
            assertThat(jdbc.queryForObject("SELECT version FROM shared_list WHERE name = ?", Long.class, LIST))
                    .isEqualTo(before + 2);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notice_pending", Integer.class)).isZero();
            assertThat(Instant.now()).isBefore(hub.getBean(Clock.class).instant());
        }
    }
}

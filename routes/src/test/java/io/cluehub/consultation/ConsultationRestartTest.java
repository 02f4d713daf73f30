package io.cluehub.consultation;

import static io.cluehub.consultation.Consultations.opinion;
import static io.cluehub.consultation.Consultations.request;
import static io.cluehub.consultation.Consultations.status;
import static io.cluehub.consultation.Consultations.summaryOf;
import static io.cluehub.support.HubTestSupport.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cluehub.ClueHubApplication;
import io.cluehub.consultation.Consultations.Mailbox;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A hub restart in the middle of consultations (same data folder: H2 file and broker journal). Session A has its
 * request and one of two opinions before the stop and completes with the second opinion after the start; session B's
 * deadline passes while the hub is down, and the restarted hub sends its summary once.
 */
class ConsultationRestartTest {

    private static ConfigurableApplicationContext start(Path data, int brokerPort) {
        return new SpringApplicationBuilder(ClueHubApplication.class).run(
                "--cluehub.data-dir=" + data,
                "--cluehub.broker.port=" + brokerPort,
                "--server.port=0",
                "--cluehub.sftp.demo-server.enabled=false",
                "--cluehub.workflow.consultation.sweep=1s");
    }

    @Test
    void sessionsSurviveARestartAndADeadlinePassedWhileDownIsSummarisedOnce() throws Exception {
        Path data = HubTestSupport.tempDataDir();
        int brokerPort = HubTestSupport.freePort();
        String caseRef = Consultations.caseRef();
        String a = freshId();
        String b = freshId();
        String fromCacA = freshId();
        String fromCacB = freshId();
        Instant deadlineB;

        try (ConfigurableApplicationContext hub = start(data, brokerPort)) {
            CredentialFile credentials = hub.getBean(CredentialFile.class);
            try (Mailbox samr = new Mailbox(new Office("SAMR-330106", credentials));
                    Mailbox cac = new Mailbox(new Office("CAC-330100", credentials))) {
                assertThat(status(samr.sendForReceipt(request(a, "SAMR-330106", caseRef,
                        Instant.now().plusSeconds(600), "CAC-330100", "MCT-330100")))).isEqualTo("accepted");
                assertThat(status(cac.sendForReceipt(opinion(fromCacA, "CAC-330100", caseRef, a, "agree"))))
                        .isEqualTo("accepted");
                deadlineB = Instant.now().plusSeconds(10);
                assertThat(status(samr.sendForReceipt(request(b, "SAMR-330106", caseRef, deadlineB,
                        "CAC-330100", "MCT-330100")))).isEqualTo("accepted");
                assertThat(status(cac.sendForReceipt(opinion(fromCacB, "CAC-330100", caseRef, b, "disagree"))))
                        .isEqualTo("accepted");
            }
            assertThat(Instant.now()).as("the hub stops before B's deadline").isBefore(deadlineB);
        }

        await("B's deadline passes while the hub is down").atMost(Duration.ofSeconds(20))
                .until(() -> Instant.now().isAfter(deadlineB.plusSeconds(1)));

        try (ConfigurableApplicationContext hub = start(data, brokerPort)) {
            CredentialFile credentials = hub.getBean(CredentialFile.class);
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            try (Mailbox samr = new Mailbox(new Office("SAMR-330106", credentials));
                    Mailbox mct = new Mailbox(new Office("MCT-330100", credentials))) {
                JsonNode summaryB = samr.expect(summaryOf(b), "B's summary after the restart");
                assertThat(summaryB.at("/payload/completedBecause").asString()).isEqualTo("deadline-passed");
                assertThat(summaryB.at("/payload/opinions/0/opinionMessageId").asString()).isEqualTo(fromCacB);
                assertThat(summaryB.at("/payload/notAnswered/0").asString()).isEqualTo("MCT-330100");

                String fromMctA = freshId();
                assertThat(status(mct.sendForReceipt(opinion(fromMctA, "MCT-330100", caseRef, a, "abstain"))))
                        .isEqualTo("accepted");
                JsonNode summaryA = samr.expect(summaryOf(a), "A's summary with the opinion given before the stop");
                assertThat(summaryA.at("/payload/completedBecause").asString()).isEqualTo("all-answered");
                assertThat(summaryA.at("/payload/opinions").findValuesAsString("opinionMessageId"))
                        .containsExactly(fromCacA, fromMctA);

                assertThat(samr.count(summaryOf(b), 3_000)).as("B summarised once").isZero();
                for (String summary : new String[] {summaryA.path("messageId").asString(),
                        summaryB.path("messageId").asString()}) {
                    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM archive_entry WHERE message_id = ?",
                            Integer.class, summary)).isEqualTo(1);
                }
                Map<String, Object> rowB = jdbc.queryForMap("SELECT status, completed_because FROM consultation "
                        + "WHERE id = ?", b);
                assertThat(rowB).containsEntry("STATUS", "completed").containsEntry("COMPLETED_BECAUSE",
                        "deadline-passed");
            }
        }
    }
}

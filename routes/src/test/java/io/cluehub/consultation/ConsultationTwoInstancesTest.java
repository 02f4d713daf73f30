package io.cluehub.consultation;

import static io.cluehub.consultation.Consultations.opinion;
import static io.cluehub.consultation.Consultations.request;
import static io.cluehub.consultation.Consultations.status;
import static io.cluehub.consultation.Consultations.summaryOf;
import static io.cluehub.support.HubTestSupport.freshId;
import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.ClueHubApplication;
import io.cluehub.consultation.Consultations.Mailbox;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two hub instances on one PostgreSQL database and one broker (the second without a broker of its own, consuming the
 * first's over TCP as a competing consumer). Three invitees answer several sessions at once, so that the last
 * opinions of a session are decided on both instances concurrently: every session gets exactly one summary, every
 * opinion is accepted and recorded, and both instances did take part.
 */
class ConsultationTwoInstancesTest {

    private static final int SESSIONS = 6;
    private static final String[] INVITEES = {"CAC-330100", "MCT-330100", "MPS-330100"};

    @Test
    void concurrentLastOpinionsOnTwoInstancesProduceOneSummaryPerSession() throws Exception {
        Path data = HubTestSupport.tempDataDir();
        int brokerPort = HubTestSupport.freePort();
        String brokerPassword = freshId();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String[] shared = {
                "--cluehub.data-dir=" + data,
                "--cluehub.database.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--cluehub.database.username=postgres",
                "--cluehub.broker.password=" + brokerPassword,
                "--server.port=0",
                "--cluehub.sftp.demo-server.enabled=false",
                "--cluehub.workflow.consultation.sweep=1s"};
            try (ConfigurableApplicationContext first = start(shared, "--cluehub.broker.port=" + brokerPort);
                    ConfigurableApplicationContext second = start(shared,
                            "--cluehub.broker.url=tcp://127.0.0.1:" + brokerPort,
                            "--cluehub.broker.user=cluehub-hub")) {
                run(first, second);
            }
        }
    }

    private static ConfigurableApplicationContext start(String[] shared, String... own) {
        List<String> args = new ArrayList<>(List.of(shared));
        args.addAll(List.of(own));
        return new SpringApplicationBuilder(ClueHubApplication.class).run(args.toArray(String[]::new));
    }

    private static void run(ConfigurableApplicationContext first, ConfigurableApplicationContext second)
            throws Exception {
        CredentialFile credentials = first.getBean(CredentialFile.class);
        JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
        String caseRef = Consultations.caseRef();
        List<String> sessions = new ArrayList<>();
        List<Mailbox> invitees = new ArrayList<>();
        try (Mailbox samr = new Mailbox(new Office("SAMR-330106", credentials))) {
            for (String office : INVITEES) {
                invitees.add(new Mailbox(new Office(office, credentials)));
            }
            for (int i = 0; i < SESSIONS; i++) {
                String id = freshId();
                assertThat(status(samr.sendForReceipt(request(id, "SAMR-330106", caseRef,
                        Instant.now().plusSeconds(600), INVITEES)))).isEqualTo("accepted");
                sessions.add(id);
            }

            NotifyBuilder onFirst = new NotifyBuilder(first.getBean(CamelContext.class)).fromRoute("intake")
                    .whenDone(1).create();
            NotifyBuilder onSecond = new NotifyBuilder(second.getBean(CamelContext.class)).fromRoute("intake")
                    .whenDone(1).create();
            // Each invitee sends its opinions on every session from its own thread, all at once.
            ExecutorService pool = Executors.newFixedThreadPool(INVITEES.length);
            List<Future<List<JsonNode>>> answers = new ArrayList<>();
            for (int k = 0; k < INVITEES.length; k++) {
                Mailbox office = invitees.get(k);
                String sender = INVITEES[k];
                answers.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (String session : sessions) {
                        String id = freshId();
                        office.send(opinion(id, sender, caseRef, session, "agree"));
                        ids.add(id);
                    }
                    List<JsonNode> receipts = new ArrayList<>();
                    for (String id : ids) {
                        receipts.add(office.expect(Consultations.receiptFor(id), "receipt for " + id));
                    }
                    return receipts;
                }));
            }
            for (Future<List<JsonNode>> answer : answers) {
                assertThat(answer.get()).allSatisfy(r -> assertThat(status(r)).as("%s", r).isEqualTo("accepted"));
            }
            pool.shutdown();

            for (String session : sessions) {
                JsonNode summary = samr.expect(summaryOf(session), "summary of " + session);
                assertThat(summary.at("/payload/completedBecause").asString()).isEqualTo("all-answered");
                assertThat(summary.at("/payload/opinions")).hasSize(INVITEES.length);
                assertThat(summary.at("/payload/notAnswered")).isEmpty();
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM archive_entry WHERE message_id = ?",
                        Integer.class, summary.path("messageId").asString())).as("one summary archived").isEqualTo(1);
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM consultation_invitee WHERE consultation_id = ? "
                        + "AND opinion_message_id IS NOT NULL", Integer.class, session)).isEqualTo(INVITEES.length);
                assertThat(jdbc.queryForObject("SELECT status FROM consultation WHERE id = ?", String.class, session))
                        .isEqualTo("completed");
            }
            assertThat(samr.count(m -> "consultation.summary".equals(HubTestSupport.property(m, "ClueHubType")),
                    3_000)).as("no second summary of any session").isZero();
            assertThat(onFirst.matches()).as("the first instance consumed").isTrue();
            assertThat(onSecond.matches()).as("the second instance consumed").isTrue();
        } finally {
            for (Mailbox office : invitees) {
                office.close();
            }
        }
    }
}

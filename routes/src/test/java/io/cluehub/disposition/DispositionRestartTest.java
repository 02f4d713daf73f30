package io.cluehub.disposition;

import static io.cluehub.disposition.Clues.body;
import static io.cluehub.disposition.Clues.clue;
import static io.cluehub.disposition.Clues.delivery;
import static io.cluehub.disposition.Clues.freshCase;
import static io.cluehub.disposition.Clues.receiptFor;
import static io.cluehub.disposition.Clues.reminder;
import static io.cluehub.disposition.Clues.status;
import static io.cluehub.support.HubTestSupport.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cluehub.ClueHubApplication;
import io.cluehub.security.identity.CredentialFile;
import io.cluehub.support.HubTestSupport;
import io.cluehub.support.HubTestSupport.Office;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub restart in the middle of a disposition: the first hub takes a clue to {@code accepted} and delivers a second
 * clue whose acknowledge deadline (2 s for MCT) passes while no hub runs (the first never sweeps: its check interval is
 * an hour); a new hub on the same data folder takes the first clue on to {@code concluded} and reminds of the second
 * exactly once.
 */
class DispositionRestartTest {

    private static final long WAIT = 20_000;

    private static ConfigurableApplicationContext hub(Path data, String checkInterval) {
        return new SpringApplicationBuilder(ClueHubApplication.class).run(
                "--cluehub.data-dir=" + data,
                "--cluehub.broker.port=" + HubTestSupport.freePort(),
                "--server.port=0",
                "--cluehub.sftp.demo-server.enabled=false",
                "--cluehub.workflow.disposition.check-interval=" + checkInterval,
                "--cluehub.workflow.disposition.deadlines[0].department=MCT",
                "--cluehub.workflow.disposition.deadlines[0].acknowledge-within=PT2S",
                "--cluehub.workflow.disposition.deadlines[0].decide-within=PT1H");
    }

    private static Clues.Inbox inbox(ConfigurableApplicationContext hub, String office) throws JMSException {
        return new Clues.Inbox(office, new Office(office, hub.getBean(CredentialFile.class)));
    }

    private static void report(Clues.Inbox from, Clues.Inbox originator, String caseRef, String clueId,
            String disposition, String extra) throws JMSException {
        String id = freshId();
        from.send(status(id, from.officeId, caseRef, clueId, disposition, extra));
        Message receipt = from.await(WAIT, receiptFor(id));
        assertThat(receipt).as("receipt for %s", disposition).isNotNull();
        assertThat(body(receipt).at("/payload/status").asString()).as(disposition).isEqualTo("accepted");
        assertThat(originator.await(WAIT, delivery("clue.status", id))).as("originator told: %s", disposition)
                .isNotNull();
    }

    @Test
    void aDispositionContinuesAcrossARestartAndADeadlinePassedMeanwhileIsRemindedOnce() throws Exception {
        Path data = HubTestSupport.tempDataDir();
        String caseRef = freshCase();
        String clueId = freshId();
        String lateCase = freshCase();
        String lateId = freshId();
        Instant lateSent;

        try (ConfigurableApplicationContext first = hub(data, "PT1H");
                Clues.Inbox samr = inbox(first, "SAMR-330106");
                Clues.Inbox cac = inbox(first, "CAC-330100")) {
            samr.send(clue(clueId, caseRef, "CAC-330100", "originator-consent"));
            assertThat(samr.await(WAIT, receiptFor(clueId))).isNotNull();
            report(cac, samr, caseRef, clueId, "received", null);
            report(cac, samr, caseRef, clueId, "accepted", null);

            samr.send(clue(lateId, lateCase, "MCT-330100", "originator-consent"));
            lateSent = Instant.now();
            Message receipt = samr.await(WAIT, receiptFor(lateId));
            assertThat(body(receipt).at("/payload/status").asString()).isEqualTo("accepted");
            assertThat(first.getBean(DispositionStore.class).ofClue(lateId).get(0).acknowledgeRemindedAt())
                    .as("the first hub never swept").isNull();
        }
        // The hub is down while the late clue's acknowledge deadline passes.
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(lateSent.plusSeconds(3)));

        try (ConfigurableApplicationContext second = hub(data, "PT1S");
                Clues.Inbox samr = inbox(second, "SAMR-330106");
                Clues.Inbox cac = inbox(second, "CAC-330100");
                Clues.Inbox mct = inbox(second, "MCT-330100")) {
            report(cac, samr, caseRef, clueId, "investigating", null);
            report(cac, samr, caseRef, clueId, "concluded", Clues.CONCLUSION);
            DispositionStore store = second.getBean(DispositionStore.class);
            DispositionStore.Disposition concluded = store.ofClue(clueId).get(0);
            assertThat(concluded.state()).isEqualTo(DispositionState.CONCLUDED);
            assertThat(store.events(concluded)).extracting(DispositionStore.Event::state).containsExactly(
                    DispositionState.DELIVERED, DispositionState.RECEIVED, DispositionState.ACCEPTED,
                    DispositionState.INVESTIGATING, DispositionState.CONCLUDED);

            Message reminded = mct.await(WAIT, reminder(lateId, "reminder", "acknowledge"));
            assertThat(reminded).as("the deadline passed while down is noticed after the restart").isNotNull();
            assertThat(samr.await(WAIT, reminder(lateId, "notice", "acknowledge"))).isNotNull();
            // Several sweeps later, still only the one reminder; the concluded clue was never overdue.
            List<Message> reminders = mct.all(4_000, reminder(lateId, "reminder", "acknowledge"));
            assertThat(reminders).hasSize(1);
            assertThat(samr.all(0, reminder(lateId, "notice", "acknowledge"))).hasSize(1);
            assertThat(samr.all(0, m -> clueId.equals(HubTestSupport.property(m, "ClueHubInReplyTo"))
                    && "clue.reminder".equals(HubTestSupport.property(m, "ClueHubType")))).isEmpty();
        }
    }
}

package io.cluehub.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cluehub.database.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The session store under the race the hub must survive, on H2 and a real PostgreSQL: the last opinion holds the
 * session's row lock and completes it while the deadline sweep of another instance tries to claim it. The sweep waits
 * for the lock and then claims nothing; the session has one completion, the opinion's.
 */
class ConsultationStoreTest {

    @ParameterizedTest
    @MethodSource("io.cluehub.database.TestDatabases#kinds")
    void theSweepWaitsForTheLastOpinionAndThenClaimsNothing(TestDatabases.Kind kind) throws Exception {
        DataSource db = TestDatabases.fresh(kind);
        ConsultationStore store = new ConsultationStore(new JdbcTemplate(db));
        TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(db));
        Instant deadline = Instant.now().minusSeconds(1);
        String id = "c0ffee00-1234-4abc-8def-0123456789ab";
        tx.executeWithoutResult(s -> store.open(new ConsultationSession(id, "SAMR-330106", "SAMR-330106-2026-1",
                "internal", deadline, deadline.minusSeconds(60), 1, ConsultationSession.OPEN, null, null, null, null,
                null, List.of(new ConsultationSession.Invitee("CAC-330100", "CAC-330100", null, null, null, null,
                        null)))));
        assertThat(store.due(Instant.now(), 10)).containsExactly(id);

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> opinion = CompletableFuture.supplyAsync(() -> tx.execute(s -> {
            ConsultationSession session = store.lock(id).orElseThrow();
            locked.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(session.unanswered()).isEqualTo(1);
            store.answer(id, "CAC-330100", "CAC-330100", "agree", "0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a", 2,
                    deadline.minusSeconds(5));
            return store.complete(id, ConsultationSession.ALL_ANSWERED, deadline.minusSeconds(5));
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> sweep = CompletableFuture.supplyAsync(
                () -> tx.execute(s -> store.completeAtDeadline(id, Instant.now())));
        await("the sweep waits for the session's lock").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> !sweep.isDone());
        release.countDown();

        assertThat(opinion.get(20, TimeUnit.SECONDS)).as("the last opinion completes the session").isTrue();
        assertThat(sweep.get(20, TimeUnit.SECONDS)).as("the sweep claims nothing").isFalse();
        ConsultationSession session = store.find(id).orElseThrow();
        assertThat(session.status()).isEqualTo(ConsultationSession.COMPLETED);
        assertThat(session.completedBecause()).isEqualTo(ConsultationSession.ALL_ANSWERED);
        assertThat(session.invitees()).singleElement().satisfies(i -> assertThat(i.answered()).isTrue());
        assertThat(store.due(Instant.now(), 10)).isEmpty();
    }
}

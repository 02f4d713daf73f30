package io.cluehub.consultation;

import io.cluehub.workflow.HubNotices;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completes open sessions whose deadline passed and sends each convener its summary. Each session is claimed in its
 * own transaction with a conditional update ({@code status = 'open'} and the deadline passed): of two instances, or of
 * the sweep and a last opinion decided at the same moment, exactly one completes it, and the summary is archived in
 * that transaction and sent after it commits ({@link HubNotices#emit}), so a crash never loses or doubles it.
 */
@Component
public class ConsultationDeadlines {

    private final ConsultationStore store;
    private final ConsultationSummaries summaries;
    private final HubNotices notices;
    private final TransactionTemplate databaseTransaction;
    private final Clock clock;
    private final ConsultationProperties properties;

    public ConsultationDeadlines(ConsultationStore store, ConsultationSummaries summaries, HubNotices notices,
            TransactionTemplate databaseTransaction, Clock clock, ConsultationProperties properties) {
        this.store = store;
        this.summaries = summaries;
        this.notices = notices;
        this.databaseTransaction = databaseTransaction;
        this.clock = clock;
        this.properties = properties;
    }

    /** Completes every due session this instance claims; returns how many. */
    public int sweep() {
        int completed = 0;
        for (String id : store.due(clock.instant(), properties.batch())) {
            Boolean claimed = databaseTransaction.execute(tx -> {
                Instant now = clock.instant();
                if (!store.completeAtDeadline(id, now)) {
                    return false;
                }
                notices.emit(summaries.notice(store.find(id).orElseThrow()));
                return true;
            });
            if (Boolean.TRUE.equals(claimed)) {
                completed++;
            }
        }
        return completed;
    }
}

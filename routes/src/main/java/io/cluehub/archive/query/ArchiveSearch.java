package io.cluehub.archive.query;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.archive.ArchiveStore.Order;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Runs {@link ArchiveFilter}s against the archive: newest first in pages keyed by seq (a cursor that stays right while
 * entries are appended), or oldest first over a fixed range of the chain (replays, bundles).
 */
@Component
public class ArchiveSearch {

    /** The most hits one page may hold: each carries the message's bytes. */
    public static final int MAX_PAGE = 100;

    private final ArchiveStore archive;

    public ArchiveSearch(ArchiveStore archive) {
        this.archive = archive;
    }

    /** Up to {@code limit} entries matching {@code filter} with seq below {@code beforeSeq} (null: from the head). */
    public List<ArchiveEntry> newest(ArchiveFilter filter, Long beforeSeq, int limit) {
        ArchiveFilter.Condition condition = filter.condition(archive.subjects());
        if (beforeSeq != null) {
            condition = condition.and("seq < ?", beforeSeq);
        }
        return archive.select(condition.sql(), condition.args(), Order.NEWEST_FIRST, Math.max(1, Math.min(limit,
                MAX_PAGE)));
    }

    /** Up to {@code limit} entries matching {@code filter} with {@code afterSeq < seq <= upToSeq}, in chain order. */
    public List<ArchiveEntry> oldest(ArchiveFilter filter, long afterSeq, long upToSeq, int limit) {
        ArchiveFilter.Condition condition = filter.condition(archive.subjects())
                .and("seq > ?", afterSeq).and("seq <= ?", upToSeq);
        return archive.select(condition.sql(), condition.args(), Order.OLDEST_FIRST, limit);
    }

    /** How many entries match {@code filter} up to {@code upToSeq}. */
    public long count(ArchiveFilter filter, long upToSeq) {
        ArchiveFilter.Condition condition = filter.condition(archive.subjects()).and("seq <= ?", upToSeq);
        return archive.count(condition.sql(), condition.args());
    }

    public ArchiveStore archive() {
        return archive;
    }
}

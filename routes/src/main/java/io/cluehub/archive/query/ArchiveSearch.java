package io.cluehub.archive.query;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.archive.ArchiveStore.Order;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs {@link ArchiveFilter}s against the archive: newest first in pages keyed by seq (a cursor that stays right while
 * entries are appended), or oldest first over a fixed range of the chain (replays, bundles).
 */
@Component
public class ArchiveSearch {

    /** The most hits one page may hold: each carries the message's bytes. */
    public static final int MAX_PAGE = 100;

    /** How many positions of an office's traffic are read at a time, from each of its two index ranges. */
    static final int OFFICE_CHUNK = 256;

    private final ArchiveStore archive;
    private final int officeChunk;

    @Autowired
    public ArchiveSearch(ArchiveStore archive) {
        this(archive, OFFICE_CHUNK);
    }

    /** With {@code officeChunk} positions read at a time for an office filter (tests use a few). */
    public ArchiveSearch(ArchiveStore archive, int officeChunk) {
        this.archive = archive;
        this.officeChunk = officeChunk;
    }

    /**
     * Up to {@code limit} entries matching {@code filter} with seq below {@code beforeSeq} (null: from the head).
     *
     * <p>A filter that no index narrows down (the first page of the archive, or by type, status or time only) is
     * asked one kind at a time, and the pages merged: each then walks the archive's (kind, seq) index backwards and
     * stops at the page's end. Over {@code kind IN (...)} and ordered by seq alone, H2 read every entry of those kinds
     * and sorted them at every request (108,880 entries: scanCount 108,880, 0.5-1.2 s on a copy of the bench's
     * database; now 21 and 25-31 ms).
     *
     * <p>An office with nothing else an index finds is read from the positions it sent and received, newest first,
     * a chunk at a time ({@link #newestOfOffice}).
     */
    public List<ArchiveEntry> newest(ArchiveFilter filter, Long beforeSeq, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        List<String> kinds = filter.searchedKinds();
        if (filter.office() != null && !filter.withoutOffice().findsThroughAnIndex()) {
            return newestOfOffice(filter, beforeSeq, size);
        }
        if (filter.findsThroughAnIndex()) {
            return page(filter, beforeSeq, size, Order.NEWEST_FIRST);
        }
        List<ArchiveEntry> merged = new ArrayList<>();
        for (String kind : kinds) {
            merged.addAll(page(filter.ofKind(kind), beforeSeq, size, Order.NEWEST_FIRST_OF_ONE_KIND));
        }
        merged.sort(Comparator.comparingLong(ArchiveEntry::seq).reversed());
        return List.copyOf(merged.subList(0, Math.min(size, merged.size())));
    }

    /**
     * The newest entries an office sent or received that match the rest of {@code filter}. As one condition ({@code
     * sender = ? OR seq IN (its recipient rows)}) H2 read the whole archive, and would still have read every entry the
     * office ever sent or received to sort them (3.6 s for 100,000 on a copy of the bench's database). Here the
     * office's positions come from two indexes read backwards, (sender, seq) of the archive and (office, seq) of its
     * recipients (V34), {@code officeChunk} at a time from each; the positions down to the higher of the two chunks'
     * last ones (below it, a full chunk may have more to come) are checked against the rest of the filter by primary
     * key, newest first, until the page is full or both ranges end.
     */
    private List<ArchiveEntry> newestOfOffice(ArchiveFilter filter, Long beforeSeq, int size) {
        String office = filter.office();
        ArchiveFilter rest = filter.withoutOffice();
        List<ArchiveEntry> found = new ArrayList<>();
        long below = beforeSeq == null ? Long.MAX_VALUE : beforeSeq;
        while (found.size() < size) {
            List<Long> sent = archive.seqsSentBy(office, below, officeChunk);
            List<Long> received = archive.seqsReceivedBy(office, below, officeChunk);
            long floor = Long.MIN_VALUE;
            if (sent.size() == officeChunk) {
                floor = sent.get(officeChunk - 1);
            }
            if (received.size() == officeChunk) {
                floor = Math.max(floor, received.get(officeChunk - 1));
            }
            TreeSet<Long> candidates = new TreeSet<>();
            for (List<Long> range : List.of(sent, received)) {
                for (long seq : range) {
                    if (seq >= floor) {
                        candidates.add(seq);
                    }
                }
            }
            if (!candidates.isEmpty()) {
                ArchiveFilter.Condition condition = rest.condition(archive.subjects()).and("seq IN ("
                        + String.join(", ", Collections.nCopies(candidates.size(), "?")) + ")", candidates.toArray());
                found.addAll(archive.select(condition.sql(), condition.args(), Order.NEWEST_FIRST,
                        size - found.size()));
            }
            if (floor == Long.MIN_VALUE) {
                break;
            }
            below = floor;
        }
        return List.copyOf(found);
    }

    private List<ArchiveEntry> page(ArchiveFilter filter, Long beforeSeq, int size, Order order) {
        ArchiveFilter.Condition condition = filter.condition(archive.subjects());
        if (beforeSeq != null) {
            condition = condition.and("seq < ?", beforeSeq);
        }
        return archive.select(condition.sql(), condition.args(), order, size);
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

package io.cluehub.api;

import io.cluehub.intake.IntakeLedger;
import io.cluehub.intake.OutboundMessage;
import io.cluehub.intake.OutboxStore;
import io.cluehub.adapters.ClueHubHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * An office's receipts, read from the outbox of the decisions that sent them (not from its inbox), so that a receipt
 * the office has acknowledged, or one whose inbox copy the broker dropped as a duplicate, can still be read. A receipt
 * whose outbox copy the retention purge deleted is gone here too (its archive entry stays).
 */
@Repository
public class ReceiptStore {

    /** One receipt: the archive entry of the decision it answers, its exact bytes and the hub's signature over them. */
    public record StoredReceipt(long archiveSeq, byte[] body, String hubSignature) {
    }

    private final JdbcTemplate jdbc;
    private final OutboxStore outbox;
    private final IntakeLedger ledger;

    public ReceiptStore(JdbcTemplate jdbc, OutboxStore outbox, IntakeLedger ledger) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.ledger = ledger;
    }

    /** The office's receipts after archive position {@code after}, oldest first. */
    public List<StoredReceipt> after(String office, long after, int limit) {
        // A receipt answers the office's own entry: its entries after the position, in order, that sent it one (V30).
        // Ordered by the index's own key, (sender, seq), H2 reads it in order and stops at the limit.
        List<Long> seqs = jdbc.queryForList("SELECT a.seq FROM archive_entry a WHERE a.sender = ? AND a.seq > ? "
                + "AND EXISTS (SELECT 1 FROM outbox_message o WHERE o.archive_seq = a.seq AND o.kind = 'RECEIPT' "
                + "AND o.recipient = ?) ORDER BY a.sender, a.seq FETCH FIRST " + limit + " ROWS ONLY",
                Long.class, office, after, office);
        List<StoredReceipt> receipts = new ArrayList<>();
        for (long seq : seqs) {
            receipt(seq, office).ifPresent(receipts::add);
        }
        return receipts;
    }

    /**
     * The receipt of the office's message {@code messageId}: of its accepted decision if the ledger holds one (a
     * resend's duplicate receipt is not the decision), else of its latest rejection.
     */
    public Optional<StoredReceipt> forMessage(String office, String messageId) {
        Optional<Long> seq = ledger.find(office, messageId).map(r -> r.archiveSeq());
        if (seq.isEmpty()) {
            seq = jdbc.queryForList("SELECT MAX(o.archive_seq) FROM outbox_message o JOIN archive_entry a "
                    + "ON a.seq = o.archive_seq WHERE a.sender = ? AND a.message_id = ? AND o.kind = 'RECEIPT' "
                    + "AND o.recipient = ?", Long.class, office, messageId, office).stream()
                    .filter(java.util.Objects::nonNull).findFirst();
        }
        return seq.flatMap(s -> receipt(s, office));
    }

    /**
     * The intake decisions already taken on what came with transport id {@code transportId}, a body whose SHA-256 is
     * {@code rawSha256}: its own entry, or one per row of a batch ({@code <transport id>#row<n>}), in archive order.
     * Every one of them archived that hash, so they are found through the archive's index on it; by sender and
     * transport id alone the look-up read every entry the office ever sent (108,880 on a copy of the bench's database,
     * 3-8 s for each REST request).
     */
    public List<Decided> decided(String office, String transportId, String rawSha256) {
        return jdbc.query("SELECT seq, transport_id FROM archive_entry WHERE raw_sha256 = ? AND sender = ? "
                + "AND kind = 'intake' AND (transport_id = ? OR transport_id LIKE ?) ORDER BY seq",
                (rs, i) -> new Decided(rs.getLong(1), !transportId.equals(rs.getString(2))), rawSha256, office,
                transportId, rowsOf(transportId));
    }

    private static String rowsOf(String transportId) {
        return transportId.replace("%", "\\%").replace("_", "\\_") + "#row%";
    }

    /** An intake decision's archive position, and whether it decided a row of a batch. */
    public record Decided(long seq, boolean row) {
    }

    /** What the decision at {@code seq} sent, to send again. */
    public List<OutboundMessage> outbox(long seq) {
        return outbox.load(seq);
    }

    /** The office's receipt sent by the decision at {@code seq}. */
    public Optional<StoredReceipt> at(long seq, String office) {
        return receipt(seq, office);
    }

    /**
     * The receipts of a batch's rows, received with transport id {@code transportId} in a body whose SHA-256 is
     * {@code rawSha256} (each row's entry archived it), in row order.
     */
    public List<StoredReceipt> forBatch(String office, String transportId, String rawSha256) {
        List<Long> seqs = jdbc.queryForList("SELECT seq FROM archive_entry WHERE raw_sha256 = ? AND sender = ? "
                + "AND transport_id LIKE ? ORDER BY seq", Long.class, rawSha256, office, rowsOf(transportId));
        List<StoredReceipt> receipts = new ArrayList<>();
        for (long seq : seqs) {
            receipt(seq, office).ifPresent(receipts::add);
        }
        return receipts;
    }

    private Optional<StoredReceipt> receipt(long seq, String office) {
        return outbox.load(seq).stream()
                .filter(m -> m.kind() == OutboundMessage.Kind.RECEIPT && office.equals(m.recipient()))
                .findFirst()
                .map(m -> of(seq, m));
    }

    static StoredReceipt of(long seq, OutboundMessage m) {
        return new StoredReceipt(seq, m.body(), m.properties().get(ClueHubHeaders.HUB_SIGNATURE));
    }
}

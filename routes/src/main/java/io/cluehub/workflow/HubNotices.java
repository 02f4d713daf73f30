package io.cluehub.workflow;

import io.cluehub.archive.ArchiveDraft;
import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.directory.Directory;
import io.cluehub.directory.Office;
import io.cluehub.intake.DeliveryFactory;
import io.cluehub.intake.DuplicateIds;
import io.cluehub.intake.IntakeRoute;
import io.cluehub.intake.OutboundMapping;
import io.cluehub.intake.OutboundMessage;
import io.cluehub.intake.OutboxStore;
import io.cluehub.intake.ReceiptFactory;
import io.cluehub.schemas.validation.MessageValidator;
import io.cluehub.schemas.validation.ValidationOptions;
import io.cluehub.schemas.validation.ValidationOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages the hub originates itself ({@link HubNotice}), archived like everything else (an archive entry of kind
 * {@code notice} with the notice as its body) and delivered exactly like a decision's messages: mapped to each
 * recipient's format, countersigned with the hub's key, with a duplicate-detection id derived from the notice's key.
 *
 * <ul>
 * <li>Because of an accepted message ({@link Workflow#record}): {@link #outbound} archives the notice in the decision's
 * transaction and returns its messages, which the decision stores in its outbox and sends with its own.</li>
 * <li>On its own (a deadline passed, an entry expired): {@link #emit} archives it in the caller's transaction, stores
 * its messages in the outbox under the notice's position and marks them pending ({@code notice_pending}); they are
 * sent when the transaction commits and the mark is removed. A crash in between leaves the mark, and
 * {@link #sendPending} (every {@code cluehub.workflow.notice-sweep}, on any instance) sends them again: the broker's
 * duplicate detection drops a copy that did go out.</li>
 * </ul>
 * Every notice is validated against its type's schema before it is archived: a notice the hub cannot vouch for is a bug
 * and fails the transaction that would have sent it.
 */
@Component
public class HubNotices {

    private static final Logger LOG = LoggerFactory.getLogger(HubNotices.class);
    static final String KIND_NOTICE = "notice";

    private final JsonMapper json;
    private final Clock clock;
    private final Directory directory;
    private final ArchiveStore archive;
    private final OutboxStore outbox;
    private final OutboundMapping mapping;
    private final DeliveryFactory deliveries;
    private final MessageValidator validator;
    private final JdbcTemplate jdbc;
    private final ProducerTemplate producer;

    public HubNotices(JsonMapper json, Clock clock, Directory directory, ArchiveStore archive, OutboxStore outbox,
            OutboundMapping mapping, DeliveryFactory deliveries, MessageValidator validator, JdbcTemplate jdbc,
            @Lazy ProducerTemplate producer) {
        this.json = json;
        this.clock = clock;
        this.directory = directory;
        this.archive = archive;
        this.outbox = outbox;
        this.mapping = mapping;
        this.deliveries = deliveries;
        this.validator = validator;
        this.jdbc = jdbc;
        this.producer = producer;
    }

    /** Archives {@code notice} in the current transaction and returns its messages, for the caller's outbox. */
    public List<OutboundMessage> outbound(HubNotice notice) {
        return archived(notice).messages();
    }

    /**
     * Archives {@code notice} in the current database transaction (which must exist) and sends it once that commits;
     * returns its archive position.
     */
    public long emit(HubNotice notice) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("A notice is emitted inside the transaction that records its cause");
        }
        Archived archived = archived(notice);
        outbox.save(archived.seq(), archived.messages());
        jdbc.update("INSERT INTO notice_pending (archive_seq, created_at) VALUES (?, ?)", archived.seq(),
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    send(archived.seq(), archived.messages());
                } catch (RuntimeException e) {
                    LOG.warn("Notice {} (archive entry {}) not sent yet, the sweep sends it: {}", notice.key(),
                            archived.seq(), e.toString());
                }
            }
        });
        return archived.seq();
    }

    /** Sends notices still marked pending since before {@code olderThan} (a crash, a broker outage). */
    public int sendPending(Instant olderThan) {
        List<Long> pending = jdbc.queryForList("SELECT archive_seq FROM notice_pending WHERE created_at < ? "
                + "ORDER BY archive_seq", Long.class, olderThan.atOffset(ZoneOffset.UTC));
        for (long seq : pending) {
            send(seq, outbox.load(seq));
        }
        return pending.size();
    }

    /** The sweep: notices pending for more than ten seconds; the transaction that emitted them has long committed. */
    public int sweep() {
        return sendPending(clock.instant().minusSeconds(10));
    }

    private void send(long seq, List<OutboundMessage> messages) {
        producer.sendBody(IntakeRoute.SEND, messages);
        jdbc.update("DELETE FROM notice_pending WHERE archive_seq = ?", seq);
    }

    private record Archived(long seq, List<OutboundMessage> messages) {
    }

    private Archived archived(HubNotice notice) {
        String messageId = UUID.nameUUIDFromBytes(("cluehub-notice:" + notice.key()).getBytes(StandardCharsets.UTF_8))
                .toString();
        Instant now = clock.instant();
        ObjectNode root = json.createObjectNode();
        root.put("messageId", messageId);
        root.put("type", notice.type());
        root.put("schemaVersion", "1.0");
        root.put("sender", ReceiptFactory.HUB_SENDER);
        notice.recipients().forEach(root.withArray("recipients")::add);
        if (notice.caseRef() != null) {
            root.put("caseRef", notice.caseRef());
        }
        if (notice.inReplyTo() != null) {
            root.put("inReplyTo", notice.inReplyTo());
        }
        root.put("sentAt", now.toString());
        ObjectNode handling = root.putObject("handling");
        handling.put("classification", notice.classification());
        handling.put("onwardSharing", "forbidden");
        root.set("payload", notice.payload());
        ValidationOutcome outcome = validator.validate(root, ValidationOptions.defaults());
        if (!outcome.successful()) {
            throw new IllegalStateException("The hub built an invalid " + notice.type() + " notice: " + outcome.issues());
        }
        byte[] canonical = json.writeValueAsBytes(root);

        Set<String> targets = new LinkedHashSet<>();
        ObjectNode decision = json.createObjectNode();
        decision.put("status", "sent");
        decision.put("key", notice.key());
        var copies = decision.putArray("deliveries");
        for (String recipient : notice.recipients()) {
            Office target = directory.find(recipient).map(directory::deliveryOfficeOrNull).orElse(null);
            ObjectNode d = copies.addObject();
            d.put("recipient", recipient);
            if (target == null) {
                d.put("undeliverable", "no connected office on its way up");
            } else {
                d.put("deliveredTo", target.id());
                targets.add(target.id());
            }
        }
        ArchiveEntry entry = archive.append(new ArchiveDraft(now, KIND_NOTICE, "sent", ReceiptFactory.HUB_SENDER,
                messageId, notice.type(), notice.caseRef(), null, "notice:" + notice.key(),
                ArchiveEntry.sha256Hex(canonical), canonical, json.writeValueAsString(decision)));
        List<OutboundMessage> messages = new ArrayList<>(targets.size());
        for (String officeId : targets) {
            OutboundMapping.Mapped body = mapping.forRecipient(officeId, notice.type(), canonical);
            messages.add(deliveries.delivery(officeId, messageId, notice.type(), ReceiptFactory.HUB_SENDER,
                    notice.caseRef(), notice.inReplyTo(), null, body,
                    DuplicateIds.of(ReceiptFactory.HUB_SENDER, notice.key(), "notice", officeId), Map.of()));
        }
        return new Archived(entry.seq(), messages);
    }
}

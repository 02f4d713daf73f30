package io.cluehub.archive.replay;

import io.cluehub.adapters.ClueHubHeaders;
import io.cluehub.adapters.jms.BrokerAddresses;
import io.cluehub.archive.ArchiveEntry;
import io.cluehub.intake.OutboundMapping;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends one batch of archived messages to an office's inbox in one local broker transaction, on the hub's connection
 * factory: each in the target's own format (as a delivery to it would be), with the delivery properties (the original
 * messageId, sender, type, caseRef, format) and {@link ClueHubHeaders#REPLAY}, {@link ClueHubHeaders#REPLAY_ID} and a
 * broker duplicate-detection id, so that a batch sent again after a crash is dropped by the broker.
 *
 * <p>Artemis refuses a whole transaction that holds a message it has seen (the commit fails with a duplicate-id
 * error). So when a batch's commit is refused that way, its messages are sent again one per transaction: those already
 * delivered are refused one by one, the others go through. A batch is sent twice only after a crash between its
 * broker commit and the database marking it sent, and then every message of it is a duplicate.
 */
@Component
public class ReplaySender {

    private final JmsTemplate jms;
    private final OutboundMapping mapping;

    public ReplaySender(@Qualifier("hubConnectionFactory") ConnectionFactory hubConnectionFactory,
            OutboundMapping mapping) {
        this.jms = new JmsTemplate(hubConnectionFactory);
        this.jms.setSessionTransacted(true);
        this.mapping = mapping;
    }

    /**
     * Sends {@code entries} (each with a canonical message) in order to {@code target}'s inbox, in one transaction;
     * returns how many the broker took (the others it had already delivered).
     */
    public int send(String replayId, String target, List<ArchiveEntry> entries) {
        Integer sent = jms.execute(session -> {
            try (MessageProducer producer = session.createProducer(session.createQueue(BrokerAddresses.inbox(target)))) {
                if (commit(session, producer, replayId, target, entries)) {
                    return entries.size();
                }
                int taken = 0;
                for (ArchiveEntry entry : entries) {
                    if (commit(session, producer, replayId, target, List.of(entry))) {
                        taken++;
                    }
                }
                return taken;
            }
        }, true);
        return sent == null ? 0 : sent;
    }

    /** Sends and commits; false if the broker refused the transaction as holding a duplicate. */
    private boolean commit(Session session, MessageProducer producer, String replayId, String target,
            List<ArchiveEntry> entries) throws JMSException {
        for (ArchiveEntry entry : entries) {
            producer.send(message(session, replayId, target, entry));
        }
        try {
            session.commit();
            return true;
        } catch (JMSException e) {
            if (!isDuplicate(e)) {
                throw e;
            }
            try {
                session.rollback();
            } catch (JMSException ignored) {
                // The broker already dropped the transaction.
            }
            return false;
        }
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    private Message message(Session session, String replayId, String target, ArchiveEntry entry)
            throws JMSException {
        OutboundMapping.Mapped body = mapping.forRecipient(target, entry.type(), entry.canonicalMessage());
        Message message;
        if (body.text()) {
            message = session.createTextMessage(new String(body.body(), StandardCharsets.UTF_8));
        } else {
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(body.body());
            message = bytes;
        }
        message.setStringProperty(ClueHubHeaders.REPLAY, "true");
        message.setStringProperty(ClueHubHeaders.REPLAY_ID, replayId);
        message.setStringProperty(ClueHubHeaders.ARCHIVE_SEQ, Long.toString(entry.seq()));
        message.setStringProperty(ClueHubHeaders.MESSAGE_ID, entry.messageId());
        message.setStringProperty(ClueHubHeaders.SENDER, entry.sender());
        message.setStringProperty(ClueHubHeaders.TYPE, entry.type());
        if (entry.caseRef() != null) {
            message.setStringProperty(ClueHubHeaders.CASE_REF, entry.caseRef());
        }
        message.setStringProperty(ClueHubHeaders.FORMAT, body.formatId());
        message.setStringProperty(ClueHubHeaders.DUPLICATE_ID,
                ReplayDuplicateIds.of(replayId, entry.sender(), entry.messageId()));
        return message;
    }
}

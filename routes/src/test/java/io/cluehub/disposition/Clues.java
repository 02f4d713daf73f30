package io.cluehub.disposition;

import static io.cluehub.support.HubTestSupport.designClue;
import static io.cluehub.support.HubTestSupport.property;

import io.cluehub.support.HubTestSupport;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Clues, statuses and an office inbox that keeps what it read, for the disposition tests. */
final class Clues {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Clues() {
    }

    /** A case reference no other test uses, so the handling rules of earlier cases never apply. */
    static String freshCase() {
        return "SAMR-330106-2026-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The §10 clue from SAMR-330106 to {@code recipient}, of its own case, with this onward-sharing code. */
    static String clue(String id, String caseRef, String recipient, String onwardSharing) {
        return designClue(id).replace("SAMR-330106-2026-00042", caseRef)
                .replace("\"onwardSharing\": \"originator-consent\"", "\"onwardSharing\": \"" + onwardSharing + "\"")
                .replace("[\"CAC-330100\"]", "[\"" + recipient + "\"]");
    }

    /** A clue.status naming no recipients; {@code extra} is further payload members, e.g. {@code "reason": "…"}. */
    static String status(String id, String sender, String caseRef, String clueId, String disposition, String extra) {
        return """
                {"messageId": "%s", "type": "clue.status", "schemaVersion": "1.0", "sender": "%s",
                 "caseRef": "%s", "inReplyTo": "%s", "sentAt": "2026-11-23T09:30:00+08:00",
                 "handling": {"classification": "sensitive", "onwardSharing": "originator-consent"},
                 "payload": {"disposition": "%s"%s}}
                """.formatted(id, sender, caseRef, clueId, disposition, extra == null ? "" : ", " + extra);
    }

    static final String CONCLUSION = "\"result\": {\"outcome\": \"administrative-penalty\", "
            + "\"summary\": \"Live room closed for 30 days\", \"decisionRef\": \"HZ-CAC-2026-117\"}";

    static JsonNode body(Message message) {
        try {
            return JSON.readTree(((TextMessage) message).getText());
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    static Predicate<Message> receiptFor(String messageId) {
        return m -> "receipt".equals(property(m, "ClueHubType")) && messageId.equals(property(m, "ClueHubInReplyTo"));
    }

    static Predicate<Message> delivery(String type, String messageId) {
        return m -> type.equals(property(m, "ClueHubType")) && messageId.equals(property(m, "ClueHubMessageId"));
    }

    /** Reminders about {@code clueId} of one copy (reminder or notice) and deadline. */
    static Predicate<Message> reminder(String clueId, String copy, String deadline) {
        return m -> "clue.reminder".equals(property(m, "ClueHubType")) && clueId.equals(property(m, "ClueHubInReplyTo"))
                && copy.equals(body(m).at("/payload/copy").asString())
                && deadline.equals(body(m).at("/payload/deadline").asString());
    }

    /** An office's inbox that remembers every message read, so tests can wait for several in any order. */
    static final class Inbox implements AutoCloseable {

        final String officeId;
        private final HubTestSupport.Office office;
        private final List<Message> seen = new ArrayList<>();

        Inbox(String officeId, HubTestSupport.Office office) {
            this.officeId = officeId;
            this.office = office;
        }

        HubTestSupport.Office office() {
            return office;
        }

        void send(String body) throws JMSException {
            office.send(body);
        }

        /** The first message matching {@code wanted}, read so far or within {@code millis}; null if none came. */
        Message await(long millis, Predicate<Message> wanted) throws JMSException {
            long deadline = System.currentTimeMillis() + millis;
            while (true) {
                for (Message m : seen) {
                    if (wanted.test(m)) {
                        return m;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                Message next = office.receive(left);
                if (next != null) {
                    seen.add(next);
                }
            }
        }

        /** Reads for {@code millis} and returns every message read so far that matches. */
        List<Message> all(long millis, Predicate<Message> wanted) throws JMSException {
            long deadline = System.currentTimeMillis() + millis;
            for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
                Message next = office.receive(left);
                if (next != null) {
                    seen.add(next);
                }
            }
            return seen.stream().filter(wanted).toList();
        }

        @Override
        public void close() throws JMSException {
            office.close();
        }
    }
}

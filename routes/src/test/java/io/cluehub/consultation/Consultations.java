package io.cluehub.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.support.HubTestSupport;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Consultation messages as offices send them, and an office's inbox that keeps what a test has not asked for yet. */
final class Consultations {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Consultations() {
    }

    static String caseRef() {
        return "SAMR-330106-2026-C" + (100000 + (int) (Math.random() * 800000));
    }

    /** A request from {@code convener} to {@code invitees}, naming no recipients (the hub sends it to the invitees). */
    static String request(String id, String convener, String caseRef, Instant deadline, String... invitees) {
        StringBuilder list = new StringBuilder();
        for (String invitee : invitees) {
            list.append(list.isEmpty() ? "" : ", ").append('"').append(invitee).append('"');
        }
        return """
                {"messageId": "%s", "type": "consultation.request", "schemaVersion": "1.0", "sender": "%s",
                 "caseRef": "%s", "sentAt": "%s",
                 "handling": {"classification": "sensitive", "onwardSharing": "forbidden"},
                 "payload": {"question": "Who leads the case of the counterfeit cosmetics live room?",
                             "invitees": [%s], "deadline": "%s"}}
                """.formatted(id, convener, caseRef, Instant.now().minusSeconds(1), list, deadline);
    }

    /** An opinion on {@code request}, naming no recipients (the hub sends it to the convener). */
    static String opinion(String id, String sender, String caseRef, String request, String position) {
        return """
                {"messageId": "%s", "type": "consultation.opinion", "schemaVersion": "1.0", "sender": "%s",
                 "caseRef": "%s", "inReplyTo": "%s", "sentAt": "%s",
                 "handling": {"classification": "sensitive", "onwardSharing": "forbidden"},
                 "payload": {"position": "%s", "opinion": "Market regulation should lead."}}
                """.formatted(id, sender, caseRef, request, Instant.now().minusSeconds(1), position);
    }

    /** The decision on {@code request}, naming no recipients (the hub sends it to every invitee). */
    static String decision(String id, String sender, String caseRef, String request) {
        return """
                {"messageId": "%s", "type": "consultation.decision", "schemaVersion": "1.0", "sender": "%s",
                 "caseRef": "%s", "inReplyTo": "%s", "sentAt": "%s",
                 "handling": {"classification": "sensitive", "onwardSharing": "forbidden"},
                 "payload": {"decision": "SAMR-330106 leads; public security follows up on the traffic seller.",
                             "participants": [{"office": "CAC-330100"}]}}
                """.formatted(id, sender, caseRef, request, Instant.now().minusSeconds(1));
    }

    static JsonNode body(Message message) throws JMSException {
        return JSON.readTree(((TextMessage) message).getText());
    }

    static Predicate<Message> receiptFor(String messageId) {
        return m -> "receipt".equals(HubTestSupport.property(m, "ClueHubType"))
                && messageId.equals(HubTestSupport.property(m, "ClueHubInReplyTo"));
    }

    static Predicate<Message> delivery(String type, String messageId) {
        return m -> type.equals(HubTestSupport.property(m, "ClueHubType"))
                && messageId.equals(HubTestSupport.property(m, "ClueHubMessageId"));
    }

    static Predicate<Message> summaryOf(String request) {
        return m -> "consultation.summary".equals(HubTestSupport.property(m, "ClueHubType"))
                && request.equals(HubTestSupport.property(m, "ClueHubInReplyTo"));
    }

    /** An office's inbox: messages received while waiting for another are kept for later questions. */
    static final class Mailbox implements AutoCloseable {

        private final HubTestSupport.Office office;
        private final List<Message> kept = new ArrayList<>();

        Mailbox(HubTestSupport.Office office) {
            this.office = office;
        }

        void send(String body) throws JMSException {
            office.send(body);
        }

        /** The first message matching {@code wanted} within {@code millis}, or null. */
        Message take(Predicate<Message> wanted, long millis) throws JMSException {
            for (Iterator<Message> i = kept.iterator(); i.hasNext();) {
                Message m = i.next();
                if (wanted.test(m)) {
                    i.remove();
                    return m;
                }
            }
            long end = System.currentTimeMillis() + millis;
            for (long left = millis; left > 0; left = end - System.currentTimeMillis()) {
                Message m = office.receive(left);
                if (m == null) {
                    return null;
                }
                if (wanted.test(m)) {
                    return m;
                }
                kept.add(m);
            }
            return null;
        }

        JsonNode expect(Predicate<Message> wanted, String what) throws JMSException {
            Message m = take(wanted, 20_000);
            assertThat(m).as(what).isNotNull();
            return body(m);
        }

        /** Sends {@code body} and returns the hub's receipt for it. */
        JsonNode sendForReceipt(String body) throws JMSException {
            send(body);
            String id = JSON.readTree(body).path("messageId").asString();
            return expect(receiptFor(id), "receipt for " + id);
        }

        /** How many messages matching {@code wanted} arrive within {@code millis}. */
        int count(Predicate<Message> wanted, long millis) throws JMSException {
            int n = 0;
            while (take(wanted, millis) != null) {
                n++;
            }
            return n;
        }

        @Override
        public void close() throws JMSException {
            office.close();
        }
    }

    static String status(JsonNode receipt) {
        return receipt.at("/payload/status").asString();
    }

    static String code(JsonNode receipt) {
        return receipt.at("/payload/outcome/issues/0/code").asString();
    }

    static String diagnostics(JsonNode receipt) {
        return receipt.at("/payload/outcome/issues/0/diagnostics").asString();
    }
}

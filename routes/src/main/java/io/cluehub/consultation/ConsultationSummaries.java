package io.cluehub.consultation;

import io.cluehub.workflow.HubNotice;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code consultation.summary} of a completed session, for its convener: the opinions received (office, the office
 * that answered for it when its mail went elsewhere, position, opinion messageId and time) and the invitees who did
 * not answer. Its key is the session's, so a session has one summary, whatever sends it.
 */
@Component
public class ConsultationSummaries {

    static final String TYPE = "consultation.summary";

    private final JsonMapper json;

    public ConsultationSummaries(JsonMapper json) {
        this.json = json;
    }

    static String key(String sessionId) {
        return "consultation-summary:" + sessionId;
    }

    /** The messageId of the session's summary (HubNotices derives it from the notice's key). */
    static String messageId(String sessionId) {
        return UUID.nameUUIDFromBytes(("cluehub-notice:" + key(sessionId)).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public HubNotice notice(ConsultationSession session) {
        ObjectNode payload = json.createObjectNode();
        payload.put("consultation", session.id());
        payload.put("deadline", session.deadline().toString());
        payload.put("completedBecause", session.completedBecause());
        payload.put("completedAt", session.completedAt().toString());
        ArrayNode opinions = payload.putArray("opinions");
        ArrayNode notAnswered = payload.putArray("notAnswered");
        for (ConsultationSession.Invitee invitee : session.invitees()) {
            if (invitee.answered()) {
                ObjectNode opinion = opinions.addObject();
                opinion.put("office", invitee.office());
                if (!invitee.office().equals(invitee.answeredBy())) {
                    opinion.put("answeredBy", invitee.answeredBy());
                }
                opinion.put("position", invitee.position());
                opinion.put("opinionMessageId", invitee.opinionMessageId());
                opinion.put("receivedAt", invitee.answeredAt().toString());
            } else {
                notAnswered.add(invitee.office());
            }
        }
        return new HubNotice(TYPE, key(session.id()), List.of(session.convener()), session.caseRef(), session.id(),
                session.classification(), payload);
    }
}

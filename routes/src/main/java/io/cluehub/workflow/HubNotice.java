package io.cluehub.workflow;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message the hub originates itself (sender {@code CLUEHUB}): a reminder of an overdue clue, a consultation's
 * summary, a shared list's expired entries, a snapshot. {@code key} names what it is about, stably (e.g.
 * {@code clue-overdue:acknowledge:<sender>/<messageId>:<office>}): the notice's messageId and each copy's broker
 * duplicate-detection id derive from it, so sending it again after a crash is harmless and never a second notice.
 */
public record HubNotice(String type, String key, List<String> recipients, String caseRef, String inReplyTo,
        String classification, ObjectNode payload) {

    public HubNotice {
        recipients = List.copyOf(recipients);
        if (classification == null) {
            classification = "internal";
        }
    }
}

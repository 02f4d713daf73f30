package io.cluehub.schemas.validation;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A reply must answer a message of the right type: a {@code clue.status} answers a {@code clue.transfer}; a
 * {@code consultation.opinion} and (when it names one) a {@code consultation.decision} answer a
 * {@code consultation.request}. Runs only when the caller gave a {@link ReplyLookup}; a missing {@code inReplyTo} is
 * the schema's to report.
 */
public final class ReplyRulesModule implements ValidationModule {

    static final Map<String, Set<String>> ANSWERS = Map.of(
            "clue.status", Set.of("clue.transfer"),
            "handling.consent", Set.of("clue.transfer"),
            "consultation.opinion", Set.of("consultation.request"),
            "consultation.decision", Set.of("consultation.request"));

    @Override
    public String name() {
        return "replies";
    }

    @Override
    public void validate(ValidationContext ctx) {
        ReplyLookup lookup = ctx.options().replyLookup();
        Set<String> wanted = ctx.type() == null ? null : ANSWERS.get(ctx.type());
        JsonNode inReplyTo = ctx.message().get("inReplyTo");
        if (lookup == null || wanted == null || inReplyTo == null || !inReplyTo.isString()) {
            return;
        }
        String id = inReplyTo.stringValue();
        Optional<String> found = lookup.typeOf(id);
        String expected = String.join(" or ", wanted.stream().sorted().toList());
        if (found.isEmpty()) {
            ctx.add(Issue.error(IssueCode.REPLY_TARGET_UNKNOWN, "/inReplyTo",
                    "inReplyTo names message " + id + ", which the hub has not seen; a " + ctx.type()
                            + " must answer a " + expected + " that passed through the hub."));
        } else if (!wanted.contains(found.get())) {
            ctx.add(Issue.error(IssueCode.REPLY_TYPE_MISMATCH, "/inReplyTo",
                    "inReplyTo names message " + id + ", which is " + article(found.get()) + "; a " + ctx.type()
                            + " must answer a " + expected + "."));
        }
    }

    private static String article(String type) {
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }
}

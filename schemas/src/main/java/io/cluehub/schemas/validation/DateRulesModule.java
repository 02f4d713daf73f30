package io.cluehub.schemas.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Orderings of dates that JSON Schema cannot compare: wherever an object holds a start and an end
 * ({@code effectiveFrom}/{@code effectiveTo}, {@code startsAt}/{@code endsAt}, {@code broadcastFrom}/{@code broadcastTo})
 * the start is not after the end ({@code DATE_RANGE}); a training's {@code registrationDeadline} is not after its
 * {@code startsAt}; a consultation's {@code deadline} is after the message's {@code sentAt}
 * ({@code DEADLINE_BEFORE_SENT}). Values the schema finds malformed are skipped.
 */
public final class DateRulesModule implements ValidationModule {

    /** {earlier, later, the one an issue points at}. */
    private static final String[][] DATE_PAIRS = {{"effectiveFrom", "effectiveTo", "effectiveTo"}};

    private static final String[][] DATE_TIME_PAIRS = {
        {"startsAt", "endsAt", "endsAt"},
        {"broadcastFrom", "broadcastTo", "broadcastTo"},
        {"registrationDeadline", "startsAt", "registrationDeadline"}
    };

    @Override
    public String name() {
        return "dates";
    }

    @Override
    public void validate(ValidationContext ctx) {
        JsonNode message = ctx.message();
        walk(ctx, message.path("payload"), "/payload");
        if ("consultation.request".equals(ctx.type())) {
            Instant sent = instant(message.get("sentAt"));
            Instant deadline = instant(message.path("payload").get("deadline"));
            if (sent != null && deadline != null && !deadline.isAfter(sent)) {
                ctx.add(Issue.error(IssueCode.DEADLINE_BEFORE_SENT, "/payload/deadline",
                        "The deadline " + message.path("payload").get("deadline").stringValue()
                                + " is not after sentAt " + message.get("sentAt").stringValue()
                                + "; invitees need time to answer."));
            }
        }
    }

    private static void walk(ValidationContext ctx, JsonNode node, String pointer) {
        walk(ctx, node, pointer, new ArrayList<>());
    }

    /** Visits every object under {@code node}; {@code path} holds the segments below {@code base}. */
    private static void walk(ValidationContext ctx, JsonNode node, String base, List<Object> path) {
        if (node.isObject()) {
            for (String[] pair : DATE_PAIRS) {
                LocalDate from = date(node.get(pair[0]));
                LocalDate to = date(node.get(pair[1]));
                if (from != null && to != null && from.isAfter(to)) {
                    ctx.add(range(pointer(base, path), pair, node));
                }
            }
            for (String[] pair : DATE_TIME_PAIRS) {
                Instant from = instant(node.get(pair[0]));
                Instant to = instant(node.get(pair[1]));
                if (from != null && to != null && from.isAfter(to)) {
                    ctx.add(range(pointer(base, path), pair, node));
                }
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getValue().isContainer()) {
                    path.add(e.getKey());
                    walk(ctx, e.getValue(), base, path);
                    path.remove(path.size() - 1);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                walk(ctx, node.get(i), base, path);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String pointer(String base, List<Object> path) {
        String p = base;
        for (Object segment : path) {
            p = segment instanceof Integer i ? JsonPointers.child(p, i) : JsonPointers.child(p, (String) segment);
        }
        return p;
    }

    private static Issue range(String pointer, String[] pair, JsonNode node) {
        return Issue.error(IssueCode.DATE_RANGE, JsonPointers.child(pointer, pair[2]),
                pair[0] + " " + node.get(pair[0]).stringValue() + " is after " + pair[1] + " "
                        + node.get(pair[1]).stringValue() + "; " + pair[0] + " must not be later than " + pair[1]
                        + ".");
    }

    private static LocalDate date(JsonNode n) {
        if (n == null || !n.isString() || n.stringValue().length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(n.stringValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant instant(JsonNode n) {
        if (n == null || !n.isString() || n.stringValue().length() > 40) {
            return null;
        }
        try {
            return OffsetDateTime.parse(n.stringValue()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

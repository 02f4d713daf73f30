package io.cluehub.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;

import tools.jackson.databind.JsonNode;

/**
 * Checks of the receipt contract: what every receipt carries, and what an accepted or a rejected one adds.
 * Each check reports every deviation at once, with the whole receipt.
 */
public final class Receipts {

    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    private Receipts() {
    }

    /**
     * An accepted receipt to {@code sender} for the message whose exact text was {@code originalJson}.
     *
     * @return the receipt body
     */
    public static JsonNode assertAccepted(InboxMessage receipt, String sender, String originalJson, boolean duplicate) {
        JsonNode original = Json.parse(originalJson);
        JsonNode body = parse(receipt);
        SoftAssertions softly = new SoftAssertions();
        common(softly, receipt, body, sender, Messages.utf8(originalJson), ACCEPTED, duplicate);
        answers(softly, receipt, body, original);
        softly.assertThat(body.at("/payload/outcome/successful").isBoolean()
                        && body.at("/payload/outcome/successful").booleanValue())
                .as("payload.outcome.successful of %s", body).isTrue();
        softly.assertThat(Json.array(body, "/payload/outcome/issues"))
                .as("error or fatal issues in accepted %s", body)
                .noneMatch(issue -> List.of("error", "fatal").contains(Json.text(issue, "/severity")));
        softly.assertAll();
        return body;
    }

    /**
     * A rejected receipt to {@code sender} for the exact bytes {@code raw}, with an issue {@code code} at
     * {@code location} (not checked when {@code null}) whose severity is one of {@code severities}.
     * {@code original} is the envelope the hub could read, or {@code null} when it could not read one: then the
     * receipt must not claim to answer any messageId.
     *
     * @return the receipt body
     */
    public static JsonNode assertRejected(InboxMessage receipt, String sender, byte[] raw, JsonNode original,
                                          String code, String location, List<String> severities) {
        JsonNode body = parse(receipt);
        SoftAssertions softly = new SoftAssertions();
        common(softly, receipt, body, sender, raw, REJECTED, false);
        if (original != null) {
            answers(softly, receipt, body, original);
        } else {
            softly.assertThat(Json.absent(body, "/inReplyTo")).as("no inReplyTo in %s", body).isTrue();
            softly.assertThat(Json.absent(body, "/payload/originalMessageId"))
                    .as("no payload.originalMessageId in %s", body).isTrue();
        }
        softly.assertThat(body.at("/payload/outcome/successful").isBoolean()
                        && !body.at("/payload/outcome/successful").booleanValue())
                .as("payload.outcome.successful is false in %s", body).isTrue();
        softly.assertThat(Json.array(body, "/payload/outcome/issues"))
                .as("an issue %s at %s with severity in %s, in %s", code, location, severities, body)
                .anySatisfy(issue -> {
                    assertThat(Json.text(issue, "/code")).isEqualTo(code);
                    if (location != null) {
                        assertThat(Json.text(issue, "/location")).isEqualTo(location);
                    }
                    assertThat(Json.text(issue, "/severity")).isIn(severities);
                    assertThat(Json.text(issue, "/diagnostics")).isNotBlank();
                });
        softly.assertAll();
        return body;
    }

    /** {@code payload.archiveSeq} of a receipt, as the decimal string the hub's other channels use. */
    public static String archiveSeq(JsonNode receiptBody) {
        return Json.text(receiptBody, "/payload/archiveSeq");
    }

    private static JsonNode parse(InboxMessage receipt) {
        try {
            return receipt.json();
        } catch (RuntimeException e) {
            throw new AssertionError("Receipt body is not JSON: " + receipt, e);
        }
    }

    private static void common(SoftAssertions softly, InboxMessage receipt, JsonNode body, String sender, byte[] raw,
                               String status, boolean duplicate) {
        softly.assertThat(receipt.kind()).as("JMS type of receipt %s", receipt).isEqualTo(InboxMessage.TEXT);
        softly.assertThat(receipt.property(HubContract.TYPE)).as(HubContract.TYPE).isEqualTo(HubContract.RECEIPT);
        softly.assertThat(receipt.property(HubContract.RECEIPT_STATUS)).as(HubContract.RECEIPT_STATUS).isEqualTo(status);

        softly.assertThat(Json.text(body, "/type")).as("type of %s", body).isEqualTo(HubContract.RECEIPT);
        softly.assertThat(Json.text(body, "/schemaVersion")).as("schemaVersion of %s", body).isEqualTo("1.0");
        softly.assertThat(Json.text(body, "/sender")).as("sender of %s", body).isEqualTo(HubContract.HUB_SENDER);
        softly.assertThat(Json.strings(body, "/recipients")).as("recipients of %s", body).containsExactly(sender);
        softly.assertThat(isUuid(Json.text(body, "/messageId"))).as("messageId is a UUID in %s", body).isTrue();
        softly.assertThat(Json.text(body, "/sentAt")).as("sentAt of %s", body).isNotBlank();
        softly.assertThat(Json.text(body, "/handling/classification")).as("handling.classification of %s", body)
                .isEqualTo("internal");
        softly.assertThat(Json.text(body, "/handling/onwardSharing")).as("handling.onwardSharing of %s", body)
                .isEqualTo("forbidden");

        softly.assertThat(Json.text(body, "/payload/status")).as("payload.status of %s", body).isEqualTo(status);
        softly.assertThat(Json.text(body, "/payload/rawSha256")).as("payload.rawSha256 of %s", body)
                .isEqualTo(Messages.sha256Hex(raw));
        softly.assertThat(Json.text(body, "/payload/receivedAt")).as("payload.receivedAt of %s", body).isNotBlank();
        JsonNode seq = body.at("/payload/archiveSeq");
        softly.assertThat(seq.isIntegralNumber() && seq.longValue() > 0)
                .as("payload.archiveSeq is a positive integer in %s", body).isTrue();
        JsonNode duplicateFlag = body.at("/payload/duplicate");
        softly.assertThat(duplicateFlag.isBoolean() ? duplicateFlag.booleanValue() : null)
                .as("payload.duplicate of %s", body).isEqualTo(duplicate);
    }

    private static void answers(SoftAssertions softly, InboxMessage receipt, JsonNode body, JsonNode original) {
        String messageId = Json.text(original, "/messageId");
        softly.assertThat(receipt.property(HubContract.IN_REPLY_TO)).as(HubContract.IN_REPLY_TO).isEqualTo(messageId);
        softly.assertThat(Json.text(body, "/inReplyTo")).as("inReplyTo of %s", body).isEqualTo(messageId);
        softly.assertThat(Json.text(body, "/messageId")).as("receipt messageId of %s", body).isNotEqualTo(messageId);
        softly.assertThat(Json.text(body, "/caseRef")).as("caseRef of %s", body)
                .isEqualTo(Json.text(original, "/caseRef"));
        softly.assertThat(Json.text(body, "/payload/originalMessageId")).as("payload.originalMessageId of %s", body)
                .isEqualTo(messageId);
        softly.assertThat(Json.text(body, "/payload/originalType")).as("payload.originalType of %s", body)
                .isEqualTo(Json.text(original, "/type"));
    }

    private static boolean isUuid(String value) {
        try {
            return value != null && UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

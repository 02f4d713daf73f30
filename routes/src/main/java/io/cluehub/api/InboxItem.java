package io.cluehub.api;

/**
 * One message waiting in an office's inbox queue, as the REST API lists it. {@code deliveryId} is the broker's JMS
 * message id (acknowledge with it); {@code position} is the broker's own message number, the page cursor
 * ({@code after}). The body is the JSON object itself for canonical JSON, the text for another text format (named in
 * {@code format}), and Base64 ({@code bodyEncoding: "base64"}) for a bytes body (a CSV in a legacy charset).
 */
public record InboxItem(String deliveryId, long position, String enqueuedAt, String type, String sender,
        String messageId, String caseRef, String inReplyTo, String receiptStatus, String format, String signature,
        String hubSignature, Object body, String bodyEncoding) {
}

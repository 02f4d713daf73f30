package io.cluehub.api;

import io.cluehub.config.ClueHubProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/messages} (roles {@code agency-system}, {@code case-officer}): submits one message of any type
 * through the intake pipeline as the caller's office. The body is the message as sent over JMS (canonical JSON, or the
 * agency format the {@code ClueHub-Format} header names), signed by {@code ClueHub-Signature} exactly as the JMS
 * property {@code ClueHubSignature}. Answers: 202 with the accepted receipt, 200 with the receipt of a resend already
 * decided ({@code payload.duplicate: true}), 422 {@code application/problem+json} with the receipt's issues for a
 * rejection, 413 for a body over {@code cluehub.intake.max-message-bytes}. A batch format answers 202 with
 * {@code {"receipts": [...]}}, one per row. The receipt also goes to the office's inbox as usual.
 */
@RestController
public class MessagesController {

    static final URI REJECTED = URI.create("urn:cluehub:problem:message-rejected");
    static final URI TOO_LARGE = URI.create("urn:cluehub:problem:body-too-large");

    private final RestIntake intake;
    private final ApiCaller callers;
    private final JsonMapper json;
    private final int maxBytes;

    public MessagesController(RestIntake intake, ApiCaller callers, JsonMapper json, ClueHubProperties properties) {
        this.intake = intake;
        this.callers = callers;
        this.json = json;
        this.maxBytes = properties.intake().maxMessageBytes();
    }

    @PostMapping(path = "/api/v1/messages", consumes = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE, "text/csv", MediaType.TEXT_PLAIN_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    public ResponseEntity<byte[]> submit(HttpServletRequest request,
            @RequestHeader(name = ApiHeaders.SIGNATURE, required = false) String signature,
            @RequestHeader(name = ApiHeaders.FORMAT, required = false) String format,
            Authentication caller) throws IOException {
        String office = callers.office(caller);
        byte[] body = readBounded(request);
        RestIntake.Submission submission = intake.submit(office, body, format, signature);
        List<ReceiptStore.StoredReceipt> receipts = submission.receipts();
        if (!submission.batch() && receipts.size() == 1) {
            return answer(receipts.get(0));
        }
        ObjectNode batch = json.createObjectNode();
        ArrayNode array = batch.putArray("receipts");
        receipts.forEach(r -> array.add(json.readTree(r.body())));
        return ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(batch));
    }

    private ResponseEntity<byte[]> answer(ReceiptStore.StoredReceipt stored) {
        JsonNode receipt = json.readTree(stored.body());
        JsonNode payload = receipt.path("payload");
        if ("rejected".equals(payload.path("status").asString())) {
            throw rejected(receipt);
        }
        HttpStatus status = payload.path("duplicate").asBoolean() ? HttpStatus.OK : HttpStatus.ACCEPTED;
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (stored.hubSignature() != null) {
            builder.header(ApiHeaders.HUB_SIGNATURE, stored.hubSignature());
        }
        String messageId = payload.path("originalMessageId").asString(null);
        if (messageId != null) {
            builder.location(URI.create("/api/v1/receipts/" + java.net.URLEncoder.encode(messageId,
                    java.nio.charset.StandardCharsets.UTF_8)));
        }
        return builder.body(stored.body());
    }

    private ErrorResponseException rejected(JsonNode receipt) {
        JsonNode payload = receipt.path("payload");
        JsonNode issues = payload.path("outcome").path("issues");
        String first = "The message was rejected.";
        for (JsonNode issue : issues) {
            if (!"information".equals(issue.path("severity").asString())
                    && !"warning".equals(issue.path("severity").asString())) {
                first = issue.path("code").asString() + " at '" + issue.path("location").asString() + "': "
                        + issue.path("diagnostics").asString();
                break;
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, first);
        problem.setType(REJECTED);
        problem.setTitle("Message rejected");
        problem.setProperty("issues", issues);
        problem.setProperty("archiveSeq", payload.path("archiveSeq").asLong());
        problem.setProperty("receiptId", receipt.path("messageId").asString());
        if (payload.hasNonNull("originalMessageId")) {
            problem.setProperty("messageId", payload.path("originalMessageId").asString());
        }
        return new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
    }

    private byte[] readBounded(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(request.getContentLengthLong());
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(-1);
            }
            return body;
        }
    }

    private ErrorResponseException tooLarge(long size) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                (size > 0 ? "The body is " + size + " bytes" : "The body is too large") + "; the hub reads at most "
                        + maxBytes + " bytes a message. It was not read. Split the content into smaller messages.");
        problem.setType(TOO_LARGE);
        problem.setTitle("Body too large");
        problem.setProperty("maxBytes", maxBytes);
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
    }
}

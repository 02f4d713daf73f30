package io.cluehub.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The archive REST API ({@code /api/v1/archive/messages}) as the demo investigator sees it, over HTTP Basic. */
public final class ArchiveClient {

    private static final String MESSAGES = "/api/v1/archive/messages";

    private final HubProcess hub;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ArchiveClient(HubProcess hub) {
        this.hub = hub;
    }

    /** Archive entries of the exact raw bytes with this lowercase hex SHA-256. */
    public List<JsonNode> findByRawSha256(String rawSha256) {
        return query("rawSha256=" + encode(rawSha256));
    }

    /** Archive entries of the message {@code messageId} sent by {@code sender}. */
    public List<JsonNode> find(String sender, String messageId) {
        return query("sender=" + encode(sender) + "&messageId=" + encode(messageId));
    }

    /** The exact bytes an archive entry holds ({@code rawBase64} decoded). */
    public static byte[] rawBytes(JsonNode item) {
        String base64 = Json.text(item, "/rawBase64");
        if (base64 == null) {
            throw new AssertionError("Archive entry has no rawBase64: " + item);
        }
        return Base64.getDecoder().decode(base64);
    }

    private List<JsonNode> query(String query) {
        String credentials = HubContract.INVESTIGATOR + ":" + hub.password(HubContract.INVESTIGATOR_CREDENTIAL);
        HttpRequest request = HttpRequest.newBuilder(hub.httpUri(MESSAGES + "?" + query))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during GET " + request.uri(), e);
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + request.uri() + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        JsonNode body = Json.parse(response.body());
        if (!body.path("items").isArray()) {
            throw new AssertionError("GET " + request.uri() + " answered no items array: " + response.body());
        }
        return Json.array(body, "/items");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

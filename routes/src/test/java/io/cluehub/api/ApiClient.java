package io.cluehub.api;

import io.cluehub.config.DemoCredentialsConfiguration;
import io.cluehub.security.identity.CredentialFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The running hub's REST API as a demo user (HTTP Basic with the generated password), as a case tool calls it. */
final class ApiClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final CredentialFile credentials;

    ApiClient(int port, CredentialFile credentials) {
        this.port = port;
        this.credentials = credentials;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path, String user) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), user);
    }

    HttpResponse<String> post(String path, String user, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request, user);
    }

    HttpResponse<String> post(String path, String user, String json) {
        return post(path, user, "application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    HttpResponse<String> delete(String path, String user) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), user);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String user) {
        if (user != null) {
            String secret = credentials.secret(DemoCredentialsConfiguration.restKey(user)).orElseThrow();
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("HTTP request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

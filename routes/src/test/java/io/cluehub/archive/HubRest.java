package io.cluehub.archive;

import io.cluehub.config.DemoCredentialsConfiguration;
import io.cluehub.security.identity.CredentialFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The running hub's REST API as a demo user (HTTP Basic with the generated password), for archive endpoint tests. */
final class HubRest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final CredentialFile credentials;

    HubRest(int port, CredentialFile credentials) {
        this.port = port;
        this.credentials = credentials;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<byte[]> get(String path, String user) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), user);
    }

    HttpResponse<byte[]> post(String path, String user, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), user);
    }

    HttpResponse<byte[]> delete(String path, String user) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), user);
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request, String user) {
        if (user != null) {
            String secret = credentials.secret(DemoCredentialsConfiguration.restKey(user)).orElseThrow();
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

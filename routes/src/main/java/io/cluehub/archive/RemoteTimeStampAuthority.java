package io.cluehub.archive;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * An external RFC 3161 time-stamping authority over HTTP (RFC 3161 §3.4): the request is POSTed as
 * {@code application/timestamp-query}, the answer is an {@code application/timestamp-reply}. Every request asks for
 * the authority's certificate in the token and carries a random nonce; an answer whose token is about anything else
 * is refused.
 */
public final class RemoteTimeStampAuthority implements TimeStampAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI url;
    /** The URL as errors and logs show it: without any user information it may carry. */
    private final String shown;
    private final Duration timeout;
    private final HttpClient http;

    public RemoteTimeStampAuthority(URI url, Duration timeout) {
        this.url = url;
        this.shown = url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public byte[] timestamp(byte[] sha256Imprint) {
        TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
        requests.setCertReq(true);
        TimeStampRequest request = requests.generate(TSPAlgorithms.SHA256, sha256Imprint, new BigInteger(63, RANDOM));
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/timestamp-query")
                    .header("Accept", "application/timestamp-reply")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TimestampException("Time-stamping authority " + shown + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimestampException("Interrupted while waiting for time-stamping authority " + shown, e);
        }
        if (answer.statusCode() != 200) {
            throw new TimestampException("Time-stamping authority " + shown + " answered HTTP " + answer.statusCode());
        }
        TimeStampResponse response;
        try {
            response = new TimeStampResponse(answer.body());
        } catch (TSPException | IOException e) {
            throw new TimestampException("Time-stamping authority " + shown + " sent no time-stamp response", e);
        }
        return tokenOf(request, response, "time-stamping authority " + shown);
    }

    /** The token of a granted response that answers this request (imprint, nonce, certificate), or an error. */
    static byte[] tokenOf(TimeStampRequest request, TimeStampResponse response, String who) {
        if (response.getTimeStampToken() == null) {
            throw new TimestampException(who + " refused: status " + response.getStatus()
                    + (response.getStatusString() == null ? "" : " (" + response.getStatusString() + ")"));
        }
        try {
            response.validate(request);
            return response.getTimeStampToken().getEncoded();
        } catch (TSPException | IOException e) {
            throw new TimestampException(who + " answered with a token that does not match the request: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "time-stamping authority " + shown;
    }
}

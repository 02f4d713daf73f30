package io.cluehub.api;

/** The HTTP headers of the REST API for case tools: the REST spelling of the JMS properties in {@code ClueHubHeaders}. */
public final class ApiHeaders {

    /** Request: the sender's detached JWS (RFC 7797, ES256) over the exact body bytes (JMS {@code ClueHubSignature}). */
    public static final String SIGNATURE = "ClueHub-Signature";
    /** Request: the agency format of a non-canonical body (JMS {@code ClueHubFormat}); absent: canonical JSON. */
    public static final String FORMAT = "ClueHub-Format";
    /** Response: the hub's detached JWS over the exact receipt bytes of the response (JMS {@code ClueHubHubSignature}). */
    public static final String HUB_SIGNATURE = "ClueHub-Hub-Signature";

    private ApiHeaders() {
    }
}

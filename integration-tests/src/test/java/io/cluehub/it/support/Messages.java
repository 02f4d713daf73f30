package io.cluehub.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

import tools.jackson.databind.node.ObjectNode;

/** Test messages built from the DESIGN.md §10 clue transfer, and the digest the hub reports for raw bytes. */
public final class Messages {

    private static final String SECTION_10_RESOURCE = "/messages/section10-clue-transfer.json";
    private static final String MESSAGE_ID_PLACEHOLDER = "${messageId}";
    private static final String SECTION_10 = load(SECTION_10_RESOURCE);

    private Messages() {
    }

    /** The §10 clue transfer verbatim (SAMR-330106 → CAC-330100), with the given messageId. */
    public static String section10(String messageId) {
        return SECTION_10.replace(MESSAGE_ID_PLACEHOLDER, messageId);
    }

    /** The §10 clue transfer with the given messageId, changed by {@code change}, re-serialised compactly. */
    public static String section10(String messageId, Consumer<ObjectNode> change) {
        ObjectNode envelope = (ObjectNode) Json.parse(section10(messageId));
        change.accept(envelope);
        return Json.MAPPER.writeValueAsString(envelope);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Lowercase hex SHA-256, as in a receipt's {@code payload.rawSha256}. */
    public static String sha256Hex(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static String load(String resource) {
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.contains(MESSAGE_ID_PLACEHOLDER)) {
                throw new IllegalStateException(resource + " has no " + MESSAGE_ID_PLACEHOLDER + " placeholder");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

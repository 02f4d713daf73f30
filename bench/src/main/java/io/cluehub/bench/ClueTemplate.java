package io.cluehub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The clue transfer of DESIGN.md §10, byte for byte (resource {@code clue-transfer.json}), with a fresh messageId
 * spliced in per message: sender {@code SAMR-330106}, recipient {@code CAC-330100}.
 */
final class ClueTemplate {

    /** The messageId printed in DESIGN.md §10. */
    static final String SAMPLE_ID = "6f1c2a9e-3b7d-4c1e-9a51-2f0e8d7c4b10";

    private final String before;
    private final String after;

    private ClueTemplate(String json) {
        int at = json.indexOf(SAMPLE_ID);
        if (at < 0 || json.indexOf(SAMPLE_ID, at + 1) >= 0) {
            throw new IllegalStateException("clue-transfer.json must hold the §10 messageId exactly once");
        }
        this.before = json.substring(0, at);
        this.after = json.substring(at + SAMPLE_ID.length());
    }

    static ClueTemplate load() {
        try (InputStream in = ClueTemplate.class.getResourceAsStream("/clue-transfer.json")) {
            if (in == null) {
                throw new IllegalStateException("clue-transfer.json missing from the bench jar");
            }
            return new ClueTemplate(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String withMessageId(String messageId) {
        return before + messageId + after;
    }

    int sizeBytes() {
        return withMessageId(SAMPLE_ID).getBytes(StandardCharsets.UTF_8).length;
    }
}

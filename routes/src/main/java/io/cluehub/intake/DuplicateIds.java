package io.cluehub.intake;

import io.cluehub.archive.ArchiveEntry;
import java.nio.charset.StandardCharsets;

/**
 * Broker duplicate-detection ids ({@code _AMQ_DUPL_ID}) for what the hub sends. They are derived from what a message is
 * about, so the same decision sent twice (after a crash between the database and broker commits) carries the same id
 * and the broker keeps one copy.
 */
public final class DuplicateIds {

    private DuplicateIds() {
    }

    public static String of(String... parts) {
        return "cluehub:" + ArchiveEntry.sha256Hex(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
    }
}

package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArchiveEntryTest {

    private static ArchiveDraft draft(String status) {
        return new ArchiveDraft(Instant.parse("2026-11-22T08:15:00Z"), "intake", status, "SAMR-330106", "m-1",
                "clue.transfer", "SAMR-330106-2026-00042", null, "ID:1", "ab".repeat(32), new byte[] {1},
                "{\"status\":\"" + status + "\"}");
    }

    @Test
    void hashIsSha256OverPreviousHashAndCanonicalBytes() {
        byte[] canonical = ArchiveEntry.canonicalBytes(1, draft("accepted"));
        String prev = "0".repeat(64);

        String expected = ArchiveEntry.sha256Hex((prev + new String(canonical, java.nio.charset.StandardCharsets.UTF_8))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(ArchiveEntry.chainHash(prev, canonical)).isEqualTo(expected).hasSize(64);
    }

    @Test
    void anyChangedFieldChangesTheHash() {
        String prev = "0".repeat(64);
        String accepted = ArchiveEntry.chainHash(prev, ArchiveEntry.canonicalBytes(1, draft("accepted")));

        assertThat(ArchiveEntry.chainHash(prev, ArchiveEntry.canonicalBytes(1, draft("rejected")))).isNotEqualTo(accepted);
        assertThat(ArchiveEntry.chainHash(prev, ArchiveEntry.canonicalBytes(2, draft("accepted")))).isNotEqualTo(accepted);
        assertThat(ArchiveEntry.chainHash("1".repeat(64), ArchiveEntry.canonicalBytes(1, draft("accepted"))))
                .isNotEqualTo(accepted);
    }

    @Test
    void canonicalBytesNameEveryFieldOnItsOwnLine() {
        String text = new String(ArchiveEntry.canonicalBytes(7, draft("accepted")), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(text).startsWith("seq=7\nrecordedAt=2026-11-22T08:15:00Z\nkind=intake\nstatus=accepted\n")
                .contains("\nerrorCode=\n");
    }
}

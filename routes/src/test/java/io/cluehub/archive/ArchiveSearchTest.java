package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cluehub.archive.query.ArchiveFilter;
import io.cluehub.archive.query.ArchiveSearch;
import io.cluehub.archive.query.FilterException;
import io.cluehub.database.TestDatabases.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Investigator filters against the archive, each case on H2 and a real PostgreSQL: case, subject by identity number
 * or credit code (through the HMAC index), office as sender or as recipient (including the office mail fell back to),
 * type, status, time range, kinds, and newest-first pages keyed by seq.
 */
class ArchiveSearchTest {

    private static final String KINDS = "io.cluehub.database.TestDatabases#kinds";

    private record Archive(ArchiveFixture f, ArchiveSearch search, ArchiveEntry design, ArchiveEntry samr,
            ArchiveEntry rejected, ArchiveEntry fallback) {
    }

    private static Archive archive(Kind kind) {
        ArchiveFixture f = ArchiveFixture.fresh(kind);
        ArchiveEntry design = f.append(PersonalDataAtRestTest.designClue("d-1"));
        ArchiveEntry samr = f.append(PersonalDataAtRestTest.samrClue());
        byte[] bad = "{not json 330106199503141237".getBytes(StandardCharsets.UTF_8);
        ArchiveEntry rejected = f.append(new ArchiveDraft(Instant.parse("2026-11-29T10:00:00Z"), "intake", "rejected",
                "SAMR-330106", null, null, null, "JSON_MALFORMED", "ID:bad", ArchiveEntry.sha256Hex(bad), bad,
                "{\"status\":\"rejected\"}"));
        byte[] info = "{\"type\":\"info.share\"}".getBytes(StandardCharsets.UTF_8);
        ArchiveEntry fallback = f.append(new ArchiveDraft(Instant.parse("2026-11-30T10:00:00Z"), "intake", "accepted",
                "STA-330000", "i-1", "info.share", "STA-330000-2026-1", null, "ID:i-1", ArchiveEntry.sha256Hex(info),
                info, "{\"status\":\"accepted\",\"routing\":{\"deliveries\":[{\"recipient\":\"MPS-330106\","
                        + "\"deliveredTo\":\"MPS-330100\",\"rule\":\"explicit\",\"fallback\":true}]}}"));
        return new Archive(f, new ArchiveSearch(f.archive()), design, samr, rejected, fallback);
    }

    private static ArchiveFilter filter() {
        return ArchiveFilter.none();
    }

    private static List<Long> seqs(List<ArchiveEntry> entries) {
        return entries.stream().map(ArchiveEntry::seq).toList();
    }

    private static ArchiveFilter with(String field, String value) {
        ArchiveFilter f = filter();
        return new ArchiveFilter(
                field.equals("caseRef") ? value : f.caseRef(), field.equals("subject") ? value : f.subject(),
                field.equals("subjectName") ? value : f.subjectName(), f.subjectPhone(),
                field.equals("office") ? value : f.office(), field.equals("sender") ? value : f.sender(),
                f.messageId(), field.equals("rawSha256") ? value : f.rawSha256(),
                field.equals("type") ? value : f.type(), field.equals("status") ? value : f.status(),
                field.equals("from") ? value : f.from(), field.equals("to") ? value : f.to(), f.kinds()).validate();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void eachFilterFindsWhatItNames(Kind kind) {
        Archive a = archive(kind);
        ArchiveSearch s = a.search();

        assertThat(seqs(s.newest(filter(), null, 100))).containsExactly(a.fallback().seq(), a.rejected().seq(),
                a.samr().seq(), a.design().seq());
        assertThat(seqs(s.newest(with("caseRef", "SAMR-330106-2026-00042"), null, 100)))
                .containsExactly(a.design().seq());
        assertThat(seqs(s.newest(with("subject", "330106199503141237"), null, 100)))
                .as("the rejected body is not JSON: it names no subject the index holds")
                .containsExactly(a.samr().seq(), a.design().seq());
        assertThat(seqs(s.newest(with("subject", "91330106ma2h4l7k06"), null, 100)))
                .containsExactly(a.samr().seq(), a.design().seq());
        assertThat(seqs(s.newest(with("subjectName", "Li Example"), null, 100))).containsExactly(a.design().seq());
        assertThat(seqs(s.newest(with("office", "CAC-330100"), null, 100)))
                .as("as recipient").containsExactly(a.design().seq());
        assertThat(seqs(s.newest(with("office", "SAMR-330106"), null, 100)))
                .as("as sender").containsExactly(a.rejected().seq(), a.design().seq());
        assertThat(seqs(s.newest(with("office", "MPS-330106"), null, 100)))
                .as("requested recipient of a fallback").containsExactly(a.fallback().seq());
        assertThat(seqs(s.newest(with("office", "MPS-330100"), null, 100)))
                .as("office that received the fallback").containsExactly(a.fallback().seq());
        assertThat(seqs(s.newest(with("type", "info.share"), null, 100))).containsExactly(a.fallback().seq());
        assertThat(seqs(s.newest(with("status", "rejected"), null, 100))).containsExactly(a.rejected().seq());
        assertThat(seqs(s.newest(with("from", "2026-11-28T06:05:00Z"), null, 100)))
                .containsExactly(a.fallback().seq(), a.rejected().seq(), a.samr().seq());
        assertThat(seqs(s.newest(with("to", "2026-11-29"), null, 100)))
                .containsExactly(a.samr().seq(), a.design().seq());
        assertThat(seqs(s.newest(with("rawSha256", a.rejected().rawSha256().toUpperCase()), null, 100)))
                .containsExactly(a.rejected().seq());
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void filtersCombineAndPagesFollowTheCursor(Kind kind) {
        Archive a = archive(kind);
        a.f().append(6);
        ArchiveSearch s = a.search();

        assertThat(seqs(s.newest(new ArchiveFilter(null, "330106199503141237", null, null, "CAC-330100", null, null,
                null, "clue.transfer", "accepted", null, null, null).validate(), null, 100)))
                .containsExactly(a.design().seq());
        List<ArchiveEntry> first = s.newest(filter(), null, 4);
        List<ArchiveEntry> second = s.newest(filter(), first.get(3).seq(), 4);
        List<ArchiveEntry> third = s.newest(filter(), second.get(3).seq(), 4);
        assertThat(seqs(first)).containsExactly(10L, 9L, 8L, 7L);
        assertThat(seqs(second)).containsExactly(6L, 5L, 4L, 3L);
        assertThat(seqs(third)).containsExactly(2L, 1L);
        assertThat(s.count(filter(), 10)).isEqualTo(10);
        assertThat(seqs(s.oldest(with("office", "SAMR-330106"), 0, 10, 100))).startsWith(a.design().seq(),
                a.rejected().seq());
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void messagesAndBatchFilesAreListedTogetherNewestFirstPageByPage(Kind kind) {
        Archive a = archive(kind);
        List<Long> batches = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] file = ("xiaoxi_id\nrow-" + i + "\n").getBytes(StandardCharsets.UTF_8);
            batches.add(a.f().append(new ArchiveDraft(Instant.parse("2026-12-01T00:00:00Z").plusSeconds(i), "batch",
                    "received", "STA-330000", null, null, null, null, "file-" + i, ArchiveEntry.sha256Hex(file),
                    file, "{\"status\":\"received\",\"rows\":1}")).seq());
            a.f().append(1);
        }
        ArchiveSearch s = a.search();
        List<Long> all = seqs(s.newest(filter(), null, 100));
        assertThat(all).hasSize(10).isSortedAccordingTo(java.util.Comparator.reverseOrder()).containsAll(batches);

        List<Long> paged = new java.util.ArrayList<>();
        Long before = null;
        for (List<ArchiveEntry> page = s.newest(filter(), null, 3); !page.isEmpty();
                page = s.newest(filter(), before, 3)) {
            assertThat(page.size()).isLessThanOrEqualTo(3);
            paged.addAll(seqs(page));
            before = page.get(page.size() - 1).seq();
        }
        assertThat(paged).as("pages of 3 over both kinds").isEqualTo(all);
        assertThat(seqs(s.newest(with("status", "received"), null, 2))).containsExactly(batches.get(2),
                batches.get(1));
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void anOfficesTrafficSentAndReceivedIsListedNewestFirstPageByPage(Kind kind) {
        Archive a = archive(kind);
        List<Long> cac = new java.util.ArrayList<>(List.of(a.design().seq()));
        List<Long> rejectedFromCac = new java.util.ArrayList<>();
        for (int i = 0; i < 17; i++) {
            String sender = i % 3 == 0 ? "CAC-330100" : i % 3 == 1 ? "SAMR-330106" : "STA-330000";
            String recipient = i % 3 == 1 ? "CAC-330100" : "MPS-330100";
            String status = i % 6 == 3 ? "rejected" : "accepted";
            byte[] raw = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            long seq = a.f().append(new ArchiveDraft(Instant.parse("2026-12-02T00:00:00Z").plusSeconds(i), "intake",
                    status, sender, "o-" + i, "info.share", null, null, "ID:o-" + i, ArchiveEntry.sha256Hex(raw), raw,
                    "{\"status\":\"" + status + "\",\"routing\":{\"deliveries\":[{\"recipient\":\"" + recipient
                            + "\",\"deliveredTo\":\"" + recipient + "\"}]}}")).seq();
            if (sender.equals("CAC-330100") || recipient.equals("CAC-330100")) {
                cac.add(seq);
            }
            if (sender.equals("CAC-330100") && status.equals("rejected")) {
                rejectedFromCac.add(seq);
            }
        }
        cac.sort(java.util.Comparator.reverseOrder());
        rejectedFromCac.sort(java.util.Comparator.reverseOrder());
        // Three positions at a time from each index range: most pages take several rounds.
        ArchiveSearch s = new ArchiveSearch(a.f().archive(), 3);

        assertThat(seqs(s.newest(with("office", "CAC-330100"), null, 100))).isEqualTo(cac);
        List<Long> paged = new java.util.ArrayList<>();
        Long before = null;
        for (List<ArchiveEntry> page = s.newest(with("office", "CAC-330100"), null, 4); !page.isEmpty();
                page = s.newest(with("office", "CAC-330100"), before, 4)) {
            assertThat(page.size()).isLessThanOrEqualTo(4);
            paged.addAll(seqs(page));
            before = page.get(page.size() - 1).seq();
        }
        assertThat(paged).as("pages of 4").isEqualTo(cac);
        ArchiveFilter rejected = new ArchiveFilter(null, null, null, null, "CAC-330100", null, null, null, null,
                "rejected", null, null, null).validate();
        assertThat(seqs(s.newest(rejected, null, 100))).isNotEmpty().isEqualTo(rejectedFromCac);
        assertThat(seqs(s.newest(with("office", "NDRC-330100"), null, 100))).as("no traffic").isEmpty();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void auditEntriesAreListedOnlyWhenAskedFor(Kind kind) {
        Archive a = archive(kind);
        a.f().append(new ArchiveDraft(Instant.parse("2026-12-01T00:00:00Z"), "audit", "recorded", null, null,
                "audit.archive-query", "SAMR-330106-2026-00042", null, null, "0".repeat(64), null, "{}"));

        assertThat(seqs(a.search().newest(with("caseRef", "SAMR-330106-2026-00042"), null, 10)))
                .containsExactly(a.design().seq());
        ArchiveFilter audits = new ArchiveFilter("SAMR-330106-2026-00042", null, null, null, null, null, null, null,
                null, null, null, null, List.of("audit")).validate();
        assertThat(a.search().newest(audits, null, 10)).extracting(ArchiveEntry::kind).containsExactly("audit");
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void badFiltersAreRefusedByName(Kind kind) {
        assertThatThrownBy(() -> with("from", "yesterday")).isInstanceOf(FilterException.class)
                .hasMessageStartingWith("from must be");
        assertThatThrownBy(() -> with("rawSha256", "abc")).hasMessageStartingWith("rawSha256");
        assertThatThrownBy(() -> with("subject", "x".repeat(65))).hasMessageStartingWith("subject");
        assertThatThrownBy(() -> new ArchiveFilter(null, null, null, null, null, null, null, null, null, null,
                "2026-12-02", "2026-12-01", null).validate()).hasMessage("from must be before to");
        assertThatThrownBy(() -> new ArchiveFilter(null, null, null, null, null, null, null, null, null, null, null,
                null, List.of("secret")).validate()).hasMessageStartingWith("kind must be one of");
    }
}

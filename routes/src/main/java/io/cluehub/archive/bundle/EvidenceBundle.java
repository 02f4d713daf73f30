package io.cluehub.archive.bundle;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.archive.ArchiveTimestamp;
import io.cluehub.archive.ChainTimestamper;
import io.cluehub.archive.TimestampEvidence;
import io.cluehub.archive.TimestampStore;
import io.cluehub.archive.query.ArchiveFilter;
import io.cluehub.archive.query.ArchiveSearch;
import io.cluehub.security.crypto.FieldCryptoException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The evidence bundle of a case: a ZIP an investigator hands to a court or another authority, checkable with
 * {@code sha256sum} and {@code openssl} and nothing of ours ({@code VERIFY.md} in it says how, with the bundle's own
 * numbers). It holds:
 *
 * <ul>
 * <li>{@code messages.ndjson}: each archived message of the case (entry fields, raw bytes as base64, canonical form,
 * decision, signature if the decision records one), and {@code messages/<seq>.raw} (exact bytes received),
 * {@code messages/<seq>.canonical.json} (the canonical form of agency-format messages) with {@code messages/SHA256SUMS};
 * a batch row's file is its batch entry's {@code .raw};</li>
 * <li>{@code chain.ndjson} and {@code chain/<seq>.txt}: every chain entry from the case's first to the time-stamped
 * head that covers its last (other cases' entries in between included: without them the chain does not recompute;
 * they carry no bodies). Each {@code .txt} is exactly the bytes whose SHA-256 is the entry hash: the previous entry's
 * hash as 64 hex characters, then {@link ArchiveEntry#canonicalBytes}; {@code chain/SHA256SUMS} lists the hashes;</li>
 * <li>{@code timestamps/}: each time-stamp within that stretch as head data, token and signing certificate
 * ({@link TimestampEvidence});</li>
 * <li>{@code VERIFY.md} and {@code manifest.json} (what the bundle holds, and whether the hub's own recomputation of
 * the exported chain agreed).</li>
 * </ul>
 *
 * If the newest time-stamp does not cover the case's last entry, the head is stamped first; if that fails (an
 * external authority down), the bundle says which entries no time-stamp covers yet.
 */
@Component
public class EvidenceBundle {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceBundle.class);
    /** Entries read per round trip while the chain and the messages are written. */
    private static final int PAGE = 200;
    /** Time-stamps of the exported stretch put in the bundle (the anchor always is). */
    private static final int MAX_STAMPS = 50;

    private final ArchiveSearch search;
    private final ArchiveStore archive;
    private final TimestampStore timestamps;
    private final ChainTimestamper timestamper;
    private final JsonMapper json;
    private final Clock clock;

    public EvidenceBundle(ArchiveSearch search, TimestampStore timestamps, ChainTimestamper timestamper,
            JsonMapper json, Clock clock) {
        this.search = search;
        this.archive = search.archive();
        this.timestamps = timestamps;
        this.timestamper = timestamper;
        this.json = json;
        this.clock = clock;
    }

    private static ArchiveFilter caseFilter(String caseRef) {
        return new ArchiveFilter(caseRef, null, null, null, null, null, null, null, null, null, null, null,
                List.of(ArchiveEntry.KIND_INTAKE)).validate();
    }

    /** Decides what the bundle of {@code caseRef} holds; empty if the archive has no message of that case. */
    public Optional<BundlePlan> plan(String caseRef, String createdBy) {
        ArchiveFilter filter = caseFilter(caseRef);
        List<ArchiveEntry> first = search.oldest(filter, 0, Long.MAX_VALUE, 1);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        List<ArchiveEntry> last = search.newest(filter, null, 1);
        long firstSeq = first.get(0).seq();
        long lastSeq = last.get(0).seq();
        long messages = search.count(filter, lastSeq);
        ArchiveTimestamp anchor = timestamps.latest().filter(t -> t.headSeq() >= lastSeq).orElse(null);
        String note = null;
        if (anchor == null) {
            try {
                anchor = timestamper.stampNow().orElse(null);
            } catch (RuntimeException e) {
                note = "the archive head could not be time-stamped now (" + e.getMessage() + ")";
                LOG.warn("Evidence bundle of a case: {}", note);
            }
        }
        long toSeq = anchor != null ? anchor.headSeq() : lastSeq;
        List<ArchiveTimestamp> stamps = new ArrayList<>(timestamps.coveringRange(firstSeq, toSeq, MAX_STAMPS));
        ArchiveTimestamp anchored = anchor;
        if (anchored != null && stamps.stream().noneMatch(s -> s.id() == anchored.id())) {
            stamps.add(anchored);
        }
        if (anchor == null && note == null) {
            note = "no time-stamp covers the case's last entry yet";
        }
        return Optional.of(new BundlePlan(caseRef, clock.instant(), createdBy, firstSeq, lastSeq, messages, firstSeq,
                toSeq, stamps, anchor, note));
    }

    /** Writes the bundle as a ZIP to {@code out}, streaming: memory holds a page of entries at a time. */
    public void write(BundlePlan plan, OutputStream out) {
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            MessageFiles messages = writeMessages(plan, zip);
            ChainCheck check = writeChain(plan, zip);
            for (ArchiveTimestamp stamp : plan.stamps()) {
                TimestampEvidence evidence = TimestampEvidence.of(stamp);
                put(zip, "timestamps/" + evidence.dataFileName(), evidence.data());
                put(zip, "timestamps/" + evidence.tokenFileName(), evidence.token());
                put(zip, "timestamps/" + evidence.certificateFileName(),
                        evidence.certificatePem().getBytes(StandardCharsets.US_ASCII));
            }
            put(zip, "VERIFY.md", VerifyGuide.write(plan, messages.files(), check).getBytes(StandardCharsets.UTF_8));
            put(zip, "manifest.json", manifest(plan, messages, check));
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the evidence bundle", e);
        }
    }

    /** What the messages part holds: file names with their SHA-256 (for SHA256SUMS) and counts. */
    record MessageFiles(List<String[]> files, int messages, int purged) {
    }

    /** The hub's own recomputation of the exported chain, as it was written. */
    record ChainCheck(long entries, boolean valid, Long firstInvalid, String firstHash, String lastHash) {
    }

    private MessageFiles writeMessages(BundlePlan plan, ZipOutputStream zip) throws IOException {
        ArchiveFilter filter = caseFilter(plan.caseRef());
        List<String[]> sums = new ArrayList<>();
        Set<String> batchFiles = new LinkedHashSet<>();
        int count = 0;
        int purged = 0;
        zip.putNextEntry(new ZipEntry("messages.ndjson"));
        long after = 0;
        while (true) {
            List<ArchiveEntry> page = search.oldest(filter, after, plan.lastSeq(), PAGE);
            for (ArchiveEntry e : page) {
                count++;
                if (e.purged()) {
                    purged++;
                }
                zip.write(json.writeValueAsBytes(messageLine(e)));
                zip.write('\n');
                if (e.raw() == null && e.canonical() != null) {
                    batchFiles.add(e.sender() + "\n" + e.rawSha256());
                }
                after = e.seq();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        zip.closeEntry();
        // The files: written after the index so the NDJSON stays one entry of the ZIP.
        after = 0;
        while (true) {
            List<ArchiveEntry> page = search.oldest(filter, after, plan.lastSeq(), PAGE);
            for (ArchiveEntry e : page) {
                writeBodies(zip, e, sums);
                after = e.seq();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        for (String key : batchFiles) {
            String[] parts = key.split("\n", 2);
            List<ArchiveEntry> files = archive.select("kind = ? AND sender = ? AND raw_sha256 = ?",
                    List.of(ArchiveEntry.KIND_BATCH, parts[0], parts[1]), ArchiveStore.Order.OLDEST_FIRST, 1);
            for (ArchiveEntry file : files) {
                writeBodies(zip, file, sums);
                zip.putNextEntry(new ZipEntry("messages/" + file.seq() + ".json"));
                zip.write(json.writeValueAsBytes(messageLine(file)));
                zip.closeEntry();
            }
        }
        StringBuilder sha256sums = new StringBuilder();
        for (String[] sum : sums) {
            sha256sums.append(sum[1]).append("  ").append(sum[0]).append('\n');
        }
        put(zip, "messages/SHA256SUMS", sha256sums.toString().getBytes(StandardCharsets.US_ASCII));
        return new MessageFiles(sums, count, purged);
    }

    private void writeBodies(ZipOutputStream zip, ArchiveEntry e, List<String[]> sums) throws IOException {
        if (e.raw() != null) {
            String name = "messages/" + e.seq() + ".raw";
            put(zip, name, e.raw());
            sums.add(new String[] {name, e.rawSha256()});
        }
        if (e.canonical() != null) {
            String name = "messages/" + e.seq() + ".canonical.json";
            put(zip, name, e.canonical());
            sums.add(new String[] {name, e.effectiveCanonicalSha256()});
        }
    }

    private ObjectNode messageLine(ArchiveEntry e) {
        ObjectNode line = json.createObjectNode();
        line.put("seq", e.seq());
        putEntryFields(line, e);
        line.put("rawBase64", e.raw() == null ? null : Base64.getEncoder().encodeToString(e.raw()));
        line.put("rawFile", e.raw() == null ? null : "messages/" + e.seq() + ".raw");
        line.put("format", e.formatId());
        line.put("canonicalSha256", e.effectiveCanonicalSha256());
        line.set("canonical", readJson(e.kind().equals(ArchiveEntry.KIND_INTAKE) ? e.canonicalMessage() : null));
        JsonNode decision = readJson(e.decision() == null ? null : e.decision().getBytes(StandardCharsets.UTF_8));
        line.set("decision", decision);
        line.set("signature", decision.path("signature").isMissingNode() ? null : decision.path("signature"));
        line.put("prevHash", e.prevHash());
        line.put("entryHash", e.entryHash());
        line.put("chainFile", "chain/" + e.seq() + ".txt");
        line.put("purgedAt", e.purgedAt() == null ? null : e.purgedAt().toString());
        return line;
    }

    private JsonNode readJson(byte[] bytes) {
        if (bytes == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            // Not JSON (a rejected body, an XML or CSV agency body): the exact bytes are in the .raw file.
            return json.nullNode();
        }
    }

    /** One exported chain entry: its fields, the canonical form's SHA-256 it hashes, and its file's bytes. */
    private record ChainRow(ArchiveEntry entry, String canonicalSha256, byte[] file) {
    }

    /** An {@link IOException} from inside a row handler, carried out of the walk. */
    private interface RowWriter {
        void write(ChainRow row) throws IOException;
    }

    /** Walks the exported stretch of the chain in seq order, a page at a time, bodies left sealed. */
    private void walkChain(BundlePlan plan, RowWriter writer) throws IOException {
        long after = plan.fromSeq() - 1;
        List<ChainRow> page = new ArrayList<>(PAGE);
        while (after < plan.toSeq()) {
            page.clear();
            archive.forEachStored(after, plan.toSeq(), PAGE, stored -> page.add(row(stored)));
            if (page.isEmpty()) {
                return;
            }
            for (ChainRow row : page) {
                writer.write(row);
            }
            after = page.get(page.size() - 1).entry().seq();
        }
    }

    private static ChainRow row(ArchiveStore.StoredEntry stored) {
        ArchiveEntry e = stored.fields();
        String canonicalSha256 = e.canonicalSha256();
        if (canonicalSha256 == null && stored.hasCanonical()) {
            try {
                // Archived before the SHA-256 was recorded (and not sealed since): the clear body gives it.
                canonicalSha256 = ArchiveEntry.sha256Hex(stored.openCanonical());
            } catch (FieldCryptoException ex) {
                canonicalSha256 = null;
            }
        }
        byte[] canonical = ArchiveEntry.canonicalBytes(e.seq(), e.draft(), canonicalSha256);
        return new ChainRow(e, canonicalSha256, concat(e.prevHash().getBytes(StandardCharsets.US_ASCII), canonical));
    }

    /**
     * Three passes over the stretch (ZIP entries cannot interleave, and memory must not grow with the chain):
     * {@code chain.ndjson}, then one {@code chain/<seq>.txt} per entry (recomputed and checked as it is written),
     * then {@code chain/SHA256SUMS}.
     */
    private ChainCheck writeChain(BundlePlan plan, ZipOutputStream zip) throws IOException {
        zip.putNextEntry(new ZipEntry("chain.ndjson"));
        walkChain(plan, row -> {
            zip.write(json.writeValueAsBytes(chainLine(row.entry(), row.canonicalSha256())));
            zip.write('\n');
        });
        zip.closeEntry();

        long[] count = {0};
        long[] expectedSeq = {plan.fromSeq()};
        Long[] firstInvalid = {null};
        String[] prev = {null};
        String[] ends = {null, null};
        walkChain(plan, row -> {
            ArchiveEntry e = row.entry();
            put(zip, "chain/" + e.seq() + ".txt", row.file());
            boolean ok = e.seq() == expectedSeq[0] && ArchiveEntry.sha256Hex(row.file()).equals(e.entryHash())
                    && (prev[0] == null || prev[0].equals(e.prevHash()));
            if (!ok && firstInvalid[0] == null) {
                firstInvalid[0] = e.seq();
            }
            prev[0] = e.entryHash();
            expectedSeq[0] = e.seq() + 1;
            ends[0] = ends[0] == null ? e.entryHash() : ends[0];
            ends[1] = e.entryHash();
            count[0]++;
        });

        zip.putNextEntry(new ZipEntry("chain/SHA256SUMS"));
        walkChain(plan, row -> zip.write((row.entry().entryHash() + "  chain/" + row.entry().seq() + ".txt\n")
                .getBytes(StandardCharsets.US_ASCII)));
        zip.closeEntry();
        boolean complete = count[0] == plan.toSeq() - plan.fromSeq() + 1;
        return new ChainCheck(count[0], firstInvalid[0] == null && complete,
                firstInvalid[0] != null ? firstInvalid[0] : complete ? null : expectedSeq[0], ends[0], ends[1]);
    }

    /** The entry's own fields, as both the message index and the chain index list them, in this order. */
    private static void putEntryFields(ObjectNode line, ArchiveEntry e) {
        line.put("recordedAt", e.recordedAt().toString());
        line.put("kind", e.kind());
        line.put("status", e.status());
        line.put("sender", e.sender());
        line.put("messageId", e.messageId());
        line.put("type", e.type());
        line.put("caseRef", e.caseRef());
        line.put("errorCode", e.errorCode());
        line.put("transportId", e.transportId());
        line.put("rawSha256", e.rawSha256());
    }

    private ObjectNode chainLine(ArchiveEntry e, String canonicalSha256) {
        ObjectNode line = json.createObjectNode();
        line.put("seq", e.seq());
        line.put("prevHash", e.prevHash());
        line.put("entryHash", e.entryHash());
        line.put("file", "chain/" + e.seq() + ".txt");
        putEntryFields(line, e);
        line.put("decision", e.decision());
        line.put("format", e.formatId());
        line.put("canonicalSha256", canonicalSha256);
        return line;
    }

    private byte[] manifest(BundlePlan plan, MessageFiles messages, ChainCheck check) {
        ObjectNode m = json.createObjectNode();
        m.put("caseRef", plan.caseRef());
        m.put("createdAt", plan.createdAt().toString());
        m.put("createdBy", plan.createdBy());
        m.put("messages", messages.messages());
        m.put("purgedMessages", messages.purged());
        m.put("firstSeq", plan.firstSeq());
        m.put("lastSeq", plan.lastSeq());
        ObjectNode chain = m.putObject("chain");
        chain.put("fromSeq", plan.fromSeq());
        chain.put("toSeq", plan.toSeq());
        chain.put("entries", check.entries());
        chain.put("recomputedByHub", check.valid());
        if (check.firstInvalid() != null) {
            chain.put("firstInvalid", check.firstInvalid());
        }
        if (plan.anchor() != null) {
            ObjectNode anchor = m.putObject("timestamp");
            anchor.put("headSeq", plan.anchor().headSeq());
            anchor.put("headHash", plan.anchor().headHash());
            anchor.put("stampedAt", plan.anchor().stampedAt().toString());
            anchor.put("tsaName", plan.anchor().tsaName());
        } else {
            m.put("timestampNote", plan.stampNote());
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

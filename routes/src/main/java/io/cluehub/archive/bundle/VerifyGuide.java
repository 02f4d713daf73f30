package io.cluehub.archive.bundle;

import io.cluehub.archive.ArchiveTimestamp;
import io.cluehub.archive.TimestampEvidence;
import java.util.List;

/**
 * Writes a bundle's {@code VERIFY.md}: the checks a reader runs, with the bundle's own file names and numbers, using
 * {@code sha256sum} and {@code openssl} and nothing of ours. Every command is on its own in a {@code sh} block, to be
 * run from the folder the bundle was unpacked into (the tests run exactly these blocks).
 */
final class VerifyGuide {

    private VerifyGuide() {
    }

    static String write(BundlePlan plan, List<String[]> messageFiles, EvidenceBundle.ChainCheck check) {
        StringBuilder b = new StringBuilder();
        b.append("# Evidence bundle of case ").append(plan.caseRef()).append("\n\n");
        b.append("Made by Clue Hub at ").append(plan.createdAt()).append(" for `").append(plan.createdBy())
                .append("`. It holds the ").append(plan.messages()).append(" archived message(s) of the case (archive "
                        + "entries ").append(plan.firstSeq()).append(" to ").append(plan.lastSeq())
                .append("), the archive's hash chain from entry ").append(plan.fromSeq()).append(" to entry ")
                .append(plan.toSeq());
        ArchiveTimestamp anchor = plan.anchor();
        if (anchor != null) {
            b.append(", and the RFC 3161 time-stamp of entry ").append(anchor.headSeq()).append(" (")
                    .append(anchor.stampedAt()).append(", ").append(anchor.tsaName()).append(")");
        }
        b.append(".\n\nCheck it with `sha256sum` and `openssl` only. Unpack it, and run each command below from the "
                + "folder it was unpacked into.\n\n");
        b.append("""
                | file | what it is |
                |---|---|
                | `messages.ndjson` | one JSON line per message of the case: the archive entry's fields, the bytes received (`rawBase64`), the canonical form, the hub's decision, the signature if the decision records one |
                | `messages/<seq>.raw`, `messages/<seq>.canonical.json` | the exact bytes received; the canonical JSON an agency-format message was mapped to |
                | `chain.ndjson` | one JSON line per chain entry, with every field its hash covers |
                | `chain/<seq>.txt` | exactly the bytes whose SHA-256 is entry `<seq>`'s hash: the previous entry's hash (64 hex characters), then the entry's fields as `name=value` lines |
                | `timestamps/archive-head-<seq>.*` | a time-stamp of the chain head `<seq>`: the stamped data (`<seq>:<hash>`), the token, the certificate that signed it |
                | `manifest.json` | what the bundle holds, and whether the hub's own recomputation of the chain agreed |

                The chain between the case's entries includes other cases' entries: without them it does not
                recompute. They carry no message bodies.

                """);
        int step = 1;
        if (anchor != null) {
            TimestampEvidence evidence = TimestampEvidence.of(anchor);
            String dir = "timestamps/";
            b.append("## ").append(step++).append(". The time-stamp: the chain up to entry ").append(anchor.headSeq())
                    .append(" existed at ").append(anchor.stampedAt()).append("\n\n```sh\nopenssl ts -verify -data ")
                    .append(dir).append(evidence.dataFileName()).append(" -in ").append(dir)
                    .append(evidence.tokenFileName()).append(" -token_in -CAfile ").append(dir)
                    .append(evidence.certificateFileName()).append("\n```\n\n");
            b.append("It prints `Verification: OK`. `").append(dir).append(evidence.dataFileName())
                    .append("` holds `").append(anchor.headSeq()).append(':').append(anchor.headHash())
                    .append("`: the position and hash of the time-stamped entry. The certificate is the signing "
                            + "authority's: the hub's own time-stamping certificate, unless the hub used an external "
                            + "authority, whose root certificate you then give to `-CAfile` instead.\n\n");
        } else {
            b.append("**No time-stamp covers this case yet** (").append(plan.stampNote()).append("). The checks "
                    + "below show the chain is consistent, not when it existed; ask for the bundle again later.\n\n");
        }
        b.append("## ").append(step++).append(". Every chain entry: its file hashes to its entry hash\n\n")
                .append("```sh\nsha256sum -c chain/SHA256SUMS\n```\n\n")
                .append("Every line ends in `OK`. Its last line checks `chain/").append(plan.toSeq())
                .append(".txt` against the hash of entry ").append(plan.toSeq());
        if (anchor != null) {
            b.append(", the hash in the time-stamped data of step 1");
        }
        b.append(".\n\n");
        b.append("## ").append(step++).append(". The links: each entry names the one before\n\n")
                .append("Open the chain files in order: the first 64 characters of `chain/<n>.txt` are the hash of "
                        + "entry n−1, the hash on the line above it in `chain/SHA256SUMS`. For example `chain/")
                .append(Math.min(plan.fromSeq() + 1, plan.toSeq())).append(".txt` begins with ")
                .append(check.firstHash() == null ? "the hash of its predecessor" : "`" + check.firstHash() + "`")
                .append(", the hash of entry ").append(plan.fromSeq()).append(". With steps ")
                .append(anchor != null ? "1 and 2" : "2")
                .append(", this shows no entry in the stretch was changed, removed or reordered after it was "
                        + "written, and each file's `seq=` line says where it stands.\n\n");
        b.append("## ").append(step).append(". The messages: the bytes received are those the chain records\n\n");
        if (messageFiles.isEmpty()) {
            b.append("This bundle holds no message bodies: they were purged under the retention rules. The chain still "
                    + "proves what was archived: each message's fields in `messages.ndjson` are the lines of its chain "
                    + "file, `rawSha256=` included.\n");
            return b.toString();
        }
        b.append("```sh\nsha256sum -c messages/SHA256SUMS\n```\n\n")
                .append("Every line ends in `OK`. Each `messages/<seq>.raw` is what the hub received; its SHA-256 is "
                        + "the `rawSha256=` line of `chain/<seq>.txt` (for a row of a CSV batch: of the batch's file, "
                        + "`messages/<batch seq>.raw`). Each `messages/<seq>.canonical.json` is the canonical form of an "
                        + "agency-format message; its SHA-256 is the `canonicalSha256=` line. The other fields of each "
                        + "message in `messages.ndjson` are the other lines of its chain file.\n");
        return b.toString();
    }
}

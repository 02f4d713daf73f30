package io.cluehub.archive.retention;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.audit.ArchiveAudit;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The audit entries of retention: holds placed, released and listed, purges run (by a person or the schedule). */
@Component
public class RetentionAudit {

    private final ArchiveAudit audit;

    public RetentionAudit(ArchiveAudit audit) {
        this.audit = audit;
    }

    void purged(ArchiveAudit.Actor actor, Purger.Report report) {
        ObjectNode request = audit.details();
        request.put("asOf", report.asOf().toString());
        ObjectNode cutoffs = request.putObject("cutoffs");
        report.cutoffs().forEach((k, v) -> cutoffs.put(k, v.toString()));
        ObjectNode outcome = audit.details();
        outcome.put("purged", report.purged());
        ArrayNode seqs = outcome.putArray("seqs");
        report.seqs().forEach(seqs::add);
        audit.record(actor, "purge", null, request, outcome);
    }

    void listed(ArchiveAudit.Actor actor, int holds) {
        ObjectNode outcome = audit.details();
        outcome.put("holds", holds);
        audit.record(actor, "legal-hold-list", null, null, outcome);
    }

    void hold(ArchiveAudit.Actor actor, String action, String caseRef, String reason, boolean changed) {
        ObjectNode request = audit.details();
        request.put("caseRef", caseRef);
        if (reason != null) {
            // Free text may name people: the chain commits to it by hash; the hold keeps it encrypted.
            request.put("reasonSha256", ArchiveEntry.sha256Hex(reason.getBytes(StandardCharsets.UTF_8)));
        }
        ObjectNode outcome = audit.details();
        outcome.put("changed", changed);
        audit.record(actor, action, caseRef, request, outcome);
    }
}

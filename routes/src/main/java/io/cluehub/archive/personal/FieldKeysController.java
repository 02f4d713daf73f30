package io.cluehub.archive.personal;

import io.cluehub.archive.audit.ArchiveAudit;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operators rotate the keys that encrypt archived bodies: {@code POST /api/v1/archive/keys/rotation} adds a key and
 * re-encrypts every stored body under it; {@code POST /api/v1/archive/keys/reseal} only re-encrypts what is not under
 * the current key yet (after another instance rotated). Role {@code operator}. The answer names key ids and counts;
 * each call is an audit entry on the chain.
 */
@RestController
@RequestMapping("/api/v1/archive/keys")
public class FieldKeysController {

    private final ArchiveRekeyer rekeyer;
    private final ArchiveAudit audit;

    public FieldKeysController(ArchiveRekeyer rekeyer, ArchiveAudit audit) {
        this.rekeyer = rekeyer;
        this.audit = audit;
    }

    @PostMapping("/rotation")
    public ArchiveRekeyer.Report rotate(Authentication user) {
        return audited(rekeyer.rotate(), "field-key-rotation", user);
    }

    @PostMapping("/reseal")
    public ArchiveRekeyer.Report reseal(Authentication user) {
        return audited(rekeyer.reseal(), "field-key-reseal", user);
    }

    private ArchiveRekeyer.Report audited(ArchiveRekeyer.Report report, String action, Authentication user) {
        ObjectNode outcome = audit.details();
        outcome.put("keyId", report.keyId());
        outcome.put("resealed", report.resealed());
        outcome.put("outboxResealed", report.outboxResealed());
        outcome.put("unreadable", report.unreadable());
        audit.record(ArchiveAudit.Actor.of(user), action, null, null, outcome);
        return report;
    }
}

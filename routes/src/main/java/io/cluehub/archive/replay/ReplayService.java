package io.cluehub.archive.replay;

import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.archive.audit.ArchiveAudit;
import io.cluehub.archive.query.ArchiveFilter;
import io.cluehub.archive.query.ArchiveSearch;
import io.cluehub.directory.Directory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays archived messages to an office ({@code POST /api/v1/replays}): refuses a request without a reason and a
 * legal basis, with an unknown target, or with a filter that selects the whole archive; fixes the set of accepted
 * messages the filter matches up to the current head; records the replay and its audit entry; and hands it to the
 * {@link ReplayRunner}. A dry run reports instead ({@link ReplayDryRun}), audited too.
 */
@Service
public class ReplayService {

    /** Longest reason or legal basis accepted. */
    static final int MAX_TEXT = 2000;

    private final ArchiveSearch search;
    private final ArchiveStore archive;
    private final ReplayStore replays;
    private final ReplayRunner runner;
    private final ReplayDryRun dryRun;
    private final ArchiveAudit audit;
    private final Directory directory;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;

    public ReplayService(ArchiveSearch search, ReplayStore replays, ReplayRunner runner, ReplayDryRun dryRun,
            ArchiveAudit audit, Directory directory, PlatformTransactionManager transactions, JsonMapper json,
            Clock clock) {
        this.search = search;
        this.archive = search.archive();
        this.replays = replays;
        this.runner = runner;
        this.dryRun = dryRun;
        this.audit = audit;
        this.directory = directory;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = clock;
    }

    /** Creates and starts a replay; returns it as first recorded. */
    public Replay replay(ReplayRequest request, ArchiveAudit.Actor actor) {
        ArchiveFilter filter = check(request, true);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        long upToSeq = archive.head().seq();
        String filterJson = json.writeValueAsString(describe(filter));
        ArchiveFilter.Condition condition = filter.condition(archive.subjects());
        long total = transaction.execute(s -> replays.create(id, now, actor.name(), request.target(),
                request.reason().strip(), request.legalBasis().strip(), filterJson, upToSeq, condition));

        ObjectNode details = details(request, filter);
        details.put("replayId", id);
        ObjectNode outcome = audit.details();
        outcome.put("total", total);
        outcome.put("upToSeq", upToSeq);
        ArchiveEntry entry;
        try {
            entry = audit.record(actor, "replay", filter.caseRef(), details, outcome);
        } catch (RuntimeException e) {
            // Nothing is sent without its audit entry.
            transaction.executeWithoutResult(s -> replays.finish(id, Replay.FAILED, "could not be audited",
                    clock.instant()));
            throw e;
        }
        transaction.executeWithoutResult(s -> replays.attachAudit(id, entry.seq()));
        runner.submit(id);
        return replays.find(id).orElseThrow();
    }

    /** Reports how the matching messages fare through today's validation and mappings; sends nothing. */
    public ReplayDryRun.Report dryRun(ReplayRequest request, ArchiveAudit.Actor actor) {
        ArchiveFilter filter = check(request, false);
        long upToSeq = archive.head().seq();
        long total = search.count(filter, upToSeq);
        ReplayDryRun.Report report = dryRun.run(search.oldest(filter, 0, upToSeq, ReplayDryRun.MAX_ITEMS), total,
                request.target());
        ObjectNode outcome = audit.details();
        outcome.put("total", total);
        outcome.put("reported", report.items().size());
        outcome.put("changed", report.items().stream().filter(i -> !i.sameOutcome()).count());
        audit.record(actor, "replay-dry-run", filter.caseRef(), details(request, filter), outcome);
        return report;
    }

    /**
     * The filter a request may run. A replay sends accepted messages only; a dry run may look at rejected ones too
     * (how would they fare today?).
     */
    private ArchiveFilter check(ReplayRequest request, boolean sends) {
        requireText("reason", request.reason());
        requireText("legalBasis", request.legalBasis());
        if (request.filter() == null || request.filter().isEmpty()) {
            throw new ReplayException("filter must name the messages to replay (caseRef, subject, office, type, "
                    + "time range, …): a replay of the whole archive is refused");
        }
        ArchiveFilter filter = request.filter().validate().messagesOnly();
        if (sends || request.target() != null) {
            if (request.target() == null || request.target().isBlank()) {
                throw new ReplayException("target must name the office whose inbox receives the replay");
            }
            if (request.target().length() > 32 || !directory.isConnected(request.target())) {
                throw new ReplayException("target " + abbreviate(request.target())
                        + " is not a connected office of the directory");
            }
        }
        if (sends) {
            if (filter.status() != null && !"accepted".equals(filter.status())) {
                throw new ReplayException("a replay sends accepted messages only: leave status out or set it to "
                        + "accepted (a dry run shows how other messages fare)");
            }
            filter = filter.withStatus("accepted");
        }
        return filter;
    }

    private ObjectNode describe(ArchiveFilter filter) {
        ObjectNode node = audit.details();
        filter.describe(node, archive.subjects());
        return node;
    }

    private ObjectNode details(ReplayRequest request, ArchiveFilter filter) {
        ObjectNode details = audit.details();
        details.set("filter", describe(filter));
        if (request.target() != null) {
            details.put("target", request.target());
        }
        // Free text may name people: the audit entry commits to it by hash; the replay keeps it encrypted.
        details.put("reasonSha256", ArchiveEntry.sha256Hex(request.reason().strip().getBytes(StandardCharsets.UTF_8)));
        details.put("legalBasisSha256",
                ArchiveEntry.sha256Hex(request.legalBasis().strip().getBytes(StandardCharsets.UTF_8)));
        return details;
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ReplayException(field + " is required: say why, and under what authority, messages are replayed");
        }
        if (value.length() > MAX_TEXT) {
            throw new ReplayException(field + " must be at most " + MAX_TEXT + " characters");
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}

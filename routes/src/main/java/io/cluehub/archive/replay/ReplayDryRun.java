package io.cluehub.archive.replay;

import io.cluehub.adapters.format.AgencyFormat;
import io.cluehub.adapters.format.FormatRegistry;
import io.cluehub.adapters.format.MappingException;
import io.cluehub.archive.ArchiveEntry;
import io.cluehub.archive.ArchiveStore;
import io.cluehub.directory.Connection;
import io.cluehub.directory.Directory;
import io.cluehub.intake.OutboundMapping;
import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.MessageValidator;
import io.cluehub.schemas.validation.ValidationOptions;
import io.cluehub.schemas.validation.ValidationOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A replay that sends nothing: each matching message is run again through the validation the hub applies today (the
 * schemas of the message's own {@code schemaVersion}, the business rules, the sender's agency profile) and, for a
 * message received in an agency format, the inbound mapping of the format version it was received in (the entry's
 * {@code format_id}, {@code id/version}), and the report puts how it was handled then (the archived decision) beside
 * how it would be handled now. Authorisation and routing are not re-run: they depend on the directory of the day.
 * With a target, it also says which format the target would get it in.
 */
@Component
public class ReplayDryRun {

    /** The most messages one dry run reports (each is validated and perhaps mapped again). */
    public static final int MAX_ITEMS = 500;

    private final MessageValidator validator;
    private final FormatRegistry formats;
    private final Directory directory;
    private final ArchiveStore archive;
    private final OutboundMapping outbound;
    private final JsonMapper json;

    public ReplayDryRun(MessageValidator validator, FormatRegistry formats, Directory directory, ArchiveStore archive,
            OutboundMapping outbound, JsonMapper json) {
        this.validator = validator;
        this.formats = formats;
        this.directory = directory;
        this.archive = archive;
        this.outbound = outbound;
        this.json = json;
    }

    /** The dry run's answer: {@code total} messages matched, the first {@code items.size()} are reported. */
    public record Report(boolean dryRun, long total, boolean truncated, String target, List<Item> items) {
    }

    /**
     * One message then and now. {@code sameOutcome}: the same status and the same issue codes.
     */
    public record Item(long seq, String messageId, String sender, String type, String receivedAt, String format,
            Outcome then, Outcome now, boolean sameOutcome) {
    }

    /**
     * How the message was (or would be) handled.
     *
     * @param status {@code accepted} or {@code rejected} (then: also {@code duplicate})
     * @param mapping for agency formats: {@code mapped}, {@code failed}; now also {@code same} (the mapping gives the
     *        canonical form archived then), {@code differs}, {@code format-unavailable} (the hub no longer has that
     *        format version: the archived canonical form is validated instead) or {@code not-rerun} (a batch row:
     *        its file is mapped whole, see the batch entry); null for canonical JSON
     * @param targetFormat the format the target would receive it in (now, with a target only)
     */
    public record Outcome(String status, String errorCode, List<IssueView> issues, String mapping,
            String targetFormat) {
    }

    public record IssueView(String severity, String code, String location, String diagnostics) {

        static IssueView of(Issue issue) {
            return new IssueView(issue.severity().json(), issue.code().name(),
                    issue.location(), issue.diagnostics());
        }
    }

    public Report run(List<ArchiveEntry> entries, long total, String target) {
        List<Item> items = new ArrayList<>(entries.size());
        for (ArchiveEntry entry : entries) {
            Outcome then = then(entry);
            Outcome now = now(entry, target);
            items.add(new Item(entry.seq(), entry.messageId(), entry.sender(), entry.type(),
                    entry.recordedAt().toString(), entry.formatId(), then, now, same(then, now)));
        }
        return new Report(true, total, total > items.size(), target, items);
    }

    private Outcome then(ArchiveEntry entry) {
        JsonNode decision;
        try {
            decision = json.readTree(entry.decision());
        } catch (JacksonException e) {
            decision = json.createObjectNode();
        }
        List<IssueView> issues = new ArrayList<>();
        for (JsonNode issue : decision.path("outcome").path("issues")) {
            issues.add(new IssueView(text(issue, "severity"), text(issue, "code"), text(issue, "location"),
                    text(issue, "diagnostics")));
        }
        String mapping = entry.formatId() == null ? null
                : "MAPPING_FAILED".equals(entry.errorCode()) ? "failed" : "mapped";
        return new Outcome(entry.status(), entry.errorCode(), issues, mapping, null);
    }

    private Outcome now(ArchiveEntry entry, String target) {
        byte[] canonical = entry.canonicalMessage();
        String mapping = null;
        if (entry.formatId() != null) {
            Optional<AgencyFormat> format = format(entry.formatId());
            if (format.isEmpty()) {
                mapping = "format-unavailable";
            } else if (entry.raw() == null) {
                mapping = "not-rerun";
            } else {
                try {
                    List<byte[]> mapped = format.get().toCanonical(entry.raw());
                    if (mapped.isEmpty()) {
                        throw new MappingException(format.get().id(), "", "the body holds no message");
                    }
                    byte[] now = mapped.get(0);
                    mapping = entry.canonical() != null && sameJson(now, entry.canonical()) ? "same" : "differs";
                    canonical = now;
                } catch (MappingException e) {
                    return new Outcome("rejected", "MAPPING_FAILED", List.of(IssueView.of(e.toIssue())), "failed",
                            null);
                }
            }
        }
        if (canonical == null) {
            return new Outcome(null, null, List.of(), mapping, null);
        }
        String profile = entry.sender() == null ? null
                : directory.connection(entry.sender()).map(Connection::profile).orElse(null);
        ValidationOutcome outcome = validator.validate(canonical, ValidationOptions.defaults().withProfile(profile)
                .withReplyLookup(archive::acceptedTypeOf));
        List<IssueView> issues = outcome.issues().stream().map(IssueView::of).toList();
        Issue blocking = outcome.successful() ? null : outcome.firstBlocking();
        String targetFormat = null;
        if (target != null && outcome.successful()) {
            targetFormat = outbound.forRecipient(target, entry.type(), canonical).formatId();
        }
        return new Outcome(outcome.successful() ? "accepted" : "rejected",
                blocking == null ? null : blocking.code().name(), issues, mapping, targetFormat);
    }

    private Optional<AgencyFormat> format(String formatId) {
        int slash = formatId.lastIndexOf('/');
        return slash < 0 ? formats.find(formatId)
                : formats.find(formatId.substring(0, slash), formatId.substring(slash + 1));
    }

    private boolean sameJson(byte[] a, byte[] b) {
        if (Arrays.equals(a, b)) {
            return true;
        }
        try {
            return json.readTree(a).equals(json.readTree(b));
        } catch (JacksonException e) {
            return false;
        }
    }

    private static boolean same(Outcome then, Outcome now) {
        String thenStatus = "duplicate".equals(then.status()) ? null : then.status();
        return thenStatus != null && thenStatus.equals(now.status())
                && codes(then).equals(codes(now));
    }

    private static List<String> codes(Outcome outcome) {
        return outcome.issues().stream().map(IssueView::code).sorted().toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}

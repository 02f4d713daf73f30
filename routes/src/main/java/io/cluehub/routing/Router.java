package io.cluehub.routing;

import io.cluehub.directory.Department;
import io.cluehub.directory.Directory;
import io.cluehub.directory.Level;
import io.cluehub.directory.Office;
import io.cluehub.intake.Delivery;
import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.IssueCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Decides who receives a message (DESIGN.md §2, §3). Named recipients are used as named; otherwise the type decides:
 * a {@code clue.transfer} goes to the competent departments' offices for its jurisdiction, an {@code info.share} to
 * its list's subscribers, a {@code training.notice} to its audience scope. Every office that is not connected is
 * replaced by its nearest connected ancestor of the same department; each receiving office gets one copy; the sender
 * never receives its own message. Routing never reads a rule from message content: content only selects rows of the
 * directory and the competence table.
 */
public class Router {

    public static final String RULE_EXPLICIT = "explicit";
    public static final String RULE_COMPETENCE = "competence:";
    public static final String RULE_SUBSCRIPTION = "subscription:";
    public static final String RULE_AUDIENCE = "audience";
    public static final String RULE_WORKFLOW = "workflow:";

    private final Directory directory;
    private final CompetenceTable competence;

    public Router(Directory directory, CompetenceTable competence) {
        this.directory = directory;
        this.competence = competence;
    }

    public Routing route(String sender, JsonNode message) {
        JsonNode recipients = message.path("recipients");
        if (recipients.isArray() && !recipients.isEmpty()) {
            return explicit(recipients);
        }
        JsonNode payload = message.path("payload");
        return switch (message.path("type").asString("")) {
            case "clue.transfer" -> competence(sender, payload);
            case "info.share" -> subscriptions(sender, payload);
            case "training.notice" -> audience(sender, payload);
            // Addressed to the hub itself (a shared list's snapshot request): accepted, delivered to no one.
            case "list.request" -> new Routing(List.of(), List.of());
            default -> new Routing(List.of(), List.of(Issue.error(IssueCode.NO_RECIPIENTS, "/recipients",
                    "A " + message.path("type").asString("") + " message must name its recipients.")));
        };
    }

    private Routing explicit(JsonNode recipients) {
        List<String> ids = new ArrayList<>(recipients.size());
        recipients.forEach(r -> ids.add(r.asString("")));
        return named(ids, RULE_EXPLICIT, "/recipients/");
    }

    /**
     * Routing to offices a case workflow knows (the originator of a clue, a consultation's convener or participants),
     * for a reply that names no recipients: each office as named, or its nearest connected ancestor.
     */
    public Routing workflow(String sender, List<String> offices, String workflow) {
        Routing routing = named(offices.stream().filter(id -> !id.equals(sender)).toList(), RULE_WORKFLOW + workflow,
                "/inReplyTo#");
        if (routing.deliveries().isEmpty() && routing.problems().isEmpty()) {
            return unroutable("/inReplyTo", "The " + workflow + " this message answers has no office to send it to "
                    + "other than the sender; name the recipients.");
        }
        return routing;
    }

    private Routing named(List<String> ids, String rule, String locationPrefix) {
        List<Issue> problems = new ArrayList<>();
        Deliveries deliveries = new Deliveries(null);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String location = locationPrefix.endsWith("#") ? locationPrefix.substring(0, locationPrefix.length() - 1)
                    : locationPrefix + i;
            Optional<Office> office = directory.find(id);
            if (office.isEmpty()) {
                problems.add(Issue.error(IssueCode.UNKNOWN_RECIPIENT, location, "'" + id + "' is not an office of the "
                        + "directory: use <DEPT>-<GB/T 2260 division code>, e.g. CAC-330100."));
            } else if (!deliveries.add(office.get(), rule)) {
                problems.add(Issue.error(IssueCode.UNKNOWN_RECIPIENT, location,
                        "Neither '" + id + "' nor any office above it in its department is connected to the hub."));
            }
        }
        return new Routing(deliveries.list(), problems);
    }

    private Routing competence(String sender, JsonNode payload) {
        String division = payload.path("jurisdiction").path("divisionCode").asString(null);
        String divisionLocation = "/payload/jurisdiction/divisionCode";
        if (division == null) {
            return unroutable(divisionLocation, "Name the recipients, or the jurisdiction's GB/T 2260 division so "
                    + "that the hub can route the clue to the competent offices.");
        }
        if (!directory.divisions().exists(division)) {
            return unroutable(divisionLocation, "Division '" + division + "' is not a GB/T 2260 division; "
                    + "no office is competent for it.");
        }
        List<Issue> problems = null;
        // At most seven departments: small parallel lists beat a map on this hot path.
        List<Department> departments = new ArrayList<>(4);
        List<String> firstCategory = new ArrayList<>(4);
        JsonNode violations = payload.path("violations");
        for (int i = 0; i < violations.size(); i++) {
            String category = violations.get(i).path("category").asString("");
            List<Department> competent = competence.departments(category).orElse(null);
            if (competent == null) {
                if (problems == null) {
                    problems = new ArrayList<>();
                }
                problems.add(Issue.error(IssueCode.UNROUTABLE, "/payload/violations/" + i + "/category",
                        "No competence rule covers category '" + category + "'; name the recipients."));
                continue;
            }
            for (Department department : competent) {
                if (!departments.contains(department)) {
                    departments.add(department);
                    firstCategory.add(category);
                }
            }
        }
        if (problems != null) {
            return new Routing(List.of(), problems);
        }
        Deliveries deliveries = new Deliveries(sender);
        for (int i = 0; i < departments.size(); i++) {
            Office office = directory.office(departments.get(i), division);
            if (office != null) {
                deliveries.add(office, competence.ruleName(firstCategory.get(i)));
            }
        }
        if (deliveries.list().isEmpty()) {
            return unroutable("/payload/violations", "The competent offices " + departments + " for division "
                    + division + " are the sender itself or not connected; name the recipients.");
        }
        return new Routing(deliveries.list(), List.of());
    }

    private Routing subscriptions(String sender, JsonNode payload) {
        String list = payload.path("list").asString("");
        Set<String> divisions = new LinkedHashSet<>();
        payload.path("entries").forEach(entry -> {
            String code = entry.path("jurisdiction").path("divisionCode").asString(null);
            if (code != null && directory.divisions().exists(code)) {
                divisions.add(code);
            }
        });
        Deliveries deliveries = new Deliveries(sender);
        ListSubscriptions.subscribers(directory, list, divisions)
                .forEach(office -> deliveries.add(office, RULE_SUBSCRIPTION + list));
        if (deliveries.list().isEmpty()) {
            return unroutable("/payload/list", "No connected office other than the sender subscribes to '" + list + "'.");
        }
        return new Routing(deliveries.list(), List.of());
    }

    private Routing audience(String sender, JsonNode payload) {
        JsonNode audience = payload.path("audience");
        List<Department> departments = new ArrayList<>();
        audience.path("departments").forEach(d -> Department.fromCode(d.asString("")).ifPresent(departments::add));
        if (departments.isEmpty()) {
            departments.addAll(List.of(Department.values()));
        }
        List<Level> levels = new ArrayList<>();
        audience.path("levels").forEach(l -> levels.add(Level.valueOf(l.asString("").toUpperCase(Locale.ROOT))));
        if (levels.isEmpty()) {
            levels.addAll(List.of(Level.values()));
        }
        String region = audience.path("divisionCode").asString(null);
        if (region != null && !directory.divisions().exists(region) && !Office.NATIONAL_DIVISION.equals(region)) {
            return unroutable("/payload/audience/divisionCode", "Region '" + region + "' is not a GB/T 2260 division.");
        }
        Deliveries deliveries = new Deliveries(sender);
        for (Department department : departments) {
            for (Level level : levels) {
                directory.offices(department, level, region).forEach(office -> deliveries.add(office, RULE_AUDIENCE));
            }
        }
        if (deliveries.list().isEmpty()) {
            return unroutable("/payload/audience", "No connected office other than the sender is in the audience.");
        }
        return new Routing(deliveries.list(), List.of());
    }

    private static Routing unroutable(String location, String diagnostics) {
        return new Routing(List.of(), List.of(Issue.error(IssueCode.UNROUTABLE, location, diagnostics)));
    }

    /** Collects one delivery per receiving office, in order, never to the excluded sender. */
    private final class Deliveries {

        private final String excluded;
        private final Set<String> targets = new HashSet<>();
        private final List<Delivery> deliveries = new ArrayList<>(4);

        Deliveries(String excluded) {
            this.excluded = excluded;
        }

        /** Adds the office's delivery; false when no office on its way up is connected. */
        boolean add(Office office, String rule) {
            Office target = directory.deliveryOfficeOrNull(office);
            if (target == null) {
                return false;
            }
            String to = target.id();
            if (!to.equals(excluded) && !office.id().equals(excluded) && targets.add(to)) {
                deliveries.add(new Delivery(office.id(), to, rule, !to.equals(office.id())));
            }
            return true;
        }

        List<Delivery> list() {
            return deliveries;
        }
    }
}

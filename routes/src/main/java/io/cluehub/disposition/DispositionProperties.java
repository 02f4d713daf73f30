package io.cluehub.disposition;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Clue disposition deadlines, under {@code cluehub.workflow.disposition.*}: a recipient acknowledges a clue (any
 * status) within {@code acknowledge-within} (3 days) and decides it (accepted, declined or referred) within
 * {@code decide-within} (15 days) of its delivery, unless a rule of {@code deadlines} for one of the clue's violation
 * categories and/or the recipient's department says otherwise (the most specific matching rule wins: category and
 * department over category over department; among equals, the shortest). {@code check-interval} (1 minute) is how often
 * each hub instance looks for overdue clues. Durations take ISO-8601 ({@code PT2S}, {@code P3D}) or {@code 2s}, {@code 3d}.
 */
@ConfigurationProperties("cluehub.workflow.disposition")
public record DispositionProperties(@DefaultValue("3d") Duration acknowledgeWithin,
        @DefaultValue("15d") Duration decideWithin, @DefaultValue("1m") Duration checkInterval,
        List<Rule> deadlines) {

    /** Deadlines for clues of one violation category and/or to one department; either duration may be left out. */
    public record Rule(String category, String department, Duration acknowledgeWithin, Duration decideWithin) {

        int specificity() {
            return (category != null ? 2 : 0) + (department != null ? 1 : 0);
        }

        boolean matches(Collection<String> categories, String recipientDepartment) {
            return (category == null || categories.contains(category))
                    && (department == null || department.equals(recipientDepartment));
        }
    }

    public DispositionProperties {
        acknowledgeWithin = acknowledgeWithin == null ? Duration.ofDays(3) : acknowledgeWithin;
        decideWithin = decideWithin == null ? Duration.ofDays(15) : decideWithin;
        checkInterval = checkInterval == null ? Duration.ofMinutes(1) : checkInterval;
        deadlines = deadlines == null ? List.of() : List.copyOf(deadlines);
    }

    public static DispositionProperties defaults() {
        return new DispositionProperties(null, null, null, null);
    }

    /** How long a recipient of {@code department} has to acknowledge a clue of these categories. */
    public Duration acknowledgeWithin(Collection<String> categories, String department) {
        return pick(categories, department, true);
    }

    /** How long a recipient of {@code department} has to decide a clue of these categories. */
    public Duration decideWithin(Collection<String> categories, String department) {
        return pick(categories, department, false);
    }

    private Duration pick(Collection<String> categories, String department, boolean acknowledge) {
        Rule best = null;
        Duration chosen = null;
        for (Rule rule : deadlines) {
            Duration d = acknowledge ? rule.acknowledgeWithin() : rule.decideWithin();
            if (d == null || !rule.matches(categories, department)) {
                continue;
            }
            if (best == null || rule.specificity() > best.specificity()
                    || rule.specificity() == best.specificity() && d.compareTo(chosen) < 0) {
                best = rule;
                chosen = d;
            }
        }
        return chosen != null ? chosen : acknowledge ? acknowledgeWithin : decideWithin;
    }
}

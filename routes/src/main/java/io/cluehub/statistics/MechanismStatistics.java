package io.cluehub.statistics;

import java.time.Instant;
import java.util.List;

/**
 * The figures of Article 4's mechanisms at one moment ({@code GET /api/v1/statistics}), computed from the database, so
 * every hub instance reports the same figures and they survive restarts.
 */
public record MechanismStatistics(Instant asOf, Clues clues, Consultations consultations, List<ListSize> lists) {

    /** Clues transferred per sending department and level; time from delivery to acceptance; clues overdue now. */
    public record Clues(List<Transferred> transferred, long total, Double medianHoursToAcceptance,
            Double p90HoursToAcceptance, long accepted, long overdue) {
    }

    public record Transferred(String department, String level, long count) {
    }

    /**
     * Sessions opened, open now, closed (decided), closed on time (decided by the deadline), and completed with every
     * invitee's opinion in by the deadline.
     */
    public record Consultations(long opened, long open, long closed, long closedOnTime, long allAnsweredInTime) {
    }

    public record ListSize(String list, long size, long version) {
    }
}

package io.cluehub.statistics;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/statistics}: the mechanisms' figures, for any authenticated user (they hold no case data). */
@RestController
public class StatisticsController {

    private final Statistics statistics;

    public StatisticsController(Statistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/api/v1/statistics")
    public MechanismStatistics statistics() {
        return statistics.now();
    }
}

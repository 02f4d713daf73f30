package io.cluehub.archive.retention;

import java.time.Duration;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the archive keeps message bodies, under {@code cluehub.archive.retention.*}: a period per
 * {@code handling.classification} ({@code periods.internal=5y}, {@code periods.sensitive=10y},
 * {@code periods.restricted=30y} unless set; setting one keeps the others' defaults), {@code default-period} for
 * entries whose classification is unknown (a body that could not be read, a batch file: 30y, the longest, unless set),
 * and how often the purge runs ({@code purge-interval}, 24h; {@code 0}: on demand only). Periods count from the time
 * the hub received the message. Cases under legal hold are never purged.
 */
@ConfigurationProperties("cluehub.archive.retention")
public record RetentionProperties(Map<String, Period> periods, @DefaultValue("30y") Period defaultPeriod,
        @DefaultValue("24h") Duration purgeInterval) {

    /** The retention periods of the three classifications of DESIGN.md §4, before configuration. */
    public static final Map<String, Period> DEFAULT_PERIODS = Map.of("internal", Period.ofYears(5),
            "sensitive", Period.ofYears(10), "restricted", Period.ofYears(30));

    public RetentionProperties {
        Map<String, Period> merged = new LinkedHashMap<>(DEFAULT_PERIODS);
        if (periods != null) {
            merged.putAll(periods);
        }
        periods = Map.copyOf(merged);
        if (defaultPeriod == null) {
            defaultPeriod = Period.ofYears(30);
        }
        if (purgeInterval == null) {
            purgeInterval = Duration.ofHours(24);
        }
    }

    /** The defaults, as the embedded hub runs without configuration. */
    public static RetentionProperties defaults() {
        return new RetentionProperties(null, null, null);
    }
}

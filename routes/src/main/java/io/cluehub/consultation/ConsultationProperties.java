package io.cluehub.consultation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Consultation sessions, under {@code cluehub.workflow.consultation.*}: how often each instance looks for open
 * sessions whose deadline passed ({@code sweep}, 15s: a summary goes out at most that long after the deadline), and
 * how many it completes per look ({@code batch}, 100; the rest wait for the next).
 */
@ConfigurationProperties("cluehub.workflow.consultation")
public record ConsultationProperties(@DefaultValue("15s") Duration sweep, @DefaultValue("100") int batch) {
}

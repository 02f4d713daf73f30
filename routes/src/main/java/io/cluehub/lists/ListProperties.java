package io.cluehub.lists;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shared lists, under {@code cluehub.workflow.lists.*}: the zone whose calendar dates {@code effectiveFrom} and
 * {@code effectiveTo} are ({@code Asia/Shanghai}; an entry drops out at the start of the day after its
 * {@code effectiveTo} there), how often expired entries are looked for ({@code expiry-sweep}, 1m), and the size of a
 * snapshot page: at most {@code page-size} entries (200) and, in a {@code list.snapshot} message, at most
 * {@code page-bytes} bytes of entries (512 KiB, well inside the 1 MiB message limit).
 */
@ConfigurationProperties("cluehub.workflow.lists")
public record ListProperties(@DefaultValue("Asia/Shanghai") ZoneId zone, @DefaultValue("1m") Duration expirySweep,
        @DefaultValue("200") int pageSize, @DefaultValue("524288") int pageBytes) {

    public ListProperties {
        if (zone == null) {
            zone = ZoneId.of("Asia/Shanghai");
        }
        if (expirySweep == null) {
            expirySweep = Duration.ofMinutes(1);
        }
        if (pageSize <= 0 || pageSize > 1000) {
            pageSize = 200;
        }
        if (pageBytes <= 0 || pageBytes > 786_432) {
            pageBytes = 524_288;
        }
    }

    public static ListProperties defaults() {
        return new ListProperties(null, null, 0, 0);
    }
}

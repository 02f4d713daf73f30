package io.cluehub.archive;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the evidence archive, under {@code cluehub.archive.*} (kept beside the archive rather than in
 * {@code ClueHubProperties}, which other modules own).
 *
 * @param timestampInterval how often the chain head is time-stamped when it has moved; {@code 0} stamps only on demand
 * @param tsaUrl an external RFC 3161 time-stamping authority (HTTP POST of {@code application/timestamp-query});
 *        without it the hub stamps with its own key, generated at first start under {@code <dataDir>/keys/}
 * @param tsaTimeout how long a request to the external authority may take
 * @param verifyPageSize entries the chain verifier reads per database round trip: the most it holds in memory
 */
@Validated
@ConfigurationProperties("cluehub.archive")
public record ArchiveProperties(
        @NotNull @DefaultValue("1h") Duration timestampInterval,
        String tsaUrl,
        @NotNull @DefaultValue("30s") Duration tsaTimeout,
        @Min(1) @Max(10_000) @DefaultValue("200") int verifyPageSize) {

    public boolean externalTsa() {
        return tsaUrl != null && !tsaUrl.isBlank();
    }
}

package io.cluehub.archive.replay;

import io.cluehub.archive.query.ArchiveFilter;

/**
 * The body of {@code POST /api/v1/replays}: which archived messages ({@code filter}, the investigator query's
 * filters), to which office ({@code target}), why ({@code reason}) and under what authority ({@code legalBasis}).
 * {@code dryRun: true} sends nothing and answers how each message fares through today's validation and mappings.
 */
public record ReplayRequest(ArchiveFilter filter, String target, String reason, String legalBasis, Boolean dryRun) {

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }
}

package io.cluehub.sftp;

import io.cluehub.config.ClueHubProperties;
import io.cluehub.directory.SftpServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The Camel SFTP endpoint URIs for one office's server: one consumer on its pickup folder and two producers, for its
 * delivery and receipts folders. Every endpoint logs in with the hub's key and accepts only a host key listed in the
 * known hosts ({@code strictHostKeyChecking=yes}, never the user's own {@code ~/.ssh/known_hosts}).
 */
final class SftpEndpoints {

    static final String REPOSITORY_BEAN = "sftpPickupRepository";

    private final ClueHubProperties.Sftp settings;
    private final SftpClientIdentity identity;

    SftpEndpoints(ClueHubProperties.Sftp settings, SftpClientIdentity identity) {
        this.settings = settings;
        this.identity = identity;
    }

    String pickup(String officeId, SftpServer server) {
        long stable = Math.max(100, settings.stableFor().toMillis());
        StringBuilder uri = base(server, server.pickup())
                .append("&delay=").append(settings.pollInterval().toMillis())
                .append("&initialDelay=1000")
                .append("&maxMessagesPerPoll=50&eagerMaxMessagesPerPoll=false&sortBy=file:modified")
                // Unsafe names are refused and helper files skipped before anything else touches them.
                .append("&filter=#").append(SftpNameGuard.beanName(officeId))
                // Database-backed: one hub instance takes a file; a crashed instance's claim expires.
                .append("&idempotent=true&idempotentEager=true&idempotentRepository=#").append(REPOSITORY_BEAN)
                .append("&idempotentKey=").append(officeId).append(":${file:onlyname}:${file:size}:${file:modified}")
                .append("&move=${exchangeProperty.").append(SftpPickup.MOVE_TO).append('}');
        if (settings.doneFiles()) {
            uri.append("&doneFileName=${file:name}.done");
        } else {
            uri.append("&readLock=changed&readLockCheckInterval=").append(stable)
                    .append("&readLockMinAge=").append(stable)
                    .append("&readLockTimeout=").append(Math.max(60_000, stable * 10));
        }
        return uri.toString();
    }

    /**
     * The consumer that reads a dropped file's detached signature ({@code <name>.jws} beside it) once, when the file
     * is taken: polled without waiting, then moved with the file to the processed folder.
     */
    String signature(SftpServer server) {
        return base(server, server.pickup())
                .append("&fileName=${header.CamelFileNameOnly}.jws&readLock=none&idempotent=false")
                .append("&move=").append(SftpPickup.fromPickup(server.pickup())).append(server.processed())
                .append("/${file:name}.${date:now:yyyyMMddHHmmssSSS}")
                .toString();
    }

    String delivery(SftpServer server, String folder) {
        return base(server, folder)
                .append("&autoCreate=true&fileExist=Override&tempFileName=${file:onlyname}.part")
                .toString();
    }

    private StringBuilder base(SftpServer server, String folder) {
        return new StringBuilder("sftp://").append(encode(server.username())).append('@').append(server.host())
                .append(':').append(server.port()).append('/').append(folder.replaceAll("^/+", ""))
                .append("?privateKeyFile=").append(encode(identity.privateKey().toAbsolutePath().toString()))
                .append("&knownHostsFile=").append(encode(identity.knownHosts().toAbsolutePath().toString()))
                .append("&strictHostKeyChecking=yes&useUserKnownHostsFile=false&binary=true")
                .append("&connectTimeout=").append(settings.connectTimeout().toMillis())
                .append("&throwExceptionOnConnectFailed=false");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

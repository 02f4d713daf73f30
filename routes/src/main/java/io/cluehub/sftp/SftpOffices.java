package io.cluehub.sftp;

import io.cluehub.config.ClueHubProperties;
import io.cluehub.directory.Channel;
import io.cluehub.directory.Connection;
import io.cluehub.directory.Directory;
import io.cluehub.directory.SftpServer;
import java.util.List;
import java.util.Optional;

/**
 * The SFTP server of each {@code sftp} office as the hub will use it: the directory entry's settings, with any
 * operator override from {@code cluehub.sftp.offices[<officeId>]} applied field by field.
 */
public class SftpOffices {

    private final Directory directory;
    private final ClueHubProperties.Sftp settings;

    public SftpOffices(Directory directory, ClueHubProperties.Sftp settings) {
        this.directory = directory;
        this.settings = settings;
    }

    /** The connected offices whose channel is {@code sftp}. */
    public List<Connection> offices() {
        return directory.connections().stream().filter(c -> c.channel() == Channel.SFTP).toList();
    }

    public Optional<SftpServer> server(String officeId) {
        return directory.connection(officeId).filter(c -> c.channel() == Channel.SFTP).map(this::server);
    }

    public SftpServer server(Connection connection) {
        SftpServer base = connection.sftp();
        ClueHubProperties.SftpOverride o = settings.offices().get(connection.officeId());
        if (o == null) {
            return base;
        }
        return new SftpServer(or(o.host(), base.host()), o.port() != null ? o.port() : base.port(),
                or(o.username(), base.username()), or(o.pickup(), base.pickup()), or(o.delivery(), base.delivery()),
                or(o.receipts(), base.receipts()), or(o.processed(), base.processed()), or(o.failed(), base.failed()));
    }

    private static String or(String override, String value) {
        return override == null || override.isBlank() ? value : override;
    }
}

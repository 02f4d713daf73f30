package io.cluehub.directory;

/**
 * The SFTP server an {@code sftp} office runs, as its directory entry names it. The hub is the client: it logs in as
 * {@code username} (key authentication), picks files up from {@code pickup}, moves them to {@code processed} (or
 * {@code failed} when they cannot be read), and writes deliveries to {@code delivery} and receipts to
 * {@code receipts}. Folders are relative to the login directory. Operators may override any field per office with
 * {@code cluehub.sftp.offices[<officeId>].<field>} (see {@code ClueHubProperties.Sftp}).
 */
public record SftpServer(String host, int port, String username, String pickup, String delivery, String receipts,
        String processed, String failed) {

    public static final int DEFAULT_PORT = 22;

    public SftpServer {
        port = port == 0 ? DEFAULT_PORT : port;
        pickup = orDefault(pickup, "outbox");
        delivery = orDefault(delivery, "inbox");
        receipts = orDefault(receipts, "receipts");
        processed = orDefault(processed, "processed");
        failed = orDefault(failed, "failed");
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}

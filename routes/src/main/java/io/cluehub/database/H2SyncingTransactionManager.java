package io.cluehub.database;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The transaction manager of the embedded H2 database: every commit is stored in the file and forced to the disk
 * before it returns.
 *
 * <p>H2 itself stores a commit in its file only when its background writer next runs (within {@code WRITE_DELAY}, see
 * {@link DatabaseConfiguration#embeddedUrl}), and syncs the file only when it compacts or closes: a killed process could
 * lose the last half second of commits, a power failure or a kernel crash the last seconds. The broker, whose journal
 * syncs every commit, would then hold deliveries and consumed messages whose archive entries, outbox and ledger keys
 * were gone: evidence lost and decisions the hub could not complete. So after each commit the MVStore stores what is
 * pending (the commit's pages, as a chunk) and syncs its file ({@code FileChannel.force}), one store and one sync per
 * transaction: per intake batch under load. PostgreSQL syncs its write-ahead log on commit itself and does not use
 * this class.
 */
class H2SyncingTransactionManager extends JdbcTransactionManager {

    private static final long serialVersionUID = 1L;

    H2SyncingTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        super.doCommit(status);
        Connection connection = ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder()
                .getConnection();
        try {
            sync(connection);
        } catch (SQLException | RuntimeException e) {
            throw new TransactionSystemException("Committed, but the H2 file could not be synced to the disk", e);
        }
    }

    /**
     * Stores what the H2 database of {@code connection} (an embedded H2 connection, possibly pooled) has not stored yet
     * and forces its file to the disk.
     */
    static void sync(Connection connection) throws SQLException {
        if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            session.getDatabase().getStore().sync();
        }
    }
}

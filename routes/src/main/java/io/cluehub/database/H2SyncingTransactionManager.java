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
 * The transaction manager of the embedded H2 database: every commit is forced to the disk before it returns.
 *
 * <p>With {@code WRITE_DELAY=0} H2 writes each commit to its file before the commit returns, which a killed process
 * survives, but it never syncs the file (only when it compacts or closes), so a power failure or a kernel crash
 * could lose the last seconds of commits. The broker, whose journal syncs every commit, would then hold deliveries
 * and consumed messages whose archive entries, outbox and ledger keys were gone: evidence lost and decisions the hub
 * could not complete. So after each commit the MVStore file is synced ({@code FileChannel.force}), one sync per
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

    /** Forces the H2 file of {@code connection} (an embedded H2 connection, possibly pooled) to the disk. */
    static void sync(Connection connection) throws SQLException {
        if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            session.getDatabase().getStore().getMvStore().sync();
        }
    }
}

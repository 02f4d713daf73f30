-- The SFTP channel's record of files taken (issue 5), in the table and columns Camel's JDBC idempotent repositories
-- use (JdbcOrphanLockAwareIdempotentRepository, processorName 'sftp-pickup'). A row is a claim on one file
-- (<office>:<name>:<size>:<modified>): the instance reading it refreshes createdAt while it works; a claim older than
-- two minutes was left by a crashed instance and is taken over. messageId is wider than Camel's own default (100).
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(512) NOT NULL,
    createdAt     TIMESTAMP    NOT NULL,
    PRIMARY KEY (processorName, messageId)
);

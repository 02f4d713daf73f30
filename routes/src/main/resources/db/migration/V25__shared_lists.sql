-- Shared lists (issue 8): the current state and full history of serious-violators, blacklist and platform-report,
-- kept from accepted info.share messages and the hub's own expiries.
-- shared_list: one row per list with its version, +1 per accepted change (one info.share message, or one expiry run).
-- Every change takes this row's lock first, so changes of one list are serialised across hub instances.
CREATE TABLE shared_list (
    name       VARCHAR(32)              NOT NULL PRIMARY KEY,
    version    BIGINT                   NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO shared_list (name, version, changed_at) VALUES ('serious-violators', 0, CURRENT_TIMESTAMP);
INSERT INTO shared_list (name, version, changed_at) VALUES ('blacklist', 0, CURRENT_TIMESTAMP);
INSERT INTO shared_list (name, version, changed_at) VALUES ('platform-report', 0, CURRENT_TIMESTAMP);

-- shared_list_entry: every entry ever listed, identified by (list, owner = the office that listed it, entry id), in
-- state active, removed or expired, with the list version of its last change. body is the entry as its owner last
-- sent it, sealed with the archive's field keys (it names the subject); effective_to, expires_at (the start of the day
-- after effective_to in the configured zone) and division_code are not personal.
CREATE TABLE shared_list_entry (
    list_name     VARCHAR(32)              NOT NULL,
    owner         VARCHAR(32)              NOT NULL,
    entry_id      VARCHAR(256)             NOT NULL,
    state         VARCHAR(16)              NOT NULL,
    version       BIGINT                   NOT NULL,
    effective_to  VARCHAR(10),
    expires_at    TIMESTAMP WITH TIME ZONE,
    division_code VARCHAR(6),
    body          VARCHAR(1000000)         NOT NULL,
    message_id    VARCHAR(64)              NOT NULL,
    archive_seq   BIGINT                   NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (list_name, owner, entry_id)
);
CREATE INDEX shared_list_entry_current ON shared_list_entry (list_name, state, owner, entry_id);
CREATE INDEX shared_list_entry_expiry ON shared_list_entry (state, expires_at);
CREATE INDEX shared_list_entry_id ON shared_list_entry (list_name, entry_id);

-- shared_list_change: the history, one row per entry a change touched: action add, update, remove or expire; the
-- message that made it (null for the hub's expiries) and its archive position (for an expiry: the list.expired
-- notice's). body is the entry as sent with the change (sealed; null for an expiry).
CREATE TABLE shared_list_change (
    list_name   VARCHAR(32)              NOT NULL,
    version     BIGINT                   NOT NULL,
    owner       VARCHAR(32)              NOT NULL,
    entry_id    VARCHAR(256)             NOT NULL,
    action      VARCHAR(16)              NOT NULL,
    message_id  VARCHAR(64),
    archive_seq BIGINT                   NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    body        VARCHAR(1000000),
    PRIMARY KEY (list_name, version, owner, entry_id)
);

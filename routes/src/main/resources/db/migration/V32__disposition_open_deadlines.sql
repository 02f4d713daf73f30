-- The deadline sweep (every minute, on every instance) and the overdue gauge look for dispositions whose deadline has
-- passed and that are still open: not acknowledged (or decided) and, for the sweep, not yet reminded. The indexes on
-- acknowledge_due and decide_due alone found them by walking every disposition whose deadline had passed, open or
-- long since closed: a cost that grew with the whole history (122,000 closed dispositions: 645 ms a sweep on H2). With
-- the open-state columns first, both read only the open dispositions. Every new disposition still adds one entry to
-- each index, at its end (NULL, NULL, a due time that grows with delivery); acknowledging, deciding or reminding moves
-- the entry.
DROP INDEX clue_disposition_ack_due;
DROP INDEX clue_disposition_decide_due;
CREATE INDEX clue_disposition_ack_open ON clue_disposition (acknowledged_at, acknowledge_reminded_at, acknowledge_due);
CREATE INDEX clue_disposition_decide_open ON clue_disposition (decided_at, decide_reminded_at, decide_due);

-- Removing the unit's own facts (issue 17): a van sold, an officer moved to another station, a pickup point entered
-- twice. Past plan versions, route sheets, exports and the audit still name these rows by id, so a removal only stamps
-- removed_at (an instant, TEXT ISO-8601 UTC): the lists of what is current leave the row out, lookups by id still find
-- it. NULL: not removed.
ALTER TABLE vehicles ADD COLUMN removed_at TEXT NULL;

ALTER TABLE teams ADD COLUMN removed_at TEXT NULL;

ALTER TABLE officers ADD COLUMN removed_at TEXT NULL;

ALTER TABLE sites ADD COLUMN removed_at TEXT NULL;

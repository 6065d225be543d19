-- Two more settings a station chief sets (/staff/station): the longest a family waits at the collection point between
-- its files being done and its van home (until now a fixed 60 minutes of the planner; every station starts at the new
-- default of 30, a chief may set 10 to 120), and the number families call when no slot fits or a change is refused
-- (national form, 0 + 9 digits; NULL = none given, and the booking pages show no number).
ALTER TABLE stations ADD COLUMN max_return_wait_minutes INTEGER NOT NULL DEFAULT 30
    CHECK (max_return_wait_minutes BETWEEN 10 AND 120);

ALTER TABLE stations ADD COLUMN phone TEXT NULL;

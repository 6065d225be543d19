-- Re-plan requests (issue 15): a station's period (a day of pickups, a week of mobile-team visits) whose plan should
-- be made again because something it was planned from changed (a booking cancelled, the station's settings). One row
-- per station, kind and period: further changes coalesce into it (token = the latest change, due_at pushed back by
-- each change, but no further than a limit after requested_at), and the re-plan job deletes it once it has planned its
-- latest change. The durable half of the job: every row is handed to the job queue again at start-up, so a restart
-- loses nothing whatever the job storage. claimed_* is the lease of the job run planning it (claimed_version: the
-- period's newest plan version when it began, so a run retried after a crash sees whether a plan was already saved).
-- Reasons are codes ("booking.cancelled"), never anything about a family. Instants are TEXT ISO-8601 UTC ('...Z').
CREATE TABLE replan_requests (
    id INTEGER PRIMARY KEY,
    station_id INTEGER NOT NULL REFERENCES stations (id),
    kind TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    reasons TEXT NOT NULL,
    changes INTEGER NOT NULL,
    token TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    claimed_token TEXT NULL,
    claimed_until TEXT NULL,
    claimed_version INTEGER NULL
);

CREATE UNIQUE INDEX ux_replan_requests_period ON replan_requests (station_id, kind, period_start, period_end);

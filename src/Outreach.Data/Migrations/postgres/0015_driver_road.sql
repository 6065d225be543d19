-- The driver on the road (issue 17).
--
-- Check-offs: the driver or team lead, holding the sheet's signed link, marks a stop as
-- picked up, no-show, dropped or visited, and the dispatcher's day page shows it. One row per stop of a plan version;
-- a stop is named by its first plan row (the sheet merges consecutive rows at one place into one numbered stop), so
-- the row goes with its plan. A second check-off of the same stop replaces the first (the driver corrects a tap).
-- Only a status and a time: nothing about the families, so the retention job has nothing to remove here.
CREATE TABLE stop_checkoffs (
    plan_stop_id bigint PRIMARY KEY REFERENCES plan_stops (id) ON DELETE CASCADE,
    plan_id bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    status text NOT NULL,
    checked_at timestamptz NOT NULL
);

CREATE INDEX ix_stop_checkoffs_plan ON stop_checkoffs (plan_id);

-- Short links for drivers (issue 17): one message per van and day carries "/d/{code}" instead of one message per trip
-- with a 200-character signed link. The code is random (12 characters of 31, about 59 bits), unique per plan version, van
-- and day, and opens that day's list of trips, each on its own signed sheet link. Expires with the trips' links.
CREATE TABLE driver_day_links (
    code text PRIMARY KEY,
    plan_id bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    resource_kind text NOT NULL,
    resource_id bigint NOT NULL,
    date date NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE UNIQUE INDEX ux_driver_day_links_day ON driver_day_links (plan_id, resource_kind, resource_id, date);

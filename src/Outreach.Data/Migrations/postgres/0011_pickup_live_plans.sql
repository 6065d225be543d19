-- The day's live pickup plan (issue 13): the plan every confirmed booking of a station's day was accepted into,
-- written in the same transaction as the booking that changed it, and read by the next request as the plan to insert
-- into. Trips, stops and times per booking id (home pins of families booked at home included, so the retention job
-- deletes it with the day's personal data).
CREATE TABLE pickup_live_plans (
    station_id bigint NOT NULL REFERENCES stations (id),
    date date NOT NULL,
    version integer NOT NULL,
    content text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (station_id, date)
);

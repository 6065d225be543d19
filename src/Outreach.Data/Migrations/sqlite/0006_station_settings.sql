-- The two pickup limits a station chief sets (/staff/station), until now fixed defaults of the planner:
-- trips one van makes in a day, and families (bookings) one van fetches on one trip. Existing stations keep the
-- defaults they were planned with (3 and 6).
ALTER TABLE stations ADD COLUMN max_trips_per_van INTEGER NOT NULL DEFAULT 3
    CHECK (max_trips_per_van BETWEEN 1 AND 8);

ALTER TABLE stations ADD COLUMN max_bookings_per_trip INTEGER NOT NULL DEFAULT 6
    CHECK (max_bookings_per_trip BETWEEN 1 AND 16);

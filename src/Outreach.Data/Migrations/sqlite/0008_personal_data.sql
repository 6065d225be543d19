-- Personal data (Decree 13/2023/ND-CP): who viewed or changed a family's data, and bookings made anonymous.
-- Instants are TEXT ISO-8601 UTC ('...Z').
--
-- audit_log holds one row per event (a page view, a change, an export, a message sent, a retention run) and never the
-- personal data itself: who (a staff account, a family that proved code + phone, a driver's link, a system job), what
-- they did, on which page or data, the station, and in audit_log_bookings the codes of the bookings concerned. A change
-- writes its row in the same transaction as the change.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_user_id INTEGER NULL,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    station_id INTEGER NULL,
    booking_count INTEGER NOT NULL DEFAULT 0 CHECK (booking_count >= 0),
    detail TEXT NULL
);

CREATE INDEX ix_audit_log_station ON audit_log (station_id, id);
CREATE INDEX ix_audit_log_at ON audit_log (at);

CREATE TABLE audit_log_bookings (
    audit_id INTEGER NOT NULL REFERENCES audit_log (id) ON DELETE CASCADE,
    booking_code TEXT NOT NULL,
    PRIMARY KEY (audit_id, booking_code)
);

CREATE INDEX ix_audit_log_bookings_code ON audit_log_bookings (booking_code);

-- When a booking's name, phone, address note and home pin were removed (retention job, or the family's own request);
-- NULL while they are held. Counts, needs, day, slot and status stay for statistics.
ALTER TABLE bookings ADD COLUMN anonymised_at TEXT NULL;

CREATE INDEX ix_bookings_not_anonymised_date ON bookings (date) WHERE anonymised_at IS NULL;

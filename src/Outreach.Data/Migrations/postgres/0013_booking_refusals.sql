-- Booking requests refused, counted per station, day, reason and channel, so the chief sees on the pickup day page
-- why families were turned away (and adds a van or a desk). Only counts: no name, phone, code or place of any family,
-- so the retention job keeps them. The reason is a code ("Slot.SeatsFull", "Plan.TripFull"); the channel is "family"
-- (the booking pages), "move" (a family moving its booking) or "phone-in" (staff entering a phoned booking).
CREATE TABLE booking_refusals (
    station_id bigint NOT NULL REFERENCES stations (id),
    date date NOT NULL,
    reason text NOT NULL,
    channel text NOT NULL,
    count integer NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (station_id, date, reason, channel)
);

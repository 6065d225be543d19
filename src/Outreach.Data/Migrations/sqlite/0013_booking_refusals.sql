-- Booking requests refused, counted per station, day, reason and channel, so the chief sees on the pickup day page
-- why families were turned away (and adds a van or a desk). Only counts: no name, phone, code or place of any family,
-- so the retention job keeps them. The reason is a code ("Slot.SeatsFull", "Plan.TripFull"); the channel is "family"
-- (the booking pages), "move" (a family moving its booking) or "phone-in" (staff entering a phoned booking).
CREATE TABLE booking_refusals (
    station_id INTEGER NOT NULL REFERENCES stations (id),
    date TEXT NOT NULL,
    reason TEXT NOT NULL,
    channel TEXT NOT NULL,
    count INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (station_id, date, reason, channel)
);

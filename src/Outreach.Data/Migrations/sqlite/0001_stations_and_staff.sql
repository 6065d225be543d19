-- Stations (police units with a collection point) and staff accounts.
-- Dates are TEXT 'yyyy-MM-dd', times TEXT 'HH:mm:ss', instants TEXT ISO-8601 UTC ('...Z').

CREATE TABLE stations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    old_unit_code TEXT NULL,
    old_unit_name TEXT NULL,
    new_unit_code TEXT NULL,
    new_unit_name TEXT NULL,
    collection_point_name TEXT NOT NULL,
    collection_point_longitude REAL NOT NULL,
    collection_point_latitude REAL NOT NULL,
    collection_point_address TEXT NULL,
    desk_count INTEGER NOT NULL CHECK (desk_count >= 1),
    files_per_desk_per_hour INTEGER NOT NULL CHECK (files_per_desk_per_hour >= 1),
    max_ride_minutes INTEGER NOT NULL DEFAULT 45 CHECK (max_ride_minutes >= 1),
    booking_slot_minutes INTEGER NOT NULL DEFAULT 60 CHECK (booking_slot_minutes >= 1),
    map_area_key TEXT NULL
);

CREATE UNIQUE INDEX ux_stations_name ON stations (name);

CREATE TABLE station_opening_hours (
    id INTEGER PRIMARY KEY,
    station_id INTEGER NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    day_of_week INTEGER NOT NULL CHECK (day_of_week BETWEEN 0 AND 6),
    opens TEXT NOT NULL,
    closes TEXT NOT NULL,
    CHECK (closes > opens)
);

CREATE INDEX ix_station_opening_hours_station ON station_opening_hours (station_id);

CREATE TABLE staff_users (
    id INTEGER PRIMARY KEY,
    user_name TEXT NOT NULL,
    normalized_user_name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    station_id INTEGER NULL REFERENCES stations (id),
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    lockout_end TEXT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_staff_users_normalized_user_name ON staff_users (normalized_user_name);

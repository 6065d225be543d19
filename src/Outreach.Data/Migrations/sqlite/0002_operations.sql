-- Dates are TEXT 'yyyy-MM-dd', times TEXT 'HH:mm:ss', instants TEXT ISO-8601 UTC ('...Z'),
-- so text comparison orders them correctly.
-- Everything planned around a station: sites, fleet, officers, bookings, visit requests,
-- calendar, weather and plan versions with their assignments.

CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    station_id INTEGER NOT NULL REFERENCES stations (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    latitude REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    unit_code TEXT NULL,
    is_illustrative_position INTEGER NOT NULL DEFAULT 0,
    note TEXT NULL
);

CREATE INDEX ix_sites_station ON sites (station_id);

CREATE TABLE vehicles (
    id INTEGER PRIMARY KEY,
    home_station_id INTEGER NOT NULL REFERENCES stations (id),
    name TEXT NOT NULL,
    plate TEXT NULL,
    seat_count INTEGER NOT NULL CHECK (seat_count >= 1),
    wheelchair_places INTEGER NOT NULL DEFAULT 0 CHECK (wheelchair_places >= 0),
    child_seat_count INTEGER NOT NULL DEFAULT 0 CHECK (child_seat_count >= 0),
    profile TEXT NOT NULL
);

CREATE INDEX ix_vehicles_station ON vehicles (home_station_id);

CREATE TABLE officers (
    id INTEGER PRIMARY KEY,
    station_id INTEGER NOT NULL REFERENCES stations (id),
    name TEXT NOT NULL,
    skills INTEGER NOT NULL,
    contract_hours_per_week INTEGER NOT NULL CHECK (contract_hours_per_week >= 0),
    phone TEXT NULL
);

CREATE INDEX ix_officers_station ON officers (station_id);

CREATE TABLE officer_leave (
    id INTEGER PRIMARY KEY,
    officer_id INTEGER NOT NULL REFERENCES officers (id) ON DELETE CASCADE,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    reason TEXT NULL,
    CHECK (last_day >= first_day)
);

CREATE INDEX ix_officer_leave_officer ON officer_leave (officer_id);

CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    home_station_id INTEGER NOT NULL REFERENCES stations (id),
    name TEXT NOT NULL,
    vehicle_id INTEGER NULL REFERENCES vehicles (id) ON DELETE SET NULL,
    profile TEXT NOT NULL,
    kit_count INTEGER NOT NULL CHECK (kit_count >= 0),
    work_start TEXT NOT NULL,
    work_end TEXT NOT NULL,
    max_evening_hours_per_week INTEGER NOT NULL CHECK (max_evening_hours_per_week >= 0),
    max_holiday_hours_per_week INTEGER NOT NULL CHECK (max_holiday_hours_per_week >= 0),
    CHECK (work_end > work_start)
);

CREATE INDEX ix_teams_station ON teams (home_station_id);

CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    officer_id INTEGER NOT NULL REFERENCES officers (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (team_id, officer_id)
);

CREATE TABLE bookings (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    station_id INTEGER NOT NULL REFERENCES stations (id),
    pickup_site_id INTEGER NULL REFERENCES sites (id),
    pickup_longitude REAL NULL,
    pickup_latitude REAL NULL,
    address_note TEXT NULL,
    child_count INTEGER NOT NULL CHECK (child_count >= 1),
    guardian_count INTEGER NOT NULL CHECK (guardian_count >= 1),
    needs INTEGER NOT NULL DEFAULT 0,
    date TEXT NOT NULL,
    slot_start TEXT NOT NULL,
    contact_first_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    preferred_language TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (pickup_site_id IS NOT NULL OR (pickup_longitude IS NOT NULL AND pickup_latitude IS NOT NULL))
);

CREATE UNIQUE INDEX ux_bookings_code ON bookings (code);
CREATE INDEX ix_bookings_station_date_slot ON bookings (station_id, date, slot_start);

CREATE TABLE visit_requests (
    id INTEGER PRIMARY KEY,
    station_id INTEGER NOT NULL REFERENCES stations (id),
    site_id INTEGER NOT NULL REFERENCES sites (id),
    setup_minutes INTEGER NOT NULL CHECK (setup_minutes >= 0),
    required_presence INTEGER NOT NULL DEFAULT 0,
    priority INTEGER NOT NULL,
    deadline TEXT NULL,
    expected_failure_share REAL NOT NULL CHECK (expected_failure_share >= 0 AND expected_failure_share <= 1),
    status TEXT NOT NULL,
    note TEXT NULL
);

CREATE INDEX ix_visit_requests_station ON visit_requests (station_id);

CREATE TABLE visit_request_applicants (
    visit_request_id INTEGER NOT NULL REFERENCES visit_requests (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    applicant_count INTEGER NOT NULL CHECK (applicant_count >= 0),
    capture_minutes_override INTEGER NULL CHECK (capture_minutes_override >= 1),
    PRIMARY KEY (visit_request_id, category)
);

CREATE TABLE visit_request_windows (
    id INTEGER PRIMARY KEY,
    visit_request_id INTEGER NOT NULL REFERENCES visit_requests (id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    window_start TEXT NOT NULL,
    window_end TEXT NOT NULL,
    CHECK (window_end > window_start)
);

CREATE INDEX ix_visit_request_windows_request ON visit_request_windows (visit_request_id);

CREATE TABLE holidays (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    source TEXT NULL
);

CREATE UNIQUE INDEX ux_holidays_date ON holidays (date);

CREATE TABLE shift_demands (
    id INTEGER PRIMARY KEY,
    station_id INTEGER NOT NULL REFERENCES stations (id),
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes >= 1),
    kind TEXT NOT NULL,
    required_skills INTEGER NOT NULL DEFAULT 0,
    officer_count INTEGER NOT NULL CHECK (officer_count >= 1),
    note TEXT NULL
);

CREATE INDEX ix_shift_demands_station_date ON shift_demands (station_id, date);

-- Areas and closures are JSON documents: they are read and written whole, never queried inside.
CREATE TABLE weather_states (
    id INTEGER PRIMARY KEY,
    station_id INTEGER NOT NULL REFERENCES stations (id),
    date TEXT NOT NULL,
    rain_areas TEXT NOT NULL,
    flood_areas TEXT NOT NULL,
    closures TEXT NOT NULL,
    observed_at TEXT NOT NULL,
    source TEXT NULL
);

CREATE UNIQUE INDEX ux_weather_states_station_date ON weather_states (station_id, date);

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    station_id INTEGER NOT NULL REFERENCES stations (id),
    kind TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    published_at TEXT NULL,
    created_by TEXT NOT NULL,
    CHECK (period_end >= period_start)
);

CREATE UNIQUE INDEX ux_plans_version ON plans (station_id, kind, period_start, period_end, version);

CREATE TABLE plan_stops (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    resource_kind TEXT NOT NULL,
    resource_id INTEGER NOT NULL,
    date TEXT NOT NULL,
    trip_number INTEGER NOT NULL CHECK (trip_number >= 0),
    sequence INTEGER NOT NULL CHECK (sequence >= 0),
    kind TEXT NOT NULL,
    site_id INTEGER NULL REFERENCES sites (id),
    booking_id INTEGER NULL REFERENCES bookings (id),
    visit_request_id INTEGER NULL REFERENCES visit_requests (id),
    arrival TEXT NOT NULL,
    departure TEXT NOT NULL,
    load_after_stop_seats INTEGER NOT NULL CHECK (load_after_stop_seats >= 0),
    boarding_count INTEGER NOT NULL CHECK (boarding_count >= 0),
    alighting_count INTEGER NOT NULL CHECK (alighting_count >= 0),
    served_count INTEGER NOT NULL CHECK (served_count >= 0),
    CHECK (departure >= arrival)
);

CREATE UNIQUE INDEX ux_plan_stops_position ON plan_stops (plan_id, resource_kind, resource_id, date, trip_number, sequence);

CREATE TABLE plan_shift_assignments (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    shift_demand_id INTEGER NOT NULL REFERENCES shift_demands (id),
    officer_id INTEGER NOT NULL REFERENCES officers (id)
);

CREATE UNIQUE INDEX ux_plan_shift_assignments ON plan_shift_assignments (plan_id, shift_demand_id, officer_id);

CREATE TABLE plan_unserved (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    item_kind TEXT NOT NULL,
    item_id INTEGER NOT NULL,
    reason_code TEXT NOT NULL,
    reason_vi TEXT NOT NULL,
    reason_en TEXT NOT NULL
);

CREATE INDEX ix_plan_unserved_plan ON plan_unserved (plan_id);

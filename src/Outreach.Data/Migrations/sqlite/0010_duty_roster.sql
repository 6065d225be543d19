-- Duty rosters (issue 16): a Shifts plan version holds one row per officer and working day (a day without a row is
-- off), the version's figures (cost by component, CP-SAT's bound) and the blocks it leaves short with their reason.
CREATE TABLE roster_shifts (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    officer_id INTEGER NOT NULL REFERENCES officers (id),
    date TEXT NOT NULL,
    shift_type TEXT NOT NULL,
    start_minute INTEGER NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
    minutes INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
    kind TEXT NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    team_id INTEGER NULL,
    vehicle_id INTEGER NULL,
    duty_vi TEXT NULL,
    duty_en TEXT NULL
);

CREATE UNIQUE INDEX ux_roster_shifts_plan_officer_date ON roster_shifts (plan_id, officer_id, date);

CREATE TABLE roster_figures (
    plan_id INTEGER PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    holiday_uplift_percent INTEGER NOT NULL CHECK (holiday_uplift_percent >= 0),
    status TEXT NOT NULL,
    cost_total INTEGER NOT NULL,
    cost_short INTEGER NOT NULL,
    cost_over INTEGER NOT NULL,
    cost_requests INTEGER NOT NULL,
    cost_evening_fairness INTEGER NOT NULL,
    cost_holiday_fairness INTEGER NOT NULL,
    bound INTEGER NULL,
    seconds REAL NOT NULL
);

CREATE TABLE roster_gaps (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    skill TEXT NULL,
    required INTEGER NOT NULL,
    staffed INTEGER NOT NULL,
    reason_vi TEXT NOT NULL,
    reason_en TEXT NOT NULL
);

CREATE INDEX ix_roster_gaps_plan ON roster_gaps (plan_id);

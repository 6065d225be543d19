-- Living plans (issue 15): how far (minutes) a background re-plan of a published day may move a pickup time families
-- were told and still publish by itself; beyond it, or with a family left out, the new version waits for the chief.
-- 0 = every re-plan waits for the chief; at most an hour. Every station starts at 10 minutes.
ALTER TABLE stations ADD COLUMN replan_tolerance_minutes INTEGER NOT NULL DEFAULT 10
    CHECK (replan_tolerance_minutes BETWEEN 0 AND 60);

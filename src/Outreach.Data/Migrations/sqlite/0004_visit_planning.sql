-- Mobile-team week plans (issue 6). A team's visit stop may be a repeat visit for the expected failed
-- captures of earlier visits of the same visit request, and records how many people of each applicant
-- category it captures, so a published itinerary keeps its figures even if the request is edited later.
ALTER TABLE plan_stops ADD COLUMN is_repeat_visit INTEGER NOT NULL DEFAULT 0;

-- "Age14Plus=3;Elderly=1": non-zero applicant categories by name; NULL for stops that capture nobody.
ALTER TABLE plan_stops ADD COLUMN served_by_category TEXT NULL;

-- When service starts at the stop: for a team, capture after set-up and any wait for people; NULL = on arrival.
ALTER TABLE plan_stops ADD COLUMN service_start TEXT NULL;

-- Who agreed a visit request's windows and is told the visit time when the plan is published (a village head,
-- a relative, the centre's staff): a role or given name and a phone in national form (0 + 9 digits).
ALTER TABLE visit_requests ADD COLUMN contact_name TEXT NULL;

ALTER TABLE visit_requests ADD COLUMN contact_phone TEXT NULL;

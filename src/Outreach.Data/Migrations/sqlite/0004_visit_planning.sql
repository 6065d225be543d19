-- Mobile-team week plans (issue 6). A team's visit stop may be a repeat visit for the expected failed
-- captures of earlier visits of the same visit request, and records how many people of each applicant
-- category it captures, so a published itinerary keeps its figures even if the request is edited later.
ALTER TABLE plan_stops ADD COLUMN is_repeat_visit INTEGER NOT NULL DEFAULT 0;

-- "Age14Plus=3;Elderly=1": non-zero applicant categories by name; NULL for stops that capture nobody.
ALTER TABLE plan_stops ADD COLUMN served_by_category TEXT NULL;

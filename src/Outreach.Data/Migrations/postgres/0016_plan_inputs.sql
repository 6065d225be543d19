-- Stable re-plans (issue 15).
--
-- inputs: a fingerprint of everything the planner read for this version (bookings, vans, teams, settings, sites,
-- travel times with the day's weather, the published version it kept). A re-plan whose inputs have the same
-- fingerprint as the newest version's changes nothing: no new version, nothing to publish, no message. NULL for
-- versions stored before this column, and for plans whose kind keeps none.
-- reasons: why this version was made, as the re-plan request's reason codes ("booking.cancelled,weather.changed:…");
-- NULL for a plan a chief asked for by hand. The board shows them beside the version's differences.
ALTER TABLE plans ADD COLUMN inputs TEXT NULL;

ALTER TABLE plans ADD COLUMN reasons TEXT NULL;

-- Which station a queued message belongs to, so the staff outbox page shows each station only its own
-- messages (NULL for messages queued before this column existed: shown to administrators only).
ALTER TABLE notification_outbox ADD COLUMN station_id INTEGER NULL REFERENCES stations (id);

CREATE INDEX ix_notification_outbox_station_status ON notification_outbox (station_id, status, due_at);

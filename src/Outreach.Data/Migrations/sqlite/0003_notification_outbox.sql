-- Messages to families, village heads and drivers, queued in the same transaction that decides them
-- (e.g. publishing a plan) and sent later by a job. Instants are TEXT ISO-8601 UTC ('...Z').

CREATE TABLE notification_outbox (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    template_key TEXT NOT NULL,
    language TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    deduplication_key TEXT NOT NULL,
    due_at TEXT NOT NULL,
    status TEXT NOT NULL,
    attempt_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    sent_at TEXT NULL,
    last_error TEXT NULL
);

CREATE UNIQUE INDEX ux_notification_outbox_deduplication_key ON notification_outbox (deduplication_key);
CREATE INDEX ix_notification_outbox_status_due ON notification_outbox (status, due_at);

-- Delivery of alerts to people (domain §8): one row per message due to one target (a webhook URL or an
-- e-mail address) for one change of one incident. The idempotency key makes the Kafka topic's at-least-once
-- delivery harmless (a redelivered change inserts nothing) and is sent with the message, so a receiver can
-- drop a retry it already has. An escalation within the quiet period of the incident's last message to the
-- same target is recorded as suppressed: one incident is one message.
CREATE TABLE alert_notifications (
    notification_id bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key text        NOT NULL UNIQUE,
    alert_id        text        NOT NULL,
    transition      text        NOT NULL CHECK (transition IN ('open', 'escalated')),
    channel         text        NOT NULL CHECK (channel IN ('webhook', 'email')),
    target          text        NOT NULL,
    payload         text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'suppressed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);

CREATE INDEX alert_notifications_due ON alert_notifications (next_attempt_at) WHERE state = 'pending';
CREATE INDEX alert_notifications_by_alert ON alert_notifications (alert_id, channel, target, created_at DESC);

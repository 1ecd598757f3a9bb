-- Weekly report subscriptions (issue 14 §5): a dashboards user gets the weekly report of an office or a region, in
-- their language, by e-mail, as a PDF. One row per (subscription, ISO week) in weekly_report_sends makes a week one
-- e-mail per subscription whatever restarts or how many servers run; the delivery retries with back-off and keeps
-- the outcome. Access is checked again when a report is sent (an account re-scoped since is not sent the old place).
CREATE TABLE weekly_report_subscriptions (
    subscription_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username        text NOT NULL CHECK (username ~ '^[A-Za-z0-9._-]{1,64}$'),
    email           text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
    scope_level     text NOT NULL CHECK (scope_level IN ('office', 'region')),
    scope_code      text NOT NULL CHECK (scope_code ~ '^[A-Za-z0-9_-]{1,64}$'),
    language        text NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'en')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (username, scope_level, scope_code)
);

CREATE TABLE weekly_report_sends (
    subscription_id bigint NOT NULL REFERENCES weekly_report_subscriptions (subscription_id) ON DELETE CASCADE,
    week            text NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'refused')),
    attempts        int  NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    queued_at       timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    PRIMARY KEY (subscription_id, week)
);
CREATE INDEX weekly_report_sends_due ON weekly_report_sends (next_attempt_at) WHERE state = 'pending';

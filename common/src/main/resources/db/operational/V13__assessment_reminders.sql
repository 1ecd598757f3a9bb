-- Reminders to 360 raters who have not submitted every target yet (issue 12 §3): one row per session, rater and
-- round — 'before-P3D' (the lead time before the deadline, from the dashboards' setting) or 'manual-<epoch s>' (an
-- administrator's "remind now"). The primary key makes a round one e-mail per rater whatever restarts or how many
-- servers run; the delivery retries with back-off and keeps the outcome.
CREATE TABLE assessment_reminders (
    session_id      text NOT NULL REFERENCES assessment_sessions (session_id) ON DELETE CASCADE,
    rater_id        text NOT NULL REFERENCES org_employees (employee_id),
    round           text NOT NULL CHECK (round ~ '^(before-P[0-9A-Z]+|manual-[0-9]+)$'),
    email           text NOT NULL,
    pending_targets int  NOT NULL CHECK (pending_targets > 0),
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'refused')),
    attempts        int  NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    queued_at       timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    PRIMARY KEY (session_id, rater_id, round)
);
CREATE INDEX assessment_reminders_due ON assessment_reminders (next_attempt_at) WHERE state = 'pending';

-- Who closed a session: a person (their username) or the deadline ('deadline').
ALTER TABLE assessment_sessions ADD COLUMN closed_by text;

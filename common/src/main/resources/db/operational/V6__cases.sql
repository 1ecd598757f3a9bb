-- The case queue (domain §8: negative feedback is a resource, not a reason to punish). A case opens for
-- every counted response with a comment and a low score (Kafka topic feedback.negative, from the streaming
-- job) and for every drop alert (topic alerts). The office head (or the regional manager) records the
-- cause, from the weighted catalogue, and the corrective action; the loop closes when a follow-up is
-- recorded. source_key makes the topics' at-least-once delivery harmless: a redelivered event opens nothing.

-- The catalogue of causes, written from the setting OTKLIK_CASE_CAUSES when the dashboards start. A cause
-- removed from the setting is kept inactive: old cases still name it. weight: how much one case of this
-- cause counts in the cause statistics (a cause the office controls weighs more than one it cannot).
CREATE TABLE case_causes (
    code     text          PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
    title_ru text          NOT NULL CHECK (length(title_ru) BETWEEN 1 AND 200),
    title_en text          NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
    weight   numeric(6, 2) NOT NULL CHECK (weight > 0),
    position integer       NOT NULL,
    active   boolean       NOT NULL DEFAULT true
);

CREATE TABLE cases (
    case_id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_key     text        NOT NULL UNIQUE,  -- feedback:<response id> or alert:<alert id>
    kind           text        NOT NULL CHECK (kind IN ('feedback', 'drop_alert')),
    region_code    text        NOT NULL,
    office_code    text        NOT NULL,
    touchpoint_id  text,
    channel        text,
    survey_id      text,
    response_id    text,         -- feedback: the response; its comment stays in otklik.responses
    alert_id       text,         -- drop alert: the incident
    alert_type     text,
    low_items      text[]      NOT NULL DEFAULT '{}',
    occurred_at    timestamptz NOT NULL,  -- the response's client time, or when the alert opened
    opened_at      timestamptz NOT NULL DEFAULT now(),
    due_at         timestamptz NOT NULL,  -- the loop should be closed by then (OTKLIK_CASE_DUE_DAYS)
    status         text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'closed')),
    cause_code     text        REFERENCES case_causes (code),
    action         text        CHECK (length(action) BETWEEN 3 AND 2000),
    action_by      text,
    action_at      timestamptz,
    follow_up      text        CHECK (length(follow_up) BETWEEN 3 AND 2000),
    follow_up_by   text,
    closed_at      timestamptz,
    CHECK ((status = 'open') = (cause_code IS NULL)),
    CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);

CREATE INDEX cases_by_office ON cases (office_code, opened_at DESC);
CREATE INDEX cases_by_region ON cases (region_code, opened_at DESC);
CREATE INDEX cases_not_closed ON cases (due_at) WHERE status <> 'closed';

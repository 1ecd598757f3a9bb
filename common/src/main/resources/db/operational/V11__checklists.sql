-- Objective checklists (domain §6, issue 13): office staff fill in one checklist per indicator and reporting
-- period, with evidence per parameter; an expert (federal role) reviews every entry; an audit may find false data.
-- One row of checklist_periods per office and period carries the revision and the outbox mark: every change of the
-- period (a submission, a review, an audit) raises revision, and the relay publishes the period's whole state
-- (ObjectiveReport JSON) to Kafka topic checklists.reports until published_revision = revision.
CREATE TABLE checklist_periods (
    office_code        text NOT NULL CHECK (office_code ~ '^[A-Z]{2,4}-[0-9]{2}$'),
    period             text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
    region_code        text NOT NULL,
    revision           bigint NOT NULL DEFAULT 0,
    published_revision bigint NOT NULL DEFAULT 0,
    changed_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (office_code, period)
);
CREATE INDEX checklist_periods_unpublished ON checklist_periods (changed_at) WHERE published_revision < revision;

-- One checklist of one office and period. A draft is saved as often as staff like; submitting freezes it
-- (status submitted) and adds it to the published state. facts: the form's values as JSON (parameters implemented
-- or not, vacancies, comfort level, events), in the shape of ObjectiveReport.ChecklistFacts without reviews.
CREATE TABLE checklists (
    office_code  text NOT NULL,
    period       text NOT NULL,
    indicator    text NOT NULL,
    status       text NOT NULL CHECK (status IN ('draft', 'submitted')),
    facts        jsonb NOT NULL,
    filled_by    text NOT NULL,
    filled_at    timestamptz NOT NULL DEFAULT now(),
    submitted_by text,
    submitted_at timestamptz,
    PRIMARY KEY (office_code, period, indicator),
    FOREIGN KEY (office_code, period) REFERENCES checklist_periods (office_code, period)
);

-- One entry of a checklist: a parameter (entry = its code), the vacancy counts ('vacancies'), the comfort level
-- ('comfort') or an event ('event.<n>'), with its evidence: a link or an uploaded photo / screenshot (or both).
CREATE TABLE checklist_entries (
    office_code   text NOT NULL,
    period        text NOT NULL,
    indicator     text NOT NULL,
    entry         text NOT NULL,
    evidence_url  text CHECK (evidence_url IS NULL OR evidence_url ~ '^https?://'),
    evidence_file bigint,
    summary       text,
    PRIMARY KEY (office_code, period, indicator, entry),
    FOREIGN KEY (office_code, period, indicator) REFERENCES checklists (office_code, period, indicator)
        ON DELETE CASCADE
);

-- Uploaded evidence, kept here and never in ClickHouse: content type sniffed from the bytes (JPEG, PNG, WebP),
-- size limited by the dashboards' setting.
CREATE TABLE checklist_evidence (
    file_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    office_code  text NOT NULL,
    period       text NOT NULL,
    content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    size_bytes   int  NOT NULL CHECK (size_bytes > 0),
    sha256       text NOT NULL,
    bytes        bytea NOT NULL,
    uploaded_by  text NOT NULL,
    uploaded_at  timestamptz NOT NULL DEFAULT now()
);

-- The expert's decision per entry of a submitted checklist, with the comment; the newest row per entry decides,
-- earlier ones are kept (who changed their mind and why).
CREATE TABLE checklist_reviews (
    review_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    office_code text NOT NULL,
    period      text NOT NULL,
    indicator   text NOT NULL,
    entry       text NOT NULL,
    decision    text NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    comment     text NOT NULL DEFAULT '',
    reviewed_by text NOT NULL,
    reviewed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX checklist_reviews_entry ON checklist_reviews (office_code, period, indicator, entry, review_id);

-- Audit findings of false data: an active finding zeroes all the office's points of the period (the submitted
-- values stay); a finding can be withdrawn (withdrawn_* set), never deleted.
CREATE TABLE checklist_audits (
    audit_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    office_code  text NOT NULL,
    period       text NOT NULL,
    reason       text NOT NULL CHECK (length(reason) > 0),
    found_by     text NOT NULL,
    found_at     timestamptz NOT NULL DEFAULT now(),
    withdrawn_by text,
    withdrawn_at timestamptz,
    FOREIGN KEY (office_code, period) REFERENCES checklist_periods (office_code, period)
);

-- 360-degree assessment of employees (domain §5). The organisation structure, the competency models, the
-- sessions with their interaction matrices, and the raters' drafts and submissions. Names and e-mail
-- addresses live only here; events and ClickHouse carry an employee's pseudonym and a rater's key.

-- The organisation structure, imported from CSV or XLSX (all rows or none). employee_id is the HR's own id
-- (personnel number), pseudonym the opaque id used outside this store, stable across imports and sessions.
CREATE TABLE org_departments (
    department_id text PRIMARY KEY CHECK (length(department_id) BETWEEN 1 AND 100),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    parent_id     text REFERENCES org_departments (department_id),
    office_code   text
);

CREATE TABLE org_employees (
    employee_id   text PRIMARY KEY CHECK (length(employee_id) BETWEEN 1 AND 100),
    pseudonym     text NOT NULL UNIQUE,
    full_name     text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 300),
    email         text CHECK (email IS NULL OR length(email) BETWEEN 3 AND 320),
    position      text,
    department_id text NOT NULL REFERENCES org_departments (department_id),
    manager_id    text REFERENCES org_employees (employee_id) DEFERRABLE INITIALLY DEFERRED,
    active        boolean NOT NULL DEFAULT true,
    imported_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_employees_manager ON org_employees (manager_id);
CREATE INDEX org_employees_department ON org_employees (department_id);

-- Rater roles: the four built-in ones and custom ones, each with its anonymity thresholds.
CREATE TABLE assessment_roles (
    role_code           text PRIMARY KEY CHECK (role_code ~ '^[a-z][a-z0-9_-]{0,39}$' AND role_code <> 'others'),
    name_ru             text NOT NULL,
    name_en             text,
    anonymity_threshold int  NOT NULL CHECK (anonymity_threshold >= 1),
    comment_threshold   int  NOT NULL CHECK (comment_threshold >= 1),
    built_in            boolean NOT NULL DEFAULT false
);
INSERT INTO assessment_roles VALUES
    ('self', 'Самооценка', 'Self', 1, 1, true),
    ('manager', 'Руководитель', 'Manager', 1, 1, true),
    ('peer', 'Коллеги', 'Peers', 3, 3, true),
    ('subordinate', 'Подчинённые', 'Subordinates', 3, 3, true);

-- Competency models (CompetencyModel JSON). A version is immutable once a session uses it: an edit makes a
-- new version. model_version is what events carry.
CREATE TABLE assessment_models (
    model_version bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text   NOT NULL,
    definition    jsonb  NOT NULL,
    created_by    text   NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Sessions. assignments_version counts the changes of the matrix or the state after launch; published_version
-- is the outbox: the last version published to Kafka topic assessment.assignments.
CREATE TABLE assessment_sessions (
    session_id          text PRIMARY KEY CHECK (session_id ~ '^[A-Za-z0-9_-]{1,60}$'),
    name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    model_version       bigint NOT NULL REFERENCES assessment_models (model_version),
    anonymous           boolean NOT NULL DEFAULT true,
    starts_at           timestamptz,            -- delayed start: links work from then on
    deadline            timestamptz NOT NULL,
    status              text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'launched', 'closed')),
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    launched_at         timestamptz,
    closed_at           timestamptz,
    assignments_version bigint NOT NULL DEFAULT 0,
    published_version   bigint NOT NULL DEFAULT 0
);

-- The interaction matrix: who rates whom in which role (employee ids of this store).
CREATE TABLE assessment_matrix (
    session_id  text NOT NULL REFERENCES assessment_sessions (session_id) ON DELETE CASCADE,
    target_id   text NOT NULL REFERENCES org_employees (employee_id),
    rater_id    text NOT NULL REFERENCES org_employees (employee_id),
    role_code   text NOT NULL REFERENCES assessment_roles (role_code),
    added_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, target_id, rater_id),
    CHECK ((role_code = 'self') = (target_id = rater_id))
);

-- A target's matrix approved by a named person; a session launches only when every target's is.
CREATE TABLE assessment_matrix_approvals (
    session_id  text NOT NULL REFERENCES assessment_sessions (session_id) ON DELETE CASCADE,
    target_id   text NOT NULL REFERENCES org_employees (employee_id),
    approved_by text NOT NULL,
    approved_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, target_id)
);

-- Every change of an approved matrix: kept as history, never rewritten.
CREATE TABLE assessment_matrix_history (
    change_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id  text NOT NULL REFERENCES assessment_sessions (session_id) ON DELETE CASCADE,
    target_id   text NOT NULL,
    rater_id    text NOT NULL,
    change      text NOT NULL CHECK (change IN ('added', 'removed', 'role_changed')),
    role_code   text NOT NULL,
    changed_by  text NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);

-- One key per rater and session: it is what the rater's signed link carries and what events name.
CREATE TABLE assessment_raters (
    session_id     text NOT NULL REFERENCES assessment_sessions (session_id) ON DELETE CASCADE,
    rater_id       text NOT NULL REFERENCES org_employees (employee_id),
    rater_key      text NOT NULL UNIQUE,
    link_issued_at timestamptz NOT NULL DEFAULT now(),
    reminded_at    timestamptz,
    PRIMARY KEY (session_id, rater_id)
);

-- A half-filled form, kept until it is submitted (answers as JSON: indicator code → option code, comments).
CREATE TABLE assessment_drafts (
    rater_key  text NOT NULL REFERENCES assessment_raters (rater_key) ON DELETE CASCADE,
    target_id  text NOT NULL REFERENCES org_employees (employee_id),
    answers    jsonb NOT NULL,
    saved_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (rater_key, target_id)
);

-- Final submissions (RaterSubmission JSON), recorded after Kafka acknowledged them: one per rater and target.
CREATE TABLE assessment_submissions (
    rater_key     text NOT NULL REFERENCES assessment_raters (rater_key) ON DELETE CASCADE,
    target_id     text NOT NULL REFERENCES org_employees (employee_id),
    submission_id text NOT NULL UNIQUE,
    submission    jsonb NOT NULL,
    submitted_at  timestamptz NOT NULL,
    PRIMARY KEY (rater_key, target_id)
);

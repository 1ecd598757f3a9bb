-- Dashboard accounts (issue 14 §6), replacing the users file when the operational store is configured. At the
-- first start with an empty table the users file, if any, is imported once. session_epoch is part of every session
-- cookie: raising it (sign-out, disabling, a new password) ends every session of the account at once.
CREATE TABLE dashboard_accounts (
    username      text PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9._-]{1,64}$'),
    role          text NOT NULL CHECK (role IN ('office', 'region', 'federal', 'admin')),
    scope         text,
    salt          text NOT NULL,
    hash          text NOT NULL,
    iterations    int  NOT NULL CHECK (iterations > 0),
    disabled      boolean NOT NULL DEFAULT false,
    session_epoch int  NOT NULL DEFAULT 0,
    employee_id   text REFERENCES org_employees (employee_id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    updated_by    text NOT NULL,
    CHECK ((role IN ('federal', 'admin')) = (scope IS NULL))
);

-- Who changed what about an account, never rewritten (passwords and hashes are never written here).
CREATE TABLE dashboard_account_changes (
    change_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username   text NOT NULL,
    change     text NOT NULL,
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);

-- Respondents' optional e-mail addresses (ingest's questionnaire), personal data: kept here, apart from the
-- analytics path (never in Kafka or ClickHouse), linked to the response only by its id. One per response: a
-- retry of the same response keeps the first. Erasing a contact is a DELETE by response id or address.
CREATE TABLE respondent_contacts (
    response_id text        PRIMARY KEY,
    office_code text        NOT NULL,
    email       text        NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    saved_at    timestamptz NOT NULL
);

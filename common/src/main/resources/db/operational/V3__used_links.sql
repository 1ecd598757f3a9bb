-- Single-use survey links that have been spent, and by which response (ingest's questionnaire). The primary
-- key makes spending atomic across ingest instances: of two respondents sending the same link at once,
-- exactly one insert wins; the response id lets a retry of the winning response be told apart from a
-- second respondent.
CREATE TABLE used_links (
    link_id     text        PRIMARY KEY CHECK (length(link_id) BETWEEN 1 AND 200),
    response_id text        NOT NULL,
    used_at     timestamptz NOT NULL DEFAULT now()
);

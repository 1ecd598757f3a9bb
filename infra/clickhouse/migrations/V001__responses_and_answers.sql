-- Raw facts written by the streaming job. Every row has a deterministic key (the ORDER BY) and a
-- version; a replay writes the same rows again and ReplacingMergeTree keeps one per key.
-- Read current values with FINAL (or argMax by version). Times are UTC.

CREATE TABLE IF NOT EXISTS otklik.responses
(
    response_id        String,
    survey_id          String,
    survey_version     UInt16,
    audience           String,
    channel            String,
    mode               String,
    region_code        String,
    office_code        String,
    touchpoint_id      String,
    employee_id        String,
    client_ts          DateTime,
    received_ts        DateTime,
    event_date         Date DEFAULT toDate(client_ts),
    answer_count       UInt16,
    suppressed_presses UInt32,
    gender             String,
    age_band           String,
    category           String,
    ownership          String,
    org_size           String,
    traits             Array(String),
    comment            String,
    version            UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_date)
ORDER BY (region_code, office_code, response_id);

CREATE TABLE IF NOT EXISTS otklik.answers
(
    response_id    String,
    survey_id      String,
    survey_version UInt16,
    question_id    String,
    audience       String,
    channel        String,
    mode           String,
    region_code    String,
    office_code    String,
    touchpoint_id  String,
    employee_id    String,
    score          Nullable(Int16),
    choice         String,
    client_ts      DateTime,
    event_date     Date DEFAULT toDate(client_ts),
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_date)
ORDER BY (region_code, office_code, question_id, response_id);

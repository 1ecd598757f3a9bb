-- The clean variant of the rolling windows and the history: the same figures counted without the
-- responses under an open or confirmed fraud flag (domain §8), beside the raw ones, which never change
-- because of a flag. Sparse: a row exists only for an item that exclusions have touched; excluded is
-- how many answers (responses, in response_window_clean) were left out, and 0 means the clean figure is
-- the raw one again (a dismissal put the responses back, or they left the window): read the raw row then.

CREATE TABLE IF NOT EXISTS otklik.indicator_window_clean
(
    scope_level String,
    scope_code  String,
    audience    String,
    window      String,
    survey_id   String,
    question_id String,
    as_of       DateTime,
    n           UInt64,
    positive    UInt64,
    share       Float64,
    low         Float64,
    high        Float64,
    sufficient  UInt8,
    c0  UInt64, c1 UInt64, c2 UInt64, c3 UInt64, c4 UInt64, c5 UInt64,
    c6  UInt64, c7 UInt64, c8 UInt64, c9 UInt64, c10 UInt64,
    version     UInt64,
    excluded    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (scope_level, scope_code, audience, window, survey_id, question_id);

CREATE TABLE IF NOT EXISTS otklik.response_window_clean
(
    scope_level        String,
    scope_code         String,
    audience           String,
    window             String,
    survey_id          String,
    as_of              DateTime,
    responses          UInt64,
    suppressed_presses UInt64,
    version            UInt64,
    excluded           UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (scope_level, scope_code, audience, window, survey_id);

CREATE TABLE IF NOT EXISTS otklik.indicator_history_clean
(
    scope_level  String,
    scope_code   String,
    audience     String,
    granularity  String,
    bucket_start DateTime,
    survey_id    String,
    question_id  String,
    n            UInt64,
    positive     UInt64,
    c0  UInt64, c1 UInt64, c2 UInt64, c3 UInt64, c4 UInt64, c5 UInt64,
    c6  UInt64, c7 UInt64, c8 UInt64, c9 UInt64, c10 UInt64,
    version      UInt64,
    excluded     UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (scope_level, scope_code, audience, granularity, survey_id, question_id, bucket_start);

-- Hourly and daily history of every scored item per scope, written by the streaming job as the
-- buckets fill (late answers update their old bucket). Buckets are UTC (bucket_start is the start
-- of the UTC hour or day); the hour x weekday profile of an office is a query over the hourly rows
-- in the office's time zone. Same scopes and audiences as indicator_window; c0..c10 score counts;
-- version = answers counted in the bucket so far, so the latest row wins.

CREATE TABLE IF NOT EXISTS otklik.indicator_history
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
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (scope_level, scope_code, audience, granularity, survey_id, question_id, bucket_start);

-- Per-office aggregates in 1-minute event-time buckets, kept current by the streaming job.
-- c0..c10 count answers with that score, so every methodology formula (positive share 8-10,
-- kiosk satisfaction 3-4, NPS, CES, CSAT) is a sum over buckets. version = answers (or
-- responses) counted in the bucket so far: it only grows, so the latest row wins.

CREATE TABLE IF NOT EXISTS otklik.answer_minute
(
    region_code  String,
    office_code  String,
    survey_id    String,
    question_id  String,
    audience     String,
    channel      String,
    bucket_start DateTime,
    answered     UInt32,
    c0  UInt32, c1 UInt32, c2 UInt32, c3 UInt32, c4 UInt32, c5 UInt32,
    c6  UInt32, c7 UInt32, c8 UInt32, c9 UInt32, c10 UInt32,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (region_code, office_code, survey_id, question_id, audience, channel, bucket_start);

CREATE TABLE IF NOT EXISTS otklik.response_minute
(
    region_code        String,
    office_code        String,
    survey_id          String,
    audience           String,
    channel            String,
    bucket_start       DateTime,
    responses          UInt32,
    suppressed_presses UInt32,
    version            UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (region_code, office_code, survey_id, audience, channel, bucket_start);

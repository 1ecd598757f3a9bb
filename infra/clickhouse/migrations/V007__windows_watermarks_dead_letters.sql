-- The streaming core of issue 10 and the hardening of issue 9.
--
-- responses.entry: the door of ingest a response came through (api, questionnaire, kiosk, paper,
-- rater; '' for rows written before it existed). Kiosk taps only come through signed kiosk batches.
--
-- response_window: responses (forms or taps) and suppressed kiosk presses per scope, audience, rolling
-- window and survey, as of the job's watermark, written by the same operator and at the same as_of
-- as indicator_window, so a dashboard never sums minute rows per request and never counts responses
-- against another clock than the indicators.
--
-- scope_watermark: the watermark each place (office, region, federal) was last written at. Every
-- window row of the place and of its breakdowns is current as of it: rows that did not change since
-- keep their older as_of but their values still hold. Dashboards show it as "figures as of".
--
-- stream_dead_letters: records of a Kafka topic the streaming job could not decode or that failed its
-- second check; the job keeps going. Keyed by (topic, partition, offset), so a replay writes the same
-- row (one partition only: ReplacingMergeTree folds duplicates within a partition, and no time of a
-- broken record is trustworthy enough to partition by). raw holds the record's bytes as they were (cut at 64 KiB; raw_size is the full length); read
-- them with hex(raw) when they are not text.

ALTER TABLE otklik.responses ADD COLUMN entry String AFTER fill_ms;

CREATE TABLE IF NOT EXISTS otklik.response_window
(
    scope_level        String,
    scope_code         String,
    audience           String,
    window             String,
    survey_id          String,
    as_of              DateTime,
    responses          UInt64,
    suppressed_presses UInt64,
    version            UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (scope_level, scope_code, audience, window, survey_id);

CREATE TABLE IF NOT EXISTS otklik.scope_watermark
(
    scope_level String,
    scope_code  String,
    as_of       DateTime,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (scope_level, scope_code);

CREATE TABLE IF NOT EXISTS otklik.stream_dead_letters
(
    topic       String,
    partition   UInt32,
    offset      UInt64,
    kafka_ts    DateTime,
    seen_at     DateTime,
    reason      String,
    detail      String,
    raw         String,
    raw_size    UInt32,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (topic, partition, offset);

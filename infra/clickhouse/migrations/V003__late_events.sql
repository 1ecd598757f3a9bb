-- Events older than the streaming job's late horizon (default 7 days behind the watermark) are
-- not folded into the aggregates; they are kept here with the reason, never silently dropped.

CREATE TABLE IF NOT EXISTS otklik.late_events
(
    response_id  String,
    survey_id    String,
    region_code  String,
    office_code  String,
    channel      String,
    client_ts    DateTime,
    received_ts  DateTime,
    watermark_ts DateTime,
    reason       String,
    payload      String,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(received_ts)
ORDER BY (region_code, office_code, response_id);

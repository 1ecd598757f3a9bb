-- Anomaly flags and drop alerts (issue 11): one row per incident, rewritten under the same alert_id
-- when it escalates and when it closes (ReplacingMergeTree keeps the row of the highest version, the
-- time of its last writing). alert_id is made of the type, the scope and the response at which the
-- incident opened, so a replay of the topic rewrites the same incidents. Flags never delete: the
-- responses named in response_ids stay in the raw tables. Read the current state with FINAL (or
-- argMax(..., version) GROUP BY alert_id).
--
-- alert_type: drop_kiosk (kiosk satisfaction of an office fell below its own baseline: Bernoulli CUSUM),
--             drop_forms (the questionnaires' positive share fell likewise).
-- severity:   warning (opened), critical (escalated: the evidence reached twice the limit).
-- status:     open, escalated, closed (closed_ts set: the office recovered).

CREATE TABLE IF NOT EXISTS otklik.alerts
(
    alert_id     String,
    alert_type   String,
    severity     String,
    status       String,
    region_code  String,
    office_code  String,
    scope_id     String,
    started_ts   DateTime,
    opened_ts    DateTime,
    updated_ts   DateTime,
    closed_ts    Nullable(DateTime),
    observed     UInt64,
    flagged      UInt64,
    baseline     Float64,
    alarm_level  Float64,
    statistic    Float64,
    threshold    Float64,
    response_ids Array(String),
    detail       String,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(opened_ts)
ORDER BY alert_id;

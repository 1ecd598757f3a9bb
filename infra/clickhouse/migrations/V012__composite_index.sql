-- The composite client-centricity index (domain §7, issue 13), computed by the streaming job from the responses
-- (subjective indicators, clean: flagged responses excluded), Kafka topic checklists.reports (objective
-- indicators) and Kafka topic methodology.versions, for every methodology version in force for a period, per
-- period of the version (default quarter, in the offices' local dates), live for the current one. A row is written
-- with the version that produced it: a new version adds rows under its own methodology_version and never touches
-- an older version's. ReplacingMergeTree rewritten under the same key as figures move: read with FINAL (or argMax(...,
-- version) GROUP BY the key); version is derived from what was counted, so a replay writes the same final rows.
--
--   scope_level      office | managing (a managing office with the offices it manages) | region | federal
--   scope_code       office code, managing office code, region code, 'RU'
--   component_level  index (component '') | group (component = group code) | indicator (component = indicator code,
--                    s.<question> subjective, o.<checklist> objective; group_code = its group)
--   has_value/value  0-1; has_value 0 when nothing can be said (status says why)
--   status           ok | insufficient_data | suspended | not_submitted | awaiting_review | zeroed_by_audit |
--                    no_baseline (indicators); ok | no_data (groups, index)
--   n                subjective: answers; objective: reporting offices; group: counted indicators; index: groups with
--                    a value (federal: regions with a value)
--   positive         subjective: positive answers (8-10)
--   points/max_points objective: points (mean over the reporting offices above office level) and the maximum
--   weight           group: its weight in the version's variant for the scope's region network
--   live             1 while the period is the current one
CREATE TABLE IF NOT EXISTS otklik.composite_index
(
    methodology_version UInt32,
    period              String,
    period_start        Date,
    scope_level         String,
    scope_code          String,
    region_code         String,
    component_level     String,
    component           String,
    group_code          String,
    kind                String,
    has_value           UInt8,
    value               Float64,
    status              String,
    n                   UInt64,
    positive            UInt64,
    points              Float64,
    max_points          Float64,
    weight              Float64,
    live                UInt8,
    updated_ts          DateTime,
    version             UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY methodology_version
ORDER BY (methodology_version, period, scope_level, scope_code, component_level, component);

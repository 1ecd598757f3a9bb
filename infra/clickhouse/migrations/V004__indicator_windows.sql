-- Rolling indicator values per scope (office, region, federal), audience (seeker, employer,
-- visitor, all), window (1h, 24h, 7d, 30d, quarter) and scored item, kept current by the
-- streaming job as of its watermark (as_of). share/low/high: favourable share with its 95% Wilson
-- interval (NaN when n = 0); sufficient: n >= the minimum sample. c0..c10: the score counts, from
-- which NPS and CES are computed. version grows with as_of and with the answers counted.

CREATE TABLE IF NOT EXISTS otklik.indicator_window
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
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (scope_level, scope_code, audience, window, survey_id, question_id);

-- 360-degree assessment (domain §5, issue 12): the streaming job's figures per session from Kafka topics
-- assessment.answers (raters' final submissions) and assessment.assignments (sessions and their interaction
-- matrices). Never a rater's key or name: counts, sums, comments without anything that links them to a rater.
-- Each table is a ReplacingMergeTree rewritten under the same key when its figures change: read it with FINAL
-- (or argMax(..., version) GROUP BY the key). version is derived from what was counted, so a replay of the
-- topics writes the same final rows. When a session's competency model version changes, the answers of the
-- former version are discarded and their rows rewritten with zeros (comments with an empty comment).

-- One row per session x target x competency x indicator x role group. indicator_code '' = the competency as a
-- whole. role_group = the raters' role code (self, manager, peer, subordinate, or a custom role).
--   raters                 raters who gave points (competency: raters with at least one counted indicator of it)
--   cannot_judge           answers "cannot judge", never counted elsewhere (competency: sum over its indicators)
--   points_sum             indicator: sum of points; competency: sum over raters of each rater's own average
--   distribution           indicator: answers per points value, index = points, length scale_max + 1;
--                          competency: empty
--   raters_above_strength  raters whose own average for the item is above 4.5 scaled by scale_max / 5
--   raters_below_need      raters whose own average for the item is below 4 scaled
--   updated_ts             epoch s of the latest submission counted
CREATE TABLE IF NOT EXISTS otklik.assessment_items
(
    session_id            String,
    target_id             String,
    competency_code       String,
    indicator_code        String,
    role_group            String,
    scale_max             UInt8,
    raters                UInt32,
    cannot_judge          UInt32,
    points_sum            Float64,
    distribution          Array(UInt32),
    raters_above_strength UInt32,
    raters_below_need     UInt32,
    updated_ts            UInt32,
    version               UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (session_id, target_id, competency_code, indicator_code, role_group);

-- Raters' comments per indicator. comment_id = hex prefix of sha-256(submission id + '\n' + indicator code): one
-- rater's comments cannot be linked to each other. submitted_date is the day only: a time could identify a rater.
-- comment '' = discarded (the session's model changed).
CREATE TABLE IF NOT EXISTS otklik.assessment_comments
(
    session_id      String,
    target_id       String,
    competency_code String,
    indicator_code  String,
    role_group      String,
    comment_id      String,
    comment         String,
    submitted_date  Date,
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (session_id, target_id, indicator_code, comment_id);

-- Completion per session (target_id ''), per target (role_group '') and per target x role group.
--   expected   assignments of the session's interaction matrix in the scope
--   submitted  counted submissions whose rater and target are among those assignments
--   status     launched or closed; deadline_ts epoch s (0: none)
CREATE TABLE IF NOT EXISTS otklik.assessment_completion
(
    session_id  String,
    target_id   String,
    role_group  String,
    expected    UInt32,
    submitted   UInt32,
    status      String,
    deadline_ts UInt32,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (session_id, target_id, role_group);

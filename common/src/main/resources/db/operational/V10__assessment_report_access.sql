-- Whether the assessed employees of a session may read their own reports (domain §5: "when access is granted").
-- Managers read the reports of their subtree regardless; the session's administrators read every report.
ALTER TABLE assessment_sessions ADD COLUMN targets_see_reports boolean NOT NULL DEFAULT false;

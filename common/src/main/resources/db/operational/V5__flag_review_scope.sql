-- The flag's source (scope_id of otklik.alerts: the IP hash, the touchpoint, ...) beside each review: with
-- the alert type and office it names the place where the streaming job keeps the flag and its withheld
-- responses, so the review event reaches exactly that place. Reviews recorded before it have ''.
ALTER TABLE flag_reviews ADD COLUMN scope_id text NOT NULL DEFAULT '';

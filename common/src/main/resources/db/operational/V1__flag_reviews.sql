-- Reviews of fraud flags (domain §8): a regional manager or federal analyst confirms or dismisses a flag
-- with a reason. Every decision is kept (a reviewer may change their mind); the newest per alert decides.
-- published_at is the outbox: a review is recorded first and then published to Kafka topic alert.reviews,
-- so neither a Kafka outage loses it nor a failed commit publishes one that does not exist.
CREATE TABLE flag_reviews (
    review_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id      text        NOT NULL CHECK (length(alert_id) BETWEEN 1 AND 200),
    alert_type    text        NOT NULL,
    office_code   text        NOT NULL,
    region_code   text        NOT NULL,
    decision      text        NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
    reason        text        NOT NULL CHECK (length(reason) BETWEEN 3 AND 1000),
    reviewer      text        NOT NULL,
    reviewer_role text        NOT NULL CHECK (reviewer_role IN ('region', 'federal')),
    reviewed_at   timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);

CREATE INDEX flag_reviews_by_alert ON flag_reviews (alert_id, review_id DESC);
CREATE INDEX flag_reviews_unpublished ON flag_reviews (review_id) WHERE published_at IS NULL;

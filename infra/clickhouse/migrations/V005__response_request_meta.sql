-- Request metadata for fraud analysis (domain §8), set by ingest: salted SHA-256 of the sender's
-- address and user agent (never the values themselves), the form-open time the client reported
-- and the fill duration derived from it. Empty / NULL for kiosk taps and older rows.

-- One statement, so a failure leaves nothing half-added (18.16 has no ADD COLUMN IF NOT EXISTS).

ALTER TABLE otklik.responses
    ADD COLUMN ip_hash String AFTER comment,
    ADD COLUMN user_agent_hash String AFTER ip_hash,
    ADD COLUMN started_ts Nullable(DateTime) AFTER user_agent_hash,
    ADD COLUMN fill_ms Nullable(Int64) AFTER started_ts;

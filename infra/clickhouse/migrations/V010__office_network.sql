-- Whether a web form came from the office's own network (address ranges configured per office in ingest,
-- OTKLIK_OFFICE_NETWORKS): 1 yes, 0 no, NULL when no range is configured for the office. Ingest decides it
-- against the address before hashing it and keeps only the outcome (the staff-pattern fraud flag, domain §8).

ALTER TABLE otklik.responses ADD COLUMN office_network Nullable(UInt8) AFTER entry;

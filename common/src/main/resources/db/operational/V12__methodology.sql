-- Methodology versions (domain §7, issue 13). A methodologist (federal role) edits the one draft and publishes it:
-- the draft becomes the next version, immutable (a trigger refuses any change of a published row), and is relayed
-- to Kafka topic methodology.versions (Methodology JSON) until published_to_kafka. body: the Methodology JSON.
CREATE TABLE methodology_versions (
    version            int PRIMARY KEY CHECK (version > 0),
    body               jsonb NOT NULL,
    valid_from         date NOT NULL,
    valid_to           date,
    change_note        text NOT NULL DEFAULT '',
    published_by       text NOT NULL,
    published_at       timestamptz NOT NULL DEFAULT now(),
    published_to_kafka boolean NOT NULL DEFAULT false
);

CREATE FUNCTION methodology_versions_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.version <> OLD.version OR NEW.body <> OLD.body OR NEW.valid_from <> OLD.valid_from
            OR NEW.valid_to IS DISTINCT FROM OLD.valid_to OR NEW.change_note <> OLD.change_note
            OR NEW.published_by <> OLD.published_by OR NEW.published_at <> OLD.published_at THEN
        RAISE EXCEPTION 'methodology version % is published and cannot change', OLD.version;
    END IF;
    RETURN NEW; -- only the outbox mark may move
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER methodology_versions_immutable BEFORE UPDATE OR DELETE ON methodology_versions
    FOR EACH ROW EXECUTE FUNCTION methodology_versions_immutable();

-- The draft being edited (at most one: draft_id is always 1), based on a published version or on the default.
CREATE TABLE methodology_draft (
    draft_id   int PRIMARY KEY CHECK (draft_id = 1),
    body       jsonb NOT NULL,
    based_on   int REFERENCES methodology_versions (version),
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

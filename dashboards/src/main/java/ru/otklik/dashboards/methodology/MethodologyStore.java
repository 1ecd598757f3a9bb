package ru.otklik.dashboards.methodology;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import ru.otklik.common.methodology.DefaultMethodology;
import ru.otklik.common.methodology.Methodology;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.store.OutboxRelay;
import ru.otklik.dashboards.store.RefusedChange;
import ru.otklik.dashboards.store.Transactions;

/**
 * The methodology versions and the one draft in the operational store ({@code V12__methodology.sql}): version 1 (the
 * contract's {@link DefaultMethodology#version1}) published at the first start, the draft edited by methodologists
 * and published as the next version — immutable from then on (the table's trigger refuses any change) — and the
 * outbox of versions Kafka has not acknowledged yet.
 */
public final class MethodologyStore {

    /** The first day of version 1 (the pilot's first quarter compared, Q1 2022). */
    public static final LocalDate VERSION1_VALID_FROM = LocalDate.of(2022, 1, 1);
    public static final String SYSTEM = "system";

    /** One published version as listed. */
    public record Version(int version, LocalDate validFrom, LocalDate validTo, String changeNote, String publishedBy,
                          Instant publishedAt, boolean publishedToKafka) {
    }

    /** The draft: the methodology being edited, which version it started from, who changed it last and when. */
    public record Draft(Methodology body, Integer basedOn, String updatedBy, Instant updatedAt) {
    }

    /** A version waiting for Kafka's acknowledgement. */
    public record Pending(int version, byte[] json) {
    }

    private final DataSource store;
    private final Clock clock;

    public MethodologyStore(DataSource store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Publishes version 1 when no version exists; whether it did. */
    public boolean publishDefaultIfEmpty() {
        return Transactions.inTransaction(store, "publishing methodology version 1", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("LOCK TABLE methodology_versions IN EXCLUSIVE MODE");
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM methodology_versions")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return false;
                    }
                }
            }
            Methodology v1 = withVersion(DefaultMethodology.version1(VERSION1_VALID_FROM), 1, now(), null);
            insert(c, v1, SYSTEM);
            return true;
        });
    }

    public List<Version> versions() {
        return Transactions.inTransaction(store, "listing methodology versions", c -> {
            List<Version> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, valid_from, valid_to,"
                    + " change_note, published_by, published_at, published_to_kafka FROM methodology_versions ORDER BY version")) {
                while (rs.next()) {
                    Date to = rs.getDate(3);
                    out.add(new Version(rs.getInt(1), rs.getDate(2).toLocalDate(), to == null ? null : to.toLocalDate(),
                            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getBoolean(7)));
                }
            }
            return out;
        });
    }

    public Optional<Methodology> version(int version) {
        return Transactions.inTransaction(store, "reading methodology version " + version, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT body::text FROM methodology_versions WHERE version = ?")) {
                ps.setInt(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(parseStored(rs.getString(1))) : Optional.<Methodology>empty();
                }
            }
        });
    }

    public Optional<Methodology> newest() {
        return Transactions.inTransaction(store, "reading the newest methodology version", c -> newest(c));
    }

    /** The draft, created from the newest version (or version 1 when none exists) when there is none. */
    public Draft draft(String user) {
        return Transactions.inTransaction(store, "reading the methodology draft", c -> {
            Optional<Draft> d = readDraft(c);
            if (d.isPresent()) {
                return d.get();
            }
            Optional<Methodology> base = newest(c);
            Methodology body = base.orElseGet(() -> DefaultMethodology.version1(VERSION1_VALID_FROM));
            Integer basedOn = base.map(Methodology::version).orElse(null);
            Methodology draft = withVersion(body, body.version() + (basedOn == null ? 0 : 1), null, "");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO methodology_draft (draft_id, body, based_on,"
                    + " updated_by) VALUES (1, ?::jsonb, ?, ?) ON CONFLICT (draft_id) DO NOTHING")) {
                ps.setString(1, EventJson.toJson(draft));
                if (basedOn == null) {
                    ps.setNull(2, java.sql.Types.INTEGER);
                } else {
                    ps.setInt(2, basedOn);
                }
                ps.setString(3, user);
                ps.executeUpdate();
            }
            return readDraft(c).orElseThrow();
        });
    }

    /**
     * Replaces the draft with {@code json} (the Methodology JSON; a version or publishedAt in it are ignored);
     * {@link InvalidMethodology} names the field the contract refuses.
     */
    public Draft saveDraft(JsonNode json, String user) {
        Methodology parsed = parseDraft(json);
        return Transactions.inTransaction(store, "saving the methodology draft", c -> {
            Optional<Methodology> base = newest(c);
            Methodology draft = withVersion(parsed, base.map(m -> m.version() + 1).orElse(1), null, parsed.changeNote());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO methodology_draft (draft_id, body, based_on,"
                    + " updated_by, updated_at) VALUES (1, ?::jsonb, ?, ?, now()) ON CONFLICT (draft_id) DO UPDATE SET"
                    + " body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()")) {
                ps.setString(1, EventJson.toJson(draft));
                if (base.isEmpty()) {
                    ps.setNull(2, java.sql.Types.INTEGER);
                } else {
                    ps.setInt(2, base.get().version());
                }
                ps.setString(3, user);
                ps.executeUpdate();
            }
            return readDraft(c).orElseThrow();
        });
    }

    /** Publishes the draft as version max+1 with the change note; the draft is gone afterwards. */
    public Methodology publishDraft(String changeNote, String user) {
        if (changeNote == null || changeNote.isBlank() || changeNote.length() > 2000) {
            throw new InvalidMethodology("changeNote", "a change note of 1 to 2000 characters is required");
        }
        return Transactions.inTransaction(store, "publishing the methodology draft", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("LOCK TABLE methodology_versions IN EXCLUSIVE MODE");
            }
            Draft d = readDraft(c).orElseThrow(() -> new RefusedChange(409,
                    "there is no draft to publish: GET or PUT /api/v1/methodology/draft first"));
            int next;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) + 1 FROM methodology_versions")) {
                rs.next();
                next = rs.getInt(1);
            }
            Methodology body = d.body();
            if (body.title() != null) { // the default title names its version: keep it true for the next one
                body = new Methodology(body.version(), new ru.otklik.common.survey.LocalizedText(
                        renumber(body.title().ru(), "версия", next), renumber(body.title().en(), "version", next)),
                        body.validFrom(), body.validTo(), body.period(), body.minimumSample(), body.objectiveRules(),
                        body.variants(), null, body.changeNote());
            }
            Methodology published = withVersion(body, next, now(), changeNote.strip());
            insert(c, published, user);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM methodology_draft");
            }
            return published;
        });
    }

    /** The outbox of the versions' relay: keyed by version number, valued by the Methodology JSON. */
    public OutboxRelay.Outbox<Pending> outbox() {
        return new OutboxRelay.Outbox<>() {
            @Override
            public List<Pending> unpublished(int limit) {
                return Transactions.inTransaction(store, "reading unpublished methodology versions", c -> {
                    List<Pending> out = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement("SELECT version, body::text FROM methodology_versions"
                            + " WHERE NOT published_to_kafka ORDER BY version LIMIT ?")) {
                        ps.setInt(1, limit);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                // the stored body, re-encoded by the one event mapping
                                out.add(new Pending(rs.getInt(1), EventJson.toBytes(parseStored(rs.getString(2)))));
                            }
                        }
                    }
                    return out;
                });
            }

            @Override
            public void markPublished(List<Pending> sent) {
                Transactions.inTransaction(store, "marking methodology versions published", c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE methodology_versions SET published_to_kafka = true WHERE version = ?")) {
                        for (Pending p : sent) {
                            ps.setInt(1, p.version());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
            }

            @Override
            public String key(Pending entry) {
                return Integer.toString(entry.version());
            }

            @Override
            public byte[] value(Pending entry) {
                return entry.json();
            }
        };
    }

    private final java.util.concurrent.ConcurrentHashMap<Integer, Methodology> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /** A published version (immutable, so kept once read), or null. */
    public Methodology cached(int version) {
        Methodology m = cache.get(version);
        if (m == null) {
            m = version(version).orElse(null);
            if (m != null) {
                cache.put(version, m);
            }
        }
        return m;
    }

    /**
     * The group and indicator codes of a version in its variants' order (decentralised first), followed by version
     * 1's (the default's) for codes a version does not name or when it is not in the store.
     */
    public static List<String> order(Methodology m) {
        List<String> codes = new ArrayList<>();
        List<ru.otklik.common.methodology.MethodologyVariant> variants = new ArrayList<>();
        if (m != null) {
            variants.add(m.variant(ru.otklik.common.office.RegionNetwork.DECENTRALISED));
            variants.add(m.variant(ru.otklik.common.office.RegionNetwork.CENTRALISED));
        }
        variants.add(DefaultMethodology.variant());
        for (ru.otklik.common.methodology.MethodologyVariant v : variants) {
            v.groups().forEach(g -> {
                if (!codes.contains(g.code())) {
                    codes.add(g.code());
                }
            });
            v.indicators().forEach(i -> {
                if (!codes.contains(i.code())) {
                    codes.add(i.code());
                }
            });
        }
        return codes;
    }

    /** Parses a draft body: the contract's constructors decide what is valid. */
    public static Methodology parseDraft(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidMethodology("", "the draft must be a JSON object");
        }
        ObjectNode copy = ((ObjectNode) json).deepCopy();
        copy.put("version", 1);
        copy.remove("publishedAt");
        try {
            return EventJson.fromTree(copy, Methodology.class);
        } catch (UncheckedIOException e) {
            throw refusal(e.getCause());
        } catch (IllegalArgumentException e) {
            throw refusal(e);
        }
    }

    private static InvalidMethodology refusal(Throwable e) {
        String field = "";
        String rule = e == null ? "invalid methodology" : e.getMessage();
        if (e instanceof JsonMappingException m) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            field = path.toString();
            Throwable root = m;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            rule = root instanceof IllegalArgumentException ? root.getMessage() : m.getOriginalMessage();
        }
        if (rule != null && rule.length() > 300) {
            rule = rule.substring(0, 300);
        }
        return new InvalidMethodology(field, rule == null ? "invalid methodology" : rule);
    }

    private static String renumber(String title, String word, int version) {
        return title == null ? null : title.replaceAll(", " + word + " \\d+$", ", " + word + " " + version);
    }

    private static Methodology parseStored(String json) {
        return EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), Methodology.class);
    }

    private static Methodology withVersion(Methodology m, int version, Instant publishedAt, String changeNote) {
        return new Methodology(version, m.title(), m.validFrom(), m.validTo(), m.period(), m.minimumSample(),
                m.objectiveRules(), m.variants(), publishedAt, changeNote == null ? m.changeNote() : changeNote);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Optional<Methodology> newest(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT body::text FROM methodology_versions ORDER BY version DESC LIMIT 1")) {
            return rs.next() ? Optional.of(parseStored(rs.getString(1))) : Optional.empty();
        }
    }

    private static Optional<Draft> readDraft(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT body::text, based_on, updated_by, updated_at FROM methodology_draft WHERE draft_id = 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            int based = rs.getInt(2);
            Integer basedOn = rs.wasNull() ? null : based;
            return Optional.of(new Draft(parseStored(rs.getString(1)), basedOn, rs.getString(3),
                    rs.getTimestamp(4).toInstant()));
        }
    }

    private static void insert(Connection c, Methodology m, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO methodology_versions (version, body, valid_from,"
                + " valid_to, change_note, published_by, published_at) VALUES (?, ?::jsonb, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, m.version());
            ps.setString(2, EventJson.toJson(m));
            ps.setDate(3, Date.valueOf(m.validFrom()));
            ps.setDate(4, m.validTo() == null ? null : Date.valueOf(m.validTo()));
            ps.setString(5, m.changeNote());
            ps.setString(6, user);
            ps.setTimestamp(7, Timestamp.from(m.publishedAt()));
            ps.executeUpdate();
        }
    }
}

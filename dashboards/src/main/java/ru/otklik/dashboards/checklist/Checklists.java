package ru.otklik.dashboards.checklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import ru.otklik.common.checklist.ChecklistCatalogue;
import ru.otklik.common.checklist.ChecklistForm;
import ru.otklik.common.checklist.ChecklistIndicator;
import ru.otklik.common.checklist.ObjectiveReport;
import ru.otklik.common.checklist.ObjectiveReport.ChecklistFacts;
import ru.otklik.common.checklist.ObjectiveReport.ComfortFact;
import ru.otklik.common.checklist.ObjectiveReport.HeldEvent;
import ru.otklik.common.checklist.ObjectiveReport.ParameterFact;
import ru.otklik.common.checklist.ObjectiveReport.VacancyFact;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.checklist.Review;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.store.OutboxRelay;
import ru.otklik.dashboards.store.Transactions;

/**
 * The objective checklists in the operational store (V11): drafts, submissions (frozen once submitted), the
 * expert's reviews per entry, audit findings; every change of a submitted state raises the period's revision in
 * the same transaction, and {@link #outbox()} gives the period's whole {@link ObjectiveReport} to the relay.
 * Drafts never raise the revision. Who filled in or reviewed stays here, never in the report.
 */
public final class Checklists {

    /** One entry of a checklist with its evidence, as stored in checklist_entries. */
    public record Entry(String entry, String evidenceUrl, Long evidenceFile, String summary) {
    }

    /** A checklist as staff filled it in: facts without reviews, and the entries' evidence. */
    public record Filled(ChecklistFacts facts, List<Entry> entries) {
    }

    /** A stored checklist. */
    public record Stored(String indicator, String status, ChecklistFacts facts, Map<String, Entry> entries,
                         String filledBy, Instant filledAt, String submittedBy, Instant submittedAt) {
    }

    /** The newest review of an entry. */
    public record EntryReview(String entry, String decision, String comment, String reviewedBy, Instant reviewedAt) {
    }

    public record Audit(long auditId, String reason, String foundBy, Instant foundAt, String withdrawnBy,
                        Instant withdrawnAt) {
    }

    public record Evidence(long fileId, String officeCode, String period, String contentType, byte[] bytes) {
    }

    public record QueueItem(String officeCode, String period, String indicator, Instant submittedAt, int pending) {
    }

    /** A period's report waiting for the relay. */
    public record Pending(ObjectiveReport report) {
    }

    private static final int MAX_EVENTS = 50;
    private static final int MAX_TEXT = 1000;

    private final DataSource store;
    private final OfficeDirectory directory;
    private final ChecklistCatalogue catalogue;

    public Checklists(DataSource store, OfficeDirectory directory, ChecklistCatalogue catalogue) {
        this.store = store;
        this.directory = directory;
        this.catalogue = catalogue;
    }

    public ChecklistCatalogue catalogue() {
        return catalogue;
    }

    // ---------------------------------------------------------------- reading the form

    /**
     * Reads a form body. {@code complete}: the submission's rules (every parameter marked, evidence for every
     * implemented one, vacancies and comfort given, events complete); else a draft's (only what is given must be
     * well-formed).
     */
    public Filled read(ChecklistIndicator indicator, ReportingPeriod period, JsonNode body, boolean complete) {
        List<Entry> entries = new ArrayList<>();
        List<ParameterFact> parameters = new ArrayList<>();
        VacancyFact vacancies = null;
        ComfortFact comfort = null;
        List<HeldEvent> events = new ArrayList<>();
        switch (indicator.form()) {
            case PARAMETERS -> {
                JsonNode list = body.path("parameters");
                Map<String, JsonNode> given = new HashMap<>();
                if (!list.isMissingNode() && !list.isArray()) {
                    throw ChecklistRefused.invalid("parameters", "list", "must be a list");
                }
                list.forEach(p -> {
                    String code = p.path("code").asText("");
                    if (!catalogue.hasParameter(indicator, code)) {
                        throw ChecklistRefused.invalid("parameters", "known_parameter",
                                "'" + code + "' is not a parameter of " + indicator.code());
                    }
                    given.put(code, p);
                });
                for (ChecklistCatalogue.Item item : catalogue.parameters(indicator)) {
                    String field = "parameters." + item.code();
                    JsonNode p = given.get(item.code());
                    JsonNode implemented = p == null ? null : p.get("implemented");
                    if (implemented == null || implemented.isNull()) {
                        if (complete) {
                            throw ChecklistRefused.invalid(field + ".implemented", "required",
                                    "mark the parameter implemented or not implemented");
                        }
                        continue;
                    }
                    if (!implemented.isBoolean()) {
                        throw ChecklistRefused.invalid(field + ".implemented", "boolean", "must be true or false");
                    }
                    parameters.add(new ParameterFact(item.code(), implemented.asBoolean(), null));
                    Entry e = evidence(field, item.code(), p, null);
                    if (implemented.asBoolean()) {
                        if (complete && e.evidenceUrl() == null && e.evidenceFile() == null) {
                            throw ChecklistRefused.invalid(field + ".evidence", "evidence_required",
                                    "an implemented parameter needs an evidence link or an uploaded photo");
                        }
                        entries.add(e);
                    }
                }
            }
            case VACANCIES -> {
                JsonNode v = body.path("vacancies");
                if (v.isObject()) {
                    Long current = whole(v, "vacancies.current", complete);
                    Long previous = whole(v, "vacancies.previous", complete);
                    if (complete && previous == 0) {
                        throw ChecklistRefused.invalid("vacancies.previous", "positive",
                                "the previous period's count must be above 0 to compare with");
                    }
                    if (current != null && previous != null) {
                        vacancies = new VacancyFact(current, previous, null);
                    }
                    Entry e = evidence("vacancies", "vacancies", v, null);
                    requireEvidence(complete, "vacancies", e);
                    entries.add(e);
                } else if (complete) {
                    throw ChecklistRefused.invalid("vacancies", "required", "give this and the previous period's count");
                }
            }
            case COMFORT_LEVEL -> {
                JsonNode c = body.path("comfort");
                JsonNode level = c.path("level");
                if (level.isMissingNode() || level.isNull()) {
                    if (complete) {
                        throw ChecklistRefused.invalid("comfort.level", "required", "choose level 1, 2, 3 or none (0)");
                    }
                } else {
                    if (!level.canConvertToInt() || level.asInt() < 0 || level.asInt() > 3) {
                        throw ChecklistRefused.invalid("comfort.level", "level_0_3", "must be 1, 2, 3 or 0 (none)");
                    }
                    comfort = new ComfortFact(level.asInt(), null);
                    Entry e = evidence("comfort", "comfort", c, null);
                    if (level.asInt() > 0) {
                        requireEvidence(complete, "comfort", e);
                        entries.add(e);
                    }
                }
            }
            case EVENTS -> {
                JsonNode list = body.path("events");
                if (!list.isMissingNode() && !list.isArray()) {
                    throw ChecklistRefused.invalid("events", "list", "must be a list");
                }
                if (list.size() > MAX_EVENTS) {
                    throw ChecklistRefused.invalid("events", "at_most_" + MAX_EVENTS, "at most " + MAX_EVENTS + " events");
                }
                for (int n = 0; n < list.size(); n++) {
                    JsonNode ev = list.get(n);
                    String field = "events[" + n + "]";
                    LocalDate date = null;
                    String d = text(ev, "date");
                    if (d != null) {
                        try {
                            date = LocalDate.parse(d);
                        } catch (DateTimeParseException e) {
                            throw ChecklistRefused.invalid(field + ".date", "date", "must be a date like 2026-10-05");
                        }
                        if (!period.contains(date)) {
                            throw ChecklistRefused.invalid(field + ".date", "inside_period",
                                    "must be inside " + period.code() + " (" + period.start() + " .. "
                                            + period.end().minusDays(1) + ")");
                        }
                    } else if (complete) {
                        throw ChecklistRefused.invalid(field + ".date", "required", "give the event's date");
                    }
                    String name = text(ev, "name");
                    if (complete && name == null) {
                        throw ChecklistRefused.invalid(field + ".name", "required", "give the event's name");
                    }
                    String type = text(ev, "type");
                    if (type != null && !catalogue.isListedEventType(type) && !ChecklistCatalogue.OTHER_EVENT.equals(type)) {
                        throw ChecklistRefused.invalid(field + ".type", "known_type",
                                "must be one of the 9 listed types or 'other'");
                    }
                    if (complete && type == null) {
                        throw ChecklistRefused.invalid(field + ".type", "required", "choose the event's type");
                    }
                    String summary = text(ev, "summary");
                    if (complete && summary == null) {
                        throw ChecklistRefused.invalid(field + ".summary", "required", "give a short summary");
                    }
                    events.add(new HeldEvent(type, date, name, null));
                    Entry e = evidence(field, "event." + n, ev, summary);
                    requireEvidence(complete, field, e);
                    entries.add(e);
                }
            }
            default -> throw new IllegalStateException(indicator.form().name());
        }
        return new Filled(new ChecklistFacts(indicator.code(), null, parameters, vacancies, comfort, events), entries);
    }

    private static void requireEvidence(boolean complete, String field, Entry e) {
        if (complete && e.evidenceUrl() == null && e.evidenceFile() == null) {
            throw ChecklistRefused.invalid(field + ".evidence", "evidence_required",
                    "needs an evidence link or an uploaded photo");
        }
    }

    private static Entry evidence(String field, String entry, JsonNode node, String summary) {
        String url = text(node, "evidenceUrl");
        if (url != null && (!url.matches("(?i)^https?://\\S+$") || url.length() > 2000)) {
            throw ChecklistRefused.invalid(field + ".evidenceUrl", "http_url", "must be an http:// or https:// link");
        }
        JsonNode f = node.path("evidenceFile");
        Long file = null;
        if (!f.isMissingNode() && !f.isNull()) {
            if (!f.canConvertToLong()) {
                throw ChecklistRefused.invalid(field + ".evidenceFile", "file_id", "must be an uploaded file's id");
            }
            file = f.asLong();
        }
        return new Entry(entry, url == null ? null : url.replaceFirst("(?i)^HTTP", "http"), file, summary);
    }

    private static Long whole(JsonNode v, String field, boolean complete) {
        JsonNode n = v.get(field.substring(field.indexOf('.') + 1));
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            if (complete) {
                throw ChecklistRefused.invalid(field, "required", "give a whole number of 0 or more");
            }
            return null;
        }
        if (!n.canConvertToLong() || (n.isNumber() && !n.isIntegralNumber()) || n.asLong() < 0) {
            throw ChecklistRefused.invalid(field, "whole_number", "must be a whole number of 0 or more");
        }
        return n.asLong();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return null;
        }
        String s = v.asText().strip();
        if (s.length() > MAX_TEXT) {
            throw ChecklistRefused.invalid(field, "at_most_" + MAX_TEXT, "at most " + MAX_TEXT + " characters");
        }
        return s;
    }

    // ---------------------------------------------------------------- writing

    /** Saves a draft (any time, also incomplete); a submitted checklist is frozen (409). */
    public void saveDraft(String office, ReportingPeriod period, ChecklistIndicator indicator, Filled filled, String user) {
        Transactions.inTransaction(store, "saving a checklist draft", c -> {
            write(c, office, period, indicator, filled, user, false);
            return null;
        });
    }

    /** Submits: frozen from now on; the period's revision rises (the relay publishes it). */
    public void submit(String office, ReportingPeriod period, ChecklistIndicator indicator, Filled filled, String user) {
        Transactions.inTransaction(store, "submitting a checklist", c -> {
            write(c, office, period, indicator, filled, user, true);
            raise(c, office, period.code());
            return null;
        });
    }

    private void write(Connection c, String office, ReportingPeriod period, ChecklistIndicator indicator, Filled filled,
                       String user, boolean submit) throws SQLException {
        ensurePeriod(c, office, period.code());
        try (PreparedStatement st = c.prepareStatement("SELECT status FROM checklists WHERE office_code = ? AND period = ?"
                + " AND indicator = ? FOR UPDATE")) {
            st.setString(1, office);
            st.setString(2, period.code());
            st.setString(3, indicator.code());
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next() && "submitted".equals(rs.getString(1))) {
                    throw new ChecklistRefused(409, "submitted", null,
                            "the checklist was submitted and is frozen; the expert reviews it");
                }
            }
        }
        for (Entry e : filled.entries()) {
            if (e.evidenceFile() != null && !evidenceOf(c, e.evidenceFile(), office, period.code())) {
                throw ChecklistRefused.invalid(e.entry() + ".evidenceFile", "uploaded_here",
                        "file " + e.evidenceFile() + " was not uploaded for this office and period");
            }
        }
        ChecklistFacts facts = filled.facts();
        if (submit) {
            facts = new ChecklistFacts(facts.indicator(), Instant.now(), facts.parameters(), facts.vacancies(),
                    facts.comfort(), facts.events());
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO checklists (office_code, period, indicator, status,"
                + " facts, filled_by, filled_at, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, now(), ?, ?)"
                + " ON CONFLICT (office_code, period, indicator) DO UPDATE SET status = EXCLUDED.status,"
                + " facts = EXCLUDED.facts, filled_by = EXCLUDED.filled_by, filled_at = now(),"
                + " submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at")) {
            st.setString(1, office);
            st.setString(2, period.code());
            st.setString(3, indicator.code());
            st.setString(4, submit ? "submitted" : "draft");
            st.setString(5, EventJson.toJson(facts));
            st.setString(6, user);
            st.setString(7, submit ? user : null);
            st.setTimestamp(8, submit ? Timestamp.from(facts.submittedAt()) : null);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("DELETE FROM checklist_entries WHERE office_code = ? AND period = ?"
                + " AND indicator = ?")) {
            st.setString(1, office);
            st.setString(2, period.code());
            st.setString(3, indicator.code());
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO checklist_entries (office_code, period, indicator,"
                + " entry, evidence_url, evidence_file, summary) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Entry e : filled.entries()) {
                st.setString(1, office);
                st.setString(2, period.code());
                st.setString(3, indicator.code());
                st.setString(4, e.entry());
                st.setString(5, e.evidenceUrl());
                if (e.evidenceFile() == null) {
                    st.setNull(6, Types.BIGINT);
                } else {
                    st.setLong(6, e.evidenceFile());
                }
                st.setString(7, e.summary());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static boolean evidenceOf(Connection c, long file, String office, String period) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM checklist_evidence WHERE file_id = ?"
                + " AND office_code = ? AND period = ?")) {
            st.setLong(1, file);
            st.setString(2, office);
            st.setString(3, period);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void ensurePeriod(Connection c, String office, String period) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO checklist_periods (office_code, period, region_code)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setString(1, office);
            st.setString(2, period);
            st.setString(3, directory.office(office).orElseThrow().regionCode());
            st.executeUpdate();
        }
    }

    private static void raise(Connection c, String office, String period) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE checklist_periods SET revision = revision + 1,"
                + " changed_at = now() WHERE office_code = ? AND period = ?")) {
            st.setString(1, office);
            st.setString(2, period);
            if (st.executeUpdate() != 1) {
                throw new IllegalStateException("no checklist period " + office + " " + period);
            }
        }
    }

    /** Stores an uploaded photo or screenshot (type already sniffed); its id. */
    public long upload(String office, String period, String contentType, byte[] bytes, String user) {
        String sha;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return Transactions.inTransaction(store, "storing evidence", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO checklist_evidence (office_code, period,"
                    + " content_type, size_bytes, sha256, bytes, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING file_id")) {
                st.setString(1, office);
                st.setString(2, period);
                st.setString(3, contentType);
                st.setInt(4, bytes.length);
                st.setString(5, sha);
                st.setBytes(6, bytes);
                st.setString(7, user);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public Optional<Evidence> evidence(long fileId) {
        return Transactions.inTransaction(store, "reading evidence", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT office_code, period, content_type, bytes"
                    + " FROM checklist_evidence WHERE file_id = ?")) {
                st.setLong(1, fileId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new Evidence(fileId, rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getBytes(4))) : Optional.<Evidence>empty();
                }
            }
        });
    }

    /** An expert's decision on one entry of a submitted checklist; raises the revision. */
    public void review(String office, String period, ChecklistIndicator indicator, String entry, Review decision,
                       String comment, String user) {
        if (decision == Review.PENDING) {
            throw ChecklistRefused.invalid("decision", "accepted_or_rejected", "must be accepted or rejected");
        }
        Transactions.inTransaction(store, "recording a review", c -> {
            Stored s = stored(c, office, period, indicator).filter(x -> "submitted".equals(x.status()))
                    .orElseThrow(() -> new ChecklistRefused(404, "not_found", null, "no submitted checklist"));
            if (!reviewable(s).contains(entry)) {
                throw ChecklistRefused.invalid("entry", "reviewable_entry", "'" + entry + "' is not an entry to review"
                        + " (reviewable: " + reviewable(s) + ")");
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO checklist_reviews (office_code, period, indicator,"
                    + " entry, decision, comment, reviewed_by) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, office);
                st.setString(2, period);
                st.setString(3, indicator.code());
                st.setString(4, entry);
                st.setString(5, decision.code());
                st.setString(6, comment == null ? "" : comment);
                st.setString(7, user);
                st.executeUpdate();
            }
            raise(c, office, period);
            return null;
        });
    }

    /** The entries an expert reviews: implemented parameters, the vacancy counts, a comfort level above none, events. */
    public static List<String> reviewable(Stored s) {
        List<String> out = new ArrayList<>();
        ChecklistFacts f = s.facts();
        f.parameters().stream().filter(ParameterFact::implemented).forEach(p -> out.add(p.code()));
        if (f.vacancies() != null) {
            out.add("vacancies");
        }
        if (f.comfort() != null && f.comfort().level() > 0) {
            out.add("comfort");
        }
        for (int n = 0; n < f.events().size(); n++) {
            out.add("event." + n);
        }
        return out;
    }

    /** An audit finding of false data (reason required): every point of the office's period is zero. */
    public long audit(String office, String period, String reason, String user) {
        return Transactions.inTransaction(store, "recording an audit", c -> {
            if (periodRow(c, office, period) == null) {
                throw new ChecklistRefused(404, "not_found", null, "nothing was submitted for " + office + " " + period);
            }
            long id;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO checklist_audits (office_code, period, reason,"
                    + " found_by) VALUES (?, ?, ?, ?) RETURNING audit_id")) {
                st.setString(1, office);
                st.setString(2, period);
                st.setString(3, reason);
                st.setString(4, user);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            raise(c, office, period);
            return id;
        });
    }

    /** Withdraws the active findings of the office's period; false when there was none. */
    public boolean withdrawAudit(String office, String period, String user) {
        return Transactions.inTransaction(store, "withdrawing an audit", c -> {
            int n;
            try (PreparedStatement st = c.prepareStatement("UPDATE checklist_audits SET withdrawn_by = ?,"
                    + " withdrawn_at = now() WHERE office_code = ? AND period = ? AND withdrawn_at IS NULL")) {
                st.setString(1, user);
                st.setString(2, office);
                st.setString(3, period);
                n = st.executeUpdate();
            }
            if (n > 0) {
                raise(c, office, period);
            }
            return n > 0;
        });
    }

    // ---------------------------------------------------------------- reading

    public Map<ChecklistIndicator, Stored> checklists(String office, String period) {
        return Transactions.inTransaction(store, "reading checklists", c -> {
            Map<ChecklistIndicator, Stored> out = new LinkedHashMap<>();
            for (ChecklistIndicator i : ChecklistIndicator.values()) {
                stored(c, office, period, i).ifPresent(s -> out.put(i, s));
            }
            return out;
        });
    }

    private static Optional<Stored> stored(Connection c, String office, String period, ChecklistIndicator indicator)
            throws SQLException {
        Stored s;
        try (PreparedStatement st = c.prepareStatement("SELECT status, facts::text, filled_by, filled_at, submitted_by,"
                + " submitted_at FROM checklists WHERE office_code = ? AND period = ? AND indicator = ?")) {
            st.setString(1, office);
            st.setString(2, period);
            st.setString(3, indicator.code());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ChecklistFacts facts = EventJson.fromBytes(rs.getString(2).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        ChecklistFacts.class);
                s = new Stored(indicator.code(), rs.getString(1), facts, new LinkedHashMap<>(), rs.getString(3),
                        instant(rs, 4), rs.getString(5), instant(rs, 6));
            }
        }
        try (PreparedStatement st = c.prepareStatement("SELECT entry, evidence_url, evidence_file, summary"
                + " FROM checklist_entries WHERE office_code = ? AND period = ? AND indicator = ?")) {
            st.setString(1, office);
            st.setString(2, period);
            st.setString(3, indicator.code());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long f = rs.getLong(3);
                    Long file = rs.wasNull() ? null : f;
                    s.entries().put(rs.getString(1), new Entry(rs.getString(1), rs.getString(2), file,
                            rs.getString(4)));
                }
            }
        }
        return Optional.of(s);
    }

    /** The newest review per entry of the office's period: indicator → entry → review. */
    public Map<String, Map<String, EntryReview>> reviews(String office, String period) {
        return Transactions.inTransaction(store, "reading reviews", c -> reviews(c, office, period));
    }

    private static Map<String, Map<String, EntryReview>> reviews(Connection c, String office, String period)
            throws SQLException {
        Map<String, Map<String, EntryReview>> out = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT indicator, entry, decision, comment, reviewed_by,"
                + " reviewed_at FROM checklist_reviews WHERE office_code = ? AND period = ? ORDER BY review_id")) {
            st.setString(1, office);
            st.setString(2, period);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2),
                            new EntryReview(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                    instant(rs, 6)));
                }
            }
        }
        return out;
    }

    public List<Audit> audits(String office, String period) {
        return Transactions.inTransaction(store, "reading audits", c -> audits(c, office, period));
    }

    private static List<Audit> audits(Connection c, String office, String period) throws SQLException {
        List<Audit> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT audit_id, reason, found_by, found_at, withdrawn_by,"
                + " withdrawn_at FROM checklist_audits WHERE office_code = ? AND period = ? ORDER BY audit_id")) {
            st.setString(1, office);
            st.setString(2, period);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Audit(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4), rs.getString(5),
                            instant(rs, 6)));
                }
            }
        }
        return out;
    }

    /** The office's published state of the period (submitted checklists with their reviews), or null when none. */
    public ObjectiveReport report(String office, String period) {
        return Transactions.inTransaction(store, "building a report", c -> report(c, office, period));
    }

    private static Object[] periodRow(Connection c, String office, String period) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT region_code, revision, changed_at FROM checklist_periods"
                + " WHERE office_code = ? AND period = ?")) {
            st.setString(1, office);
            st.setString(2, period);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new Object[] {rs.getString(1), rs.getLong(2), instant(rs, 3)} : null;
            }
        }
    }

    private static ObjectiveReport report(Connection c, String office, String period) throws SQLException {
        Object[] row = periodRow(c, office, period);
        if (row == null) {
            return null;
        }
        Map<String, Map<String, EntryReview>> reviews = reviews(c, office, period);
        List<ChecklistFacts> submitted = new ArrayList<>();
        for (ChecklistIndicator i : ChecklistIndicator.values()) {
            Optional<Stored> s = stored(c, office, period, i);
            if (s.isEmpty() || !"submitted".equals(s.get().status())) {
                continue;
            }
            Map<String, EntryReview> r = reviews.getOrDefault(i.code(), Map.of());
            ChecklistFacts f = s.get().facts();
            List<ParameterFact> params = f.parameters().stream().map(p -> new ParameterFact(p.code(), p.implemented(),
                    p.implemented() ? decision(r, p.code()) : null)).toList();
            VacancyFact v = f.vacancies() == null ? null : new VacancyFact(f.vacancies().current(),
                    f.vacancies().previous(), decision(r, "vacancies"));
            ComfortFact cf = f.comfort() == null ? null : new ComfortFact(f.comfort().level(),
                    f.comfort().level() > 0 ? decision(r, "comfort") : null);
            List<HeldEvent> events = new ArrayList<>();
            for (int n = 0; n < f.events().size(); n++) {
                HeldEvent e = f.events().get(n);
                events.add(new HeldEvent(e.type(), e.date(), e.name(), decision(r, "event." + n)));
            }
            submitted.add(new ChecklistFacts(f.indicator(), f.submittedAt(), params, v, cf, events));
        }
        ObjectiveReport.Audit audit = audits(c, office, period).stream().filter(a -> a.withdrawnAt() == null)
                .reduce((a, b) -> b).map(a -> new ObjectiveReport.Audit(a.foundAt(), a.reason())).orElse(null);
        return new ObjectiveReport(office, (String) row[0], period, (Long) row[1], (Instant) row[2], audit, submitted);
    }

    private static Review decision(Map<String, EntryReview> r, String entry) {
        EntryReview e = r.get(entry);
        return e == null ? Review.PENDING : Review.fromCode(e.decision());
    }

    /** Submitted checklists with entries still waiting for review, oldest first. */
    public List<QueueItem> queue() {
        return Transactions.inTransaction(store, "reading the review queue", c -> {
            List<String[]> submitted = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT office_code, period, indicator FROM checklists"
                    + " WHERE status = 'submitted' ORDER BY submitted_at, office_code, indicator");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    submitted.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            List<QueueItem> out = new ArrayList<>();
            Map<String, Map<String, Map<String, EntryReview>>> byPeriod = new HashMap<>();
            for (String[] s : submitted) {
                ChecklistIndicator i = ChecklistIndicator.fromCode(s[2]);
                Stored st = stored(c, s[0], s[1], i).orElseThrow();
                Map<String, EntryReview> r = byPeriod.computeIfAbsent(s[0] + "/" + s[1], k -> {
                    try {
                        return reviews(c, s[0], s[1]);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }).getOrDefault(s[2], Map.of());
                int pending = (int) reviewable(st).stream().filter(e -> !r.containsKey(e)).count();
                out.add(new QueueItem(s[0], s[1], s[2], st.submittedAt(), pending));
            }
            return out;
        });
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    // ---------------------------------------------------------------- outbox

    /** The periods whose revision Kafka has not acknowledged, each as its whole report. */
    public OutboxRelay.Outbox<Pending> outbox() {
        return new OutboxRelay.Outbox<>() {
            @Override
            public List<Pending> unpublished(int limit) {
                return Transactions.inTransaction(store, "reading unpublished checklist periods", c -> {
                    List<String[]> keys = new ArrayList<>();
                    try (PreparedStatement st = c.prepareStatement("SELECT office_code, period FROM checklist_periods"
                            + " WHERE published_revision < revision ORDER BY changed_at LIMIT ?")) {
                        st.setInt(1, limit);
                        try (ResultSet rs = st.executeQuery()) {
                            while (rs.next()) {
                                keys.add(new String[] {rs.getString(1), rs.getString(2)});
                            }
                        }
                    }
                    List<Pending> out = new ArrayList<>();
                    for (String[] k : keys) {
                        out.add(new Pending(report(c, k[0], k[1])));
                    }
                    return out;
                });
            }

            @Override
            public void markPublished(List<Pending> sent) {
                Transactions.inTransaction(store, "marking checklist periods published", c -> {
                    try (PreparedStatement st = c.prepareStatement("UPDATE checklist_periods SET published_revision = ?"
                            + " WHERE office_code = ? AND period = ? AND published_revision < ?")) {
                        for (Pending p : sent) {
                            st.setLong(1, p.report().revision());
                            st.setString(2, p.report().officeCode());
                            st.setString(3, p.report().period());
                            st.setLong(4, p.report().revision());
                            st.addBatch();
                        }
                        st.executeBatch();
                    }
                    return null;
                });
            }

            @Override
            public String key(Pending entry) {
                return entry.report().officeCode();
            }

            @Override
            public byte[] value(Pending entry) {
                return EventJson.toBytes(entry.report());
            }
        };
    }
}

package ru.otklik.dashboards.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.checklist.ChecklistIndicator;
import ru.otklik.common.checklist.ObjectiveReport;
import ru.otklik.common.checklist.ObjectiveRules;
import ru.otklik.common.checklist.ObjectiveScore;
import ru.otklik.common.checklist.ObjectiveScoring;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.checklist.Review;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.access.Role;
import ru.otklik.dashboards.checklist.ChecklistRefused;
import ru.otklik.dashboards.checklist.ChecklistSettings;
import ru.otklik.dashboards.checklist.Checklists;
import ru.otklik.dashboards.checklist.EvidenceType;
import ru.otklik.dashboards.store.OutboxRelay;

/**
 * The objective checklists' API (domain §6, issue 13 §1-§2) under {@code /api/v1/checklists}: office staff fill in
 * their own office's checklists (drafts any time; a submission is validated and frozen), upload evidence photos,
 * experts (federal users) review each entry and record audit findings. Office users read and write only their office;
 * region users read their region's offices; federal users and admins read everything; only federal users review.
 * Every change needs the anti-CSRF token.
 */
final class ChecklistRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ChecklistRoutes.class);
    static final String BASE = "/api/v1/checklists";

    private final SessionGuard guard;
    private final OfficeDirectory directory;
    private final Checklists checklists; // null without an operational store
    private final ChecklistSettings settings;
    private final OutboxRelay<Checklists.Pending> relay;
    private final Clock clock;

    ChecklistRoutes(SessionGuard guard, OfficeDirectory directory, Checklists checklists, ChecklistSettings settings,
                    OutboxRelay<Checklists.Pending> relay, Clock clock) {
        this.guard = guard;
        this.directory = directory;
        this.checklists = checklists;
        this.settings = settings;
        this.relay = relay;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.get(BASE + "/periods", guard.api((ctx, viewer) -> AssessmentRoutes.json(ctx, 200,
                Map.of("periods", periods().stream().map(ReportingPeriod::code).toList()))));
        routes.get(BASE + "/review/queue", guard.api((ctx, viewer) -> {
            expert(viewer);
            AssessmentRoutes.json(ctx, 200, Map.of("queue", store().queue()));
        }));
        routes.get(BASE + "/evidence/{file}", guard.api((ctx, viewer) -> {
            long id;
            try {
                id = Long.parseLong(ctx.pathParam("file"));
            } catch (NumberFormatException e) {
                throw new ApiError(404, "not_found", "no such file");
            }
            Checklists.Evidence ev = store().evidence(id).filter(e -> viewer.scope().allowsOffice(e.officeCode()))
                    .orElseThrow(() -> new ApiError(404, "not_found", "no such file"));
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "private, max-age=3600");
            ctx.header("Content-Disposition", "inline");
            ctx.contentType(ev.contentType());
            ctx.result(ev.bytes());
        }));
        routes.get(BASE + "/{office}/{period}", guard.api((ctx, viewer) -> {
            String office = readable(ctx, viewer);
            AssessmentRoutes.json(ctx, 200, overview(office, period(ctx, false)));
        }));
        routes.get(BASE + "/{office}/{period}/{indicator}", guard.api((ctx, viewer) -> {
            String office = readable(ctx, viewer);
            AssessmentRoutes.json(ctx, 200, one(office, period(ctx, false), indicator(ctx)));
        }));
        routes.post(BASE + "/{office}/{period}/evidence", guard.apiChange((ctx, viewer) -> {
            String office = writable(ctx, viewer);
            ReportingPeriod period = period(ctx, true);
            byte[] bytes = upload(ctx);
            String type = EvidenceType.sniff(bytes).orElseThrow(() -> new ApiError(415, "image_type",
                    "evidence must be a JPEG, PNG or WebP image (checked from the file's bytes)"));
            long id = store().upload(office, period.code(), type, bytes, viewer.user().username());
            LOG.info("event=evidence_uploaded office={} period={} file={} type={} bytes={}", office, period.code(), id,
                    type, bytes.length);
            AssessmentRoutes.json(ctx, 201, Map.of("fileId", id, "contentType", type, "sizeBytes", bytes.length,
                    "url", BASE + "/evidence/" + id));
        }));
        routes.post(BASE + "/{office}/{period}/{indicator}/draft", guard.apiChange((ctx, viewer) -> {
            String office = writable(ctx, viewer);
            ReportingPeriod period = period(ctx, true);
            ChecklistIndicator indicator = ownIndicator(office, indicator(ctx));
            JsonNode body = JsonBody.readObject(ctx);
            store().saveDraft(office, period, indicator, store().read(indicator, period, body, false),
                    viewer.user().username());
            AssessmentRoutes.json(ctx, 200, one(office, period, indicator));
        }));
        routes.post(BASE + "/{office}/{period}/{indicator}/submit", guard.apiChange((ctx, viewer) -> {
            String office = writable(ctx, viewer);
            ReportingPeriod period = period(ctx, true);
            ChecklistIndicator indicator = ownIndicator(office, indicator(ctx));
            JsonNode body = JsonBody.readObject(ctx);
            store().submit(office, period, indicator, store().read(indicator, period, body, true),
                    viewer.user().username());
            relay.wake();
            LOG.info("event=checklist_submitted office={} period={} indicator={} by={}", office, period.code(),
                    indicator.code(), viewer.user().username());
            AssessmentRoutes.json(ctx, 200, one(office, period, indicator));
        }));
        routes.post(BASE + "/{office}/{period}/{indicator}/review", guard.apiChange((ctx, viewer) -> {
            expert(viewer);
            String office = known(ctx);
            ReportingPeriod period = period(ctx, false);
            ChecklistIndicator indicator = indicator(ctx);
            JsonNode body = JsonBody.readObject(ctx);
            Review decision;
            try {
                decision = Review.fromCode(body.path("decision").asText(""));
            } catch (IllegalArgumentException e) {
                throw ChecklistRefused.invalid("decision", "accepted_or_rejected", "must be accepted or rejected");
            }
            String comment = body.path("comment").asText("").strip();
            if (comment.length() > 1000) {
                throw ChecklistRefused.invalid("comment", "at_most_1000", "at most 1000 characters");
            }
            if (decision == Review.REJECTED && comment.isEmpty()) {
                throw ChecklistRefused.invalid("comment", "required_on_reject", "say why the entry is rejected");
            }
            store().review(office, period.code(), indicator, body.path("entry").asText(""), decision, comment,
                    viewer.user().username());
            relay.wake();
            LOG.info("event=checklist_reviewed office={} period={} indicator={} entry={} decision={} by={}", office,
                    period.code(), indicator.code(), body.path("entry").asText(""), decision.code(),
                    viewer.user().username());
            AssessmentRoutes.json(ctx, 200, one(office, period, indicator));
        }));
        routes.post(BASE + "/{office}/{period}/audit", guard.apiChange((ctx, viewer) -> {
            expert(viewer);
            String office = known(ctx);
            ReportingPeriod period = period(ctx, false);
            String reason = JsonBody.readObject(ctx).path("reason").asText("").strip();
            if (reason.isEmpty() || reason.length() > 2000) {
                throw ChecklistRefused.invalid("reason", "required", "say what was found false (1 to 2000 characters)");
            }
            long id = store().audit(office, period.code(), reason, viewer.user().username());
            relay.wake();
            LOG.info("event=checklist_audit office={} period={} audit={} by={}", office, period.code(), id,
                    viewer.user().username());
            AssessmentRoutes.json(ctx, 201, overview(office, period));
        }));
        routes.post(BASE + "/{office}/{period}/audit/withdraw", guard.apiChange((ctx, viewer) -> {
            expert(viewer);
            String office = known(ctx);
            ReportingPeriod period = period(ctx, false);
            if (!store().withdrawAudit(office, period.code(), viewer.user().username())) {
                throw new ApiError(404, "not_found", "no active audit finding for " + office + " " + period.code());
            }
            relay.wake();
            LOG.info("event=checklist_audit_withdrawn office={} period={} by={}", office, period.code(),
                    viewer.user().username());
            AssessmentRoutes.json(ctx, 200, overview(office, period));
        }));
    }

    /** The periods staff fill in: the current quarter and the previous one. */
    List<ReportingPeriod> periods() {
        ReportingPeriod current = ReportingPeriod.of(ReportingPeriod.Kind.QUARTER, LocalDate.now(clock));
        return List.of(current, current.previous());
    }

    Map<String, Object> overview(String office, ReportingPeriod period) {
        String region = directory.office(office).orElseThrow().regionCode();
        Optional<String> managing = directory.managingOffice(region);
        ObjectiveReport own = store().report(office, period.code());
        ObjectiveReport managingReport = managing.filter(m -> !m.equals(office))
                .map(m -> store().report(m, period.code())).orElse(own);
        Map<ChecklistIndicator, Checklists.Stored> stored = store().checklists(office, period.code());
        Map<ChecklistIndicator, Checklists.Stored> managingStored = managing.filter(m -> !m.equals(office))
                .map(m -> store().checklists(m, period.code())).orElse(stored);
        Map<String, Map<String, Checklists.EntryReview>> reviews = store().reviews(office, period.code());
        List<Map<String, Object>> items = new ArrayList<>();
        for (ChecklistIndicator i : ChecklistIndicator.values()) {
            boolean byManaging = i.managingOfficeOwned() && managing.isPresent() && !managing.get().equals(office);
            Checklists.Stored s = (byManaging ? managingStored : stored).get(i);
            ObjectiveScore score = ObjectiveScoring.credited(i, own, managing.isPresent(), managingReport,
                    store().catalogue(), ObjectiveRules.DEFAULT);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("indicator", i.code());
            item.put("titleRu", i.title().ru());
            item.put("titleEn", i.title().en());
            item.put("form", i.form().name());
            item.put("filledBy", byManaging ? managing.get() : office);
            item.put("status", s == null ? "not_started" : s.status());
            if (s != null && "submitted".equals(s.status())) {
                Map<String, Checklists.EntryReview> r = byManaging ? store().reviews(managing.get(), period.code())
                        .getOrDefault(i.code(), Map.of()) : reviews.getOrDefault(i.code(), Map.of());
                List<String> entries = Checklists.reviewable(s);
                long accepted = entries.stream().filter(e -> r.containsKey(e) && "accepted".equals(r.get(e).decision())).count();
                long rejected = entries.stream().filter(e -> r.containsKey(e) && "rejected".equals(r.get(e).decision())).count();
                item.put("accepted", accepted);
                item.put("rejected", rejected);
                item.put("pending", entries.size() - accepted - rejected);
                if (entries.size() > 0 && accepted + rejected == entries.size() || entries.isEmpty()) {
                    item.put("status", "reviewed");
                }
            }
            item.put("score", score);
            items.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("officeCode", office);
        out.put("regionCode", region);
        out.put("managingOffice", managing.orElse(null));
        out.put("period", period.code());
        out.put("revision", own == null ? 0 : own.revision());
        out.put("audits", store().audits(office, period.code()));
        out.put("auditActive", own != null && own.audit() != null);
        out.put("checklists", items);
        return out;
    }

    Map<String, Object> one(String office, ReportingPeriod period, ChecklistIndicator indicator) {
        Checklists.Stored s = store().checklists(office, period.code()).get(indicator);
        ObjectiveReport own = store().report(office, period.code());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("officeCode", office);
        out.put("period", period.code());
        out.put("indicator", indicator.code());
        out.put("form", indicator.form().name());
        out.put("status", s == null ? "not_started" : s.status());
        out.put("checklist", s);
        out.put("reviews", store().reviews(office, period.code()).getOrDefault(indicator.code(), Map.of()));
        out.put("score", ObjectiveScoring.score(indicator, own, store().catalogue(), ObjectiveRules.DEFAULT));
        return out;
    }

    private ChecklistIndicator ownIndicator(String office, ChecklistIndicator indicator) {
        String region = directory.office(office).orElseThrow().regionCode();
        Optional<String> managing = directory.managingOffice(region);
        if (indicator.managingOfficeOwned() && managing.isPresent() && !managing.get().equals(office)) {
            throw new ApiError(403, "managing_office", indicator.code() + " is filled in by the managing office "
                    + managing.get());
        }
        return indicator;
    }

    private byte[] upload(Context ctx) {
        int max = settings.evidenceMaxBytes();
        if (ctx.contentLength() > max + 64 * 1024L) {
            // Refused before it is read. A body up to a few times the limit is read off and dropped first: closing
            // the connection under a client that is still sending makes its TCP stack drop our answer (a reset,
            // "no bytes" instead of 413). Anything larger is not worth reading: the connection closes.
            if (ctx.contentLength() > 4L * max || !drain(ctx, 4L * max)) {
                ctx.header("Connection", "close");
            }
            throw new ApiError(413, "too_large", "evidence must be at most " + max + " bytes");
        }
        String type = String.valueOf(ctx.contentType()).toLowerCase(java.util.Locale.ROOT);
        byte[] bytes;
        if (type.startsWith("multipart/form-data")) {
            var file = ctx.uploadedFile("file");
            if (file == null) {
                throw ChecklistRefused.invalid("file", "required", "send the photo as the multipart part 'file'");
            }
            try (var in = file.content()) {
                bytes = in.readNBytes(max + 1);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            bytes = ctx.bodyAsBytes();
        }
        if (bytes.length > max) {
            throw new ApiError(413, "too_large", "evidence must be at most " + max + " bytes");
        }
        if (bytes.length == 0) {
            throw ChecklistRefused.invalid("file", "required", "the file is empty");
        }
        return bytes;
    }

    /** Reads and drops the request body, at most {@code limit} bytes; true when it ended within them. */
    private static boolean drain(Context ctx, long limit) {
        byte[] sink = new byte[64 * 1024];
        long read = 0;
        try (var in = ctx.req().getInputStream()) {
            for (int n; (n = in.read(sink)) >= 0; ) {
                read += n;
                if (read > limit) {
                    return false;
                }
            }
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void expert(Viewer viewer) {
        if (viewer.user().role() != Role.FEDERAL) {
            throw new ApiError(403, "forbidden", "checklists are reviewed by the federal centre's experts");
        }
    }

    private String known(Context ctx) {
        String office = ctx.pathParam("office");
        if (directory.office(office).isEmpty()) {
            throw new ApiError(404, "not_found", "no such office");
        }
        return office;
    }

    private String readable(Context ctx, Viewer viewer) {
        String office = ctx.pathParam("office");
        if (!viewer.scope().allowsOffice(office)) {
            throw new ApiError(403, "forbidden", "not your office");
        }
        return known(ctx);
    }

    /** Only the office's own staff fill in its checklists. */
    private String writable(Context ctx, Viewer viewer) {
        String office = ctx.pathParam("office");
        if (viewer.user().role() != Role.OFFICE || !viewer.scope().allowsOffice(office)) {
            throw new ApiError(403, "forbidden", "only the office's own staff fill in its checklists");
        }
        return known(ctx);
    }

    private ReportingPeriod period(Context ctx, boolean forWriting) {
        String code = ctx.pathParam("period");
        ReportingPeriod p;
        try {
            p = ReportingPeriod.parse(code);
        } catch (IllegalArgumentException e) {
            throw ChecklistRefused.invalid("period", "quarter", "must be a quarter like 2026-Q4");
        }
        if (p.kind() != ReportingPeriod.Kind.QUARTER) {
            throw ChecklistRefused.invalid("period", "quarter", "must be a quarter like 2026-Q4");
        }
        if (forWriting && !periods().contains(p)) {
            throw ChecklistRefused.invalid("period", "open_period", "checklists are filled in for "
                    + periods().stream().map(ReportingPeriod::code).toList() + " only");
        }
        return p;
    }

    private static ChecklistIndicator indicator(Context ctx) {
        String code = ctx.pathParam("indicator");
        if (!ChecklistIndicator.isCode(code)) {
            throw new ApiError(404, "not_found", "no such checklist " + code);
        }
        return ChecklistIndicator.fromCode(code);
    }

    private Checklists store() {
        if (checklists == null) {
            throw new ApiError(503, "operational_store_unavailable", "checklists need the operational store"
                    + " (OTKLIK_POSTGRES_URL)");
        }
        return checklists;
    }
}

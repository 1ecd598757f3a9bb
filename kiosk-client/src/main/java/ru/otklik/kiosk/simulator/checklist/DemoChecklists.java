package ru.otklik.kiosk.simulator.checklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.otklik.common.checklist.ChecklistCatalogue;
import ru.otklik.common.checklist.ChecklistIndicator;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.response.EventJson;

/**
 * The demo's objective half (issue 13): each pilot office's staff fill in a few checklists of the current quarter
 * through the dashboards' own API, as a person would — log in, read the page's anti-CSRF token, submit with evidence
 * links — and the federal expert reviews them, accepting most entries and rejecting one per office with a comment.
 * What an office gets is drawn from a generator seeded with its code, so two demo runs look alike. Run again it
 * changes nothing: a checklist that is already submitted is left as it is.
 */
public final class DemoChecklists {

    /** The checklists the demo fills in: the office's own, one of each form. */
    public static final List<ChecklistIndicator> FILLED = List.of(ChecklistIndicator.MANAGEMENT_OPENNESS,
            ChecklistIndicator.STAFF_APPEARANCE, ChecklistIndicator.PRE_BOOKING, ChecklistIndicator.COMFORT,
            ChecklistIndicator.JOB_SEEKER_EVENTS, ChecklistIndicator.VACANCY_DYNAMICS);
    public static final java.util.Set<String> FILLED_CODES = FILLED.stream().map(ChecklistIndicator::code)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final Pattern CSRF = Pattern.compile("data-csrf=\"([^\"]+)\"");
    private static final String API = "/api/v1/checklists/";

    private final URI base;
    private final String password;
    private final ChecklistCatalogue catalogue = ChecklistCatalogue.standard();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public DemoChecklists(URI dashboards, String password) {
        this.base = dashboards;
        this.password = password;
    }

    /** What a run did. */
    public record Outcome(int submitted, int reviewed, int alreadyThere) {
    }

    /** Fills in and reviews every pilot office's checklists of the quarter of {@code today}. */
    public Outcome run(LocalDate today, PrintStream progress) throws IOException, InterruptedException {
        ReportingPeriod period = ReportingPeriod.of(ReportingPeriod.Kind.QUARTER, today);
        Session expert = login("federal", "/checklists/review");
        int submitted = 0;
        int reviewed = 0;
        int already = 0;
        List<Office> offices = List.copyOf(OfficeDirectory.pilot().offices());
        for (int o = 0; o < offices.size(); o++) {
            Office office = offices.get(o);
            Session staff = login("office-" + office.code(), "/checklists");
            Random random = new Random(office.code().hashCode());
            JsonNode current = staff.get(API + office.code() + "/" + period.code());
            boolean rejectedOne = false;
            for (ChecklistIndicator indicator : FILLED) {
                if (!"not_started".equals(statusOf(current, indicator)) && !"draft".equals(statusOf(current, indicator))) {
                    already++;
                    continue;
                }
                Filled filled = fill(indicator, office, period, today, random);
                String path = API + office.code() + "/" + period.code() + "/" + indicator.code();
                staff.post(path + "/submit", filled.body());
                submitted++;
                for (String entry : filled.entries()) {
                    boolean reject = !rejectedOne && random.nextInt(4) == 0;
                    rejectedOne |= reject;
                    ObjectNode decision = EventJson.mapper().createObjectNode().put("entry", entry)
                            .put("decision", reject ? "rejected" : "accepted");
                    if (reject) {
                        decision.put("comment", "Фото не подтверждает параметр / the photo does not show it");
                    }
                    expert.post(path + "/review", decision.toString());
                    reviewed++;
                }
            }
            progress.printf("    checklists %d/%d offices (%s)%n", o + 1, offices.size(), office.code());
        }
        return new Outcome(submitted, reviewed, already);
    }

    private static String statusOf(JsonNode page, ChecklistIndicator indicator) {
        for (JsonNode c : page.path("checklists")) {
            if (indicator.code().equals(c.path("indicator").asText())) {
                return c.path("status").asText("not_started");
            }
        }
        return "not_started";
    }

    /** A submission and the entries it asks the expert to review. */
    record Filled(String body, List<String> entries) {
    }

    Filled fill(ChecklistIndicator indicator, Office office, ReportingPeriod period, LocalDate today, Random random) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        List<String> entries = new ArrayList<>();
        String evidence = "https://" + office.code().toLowerCase() + ".demo.otklik.invalid/" + indicator.code();
        switch (indicator.form()) {
            case PARAMETERS -> {
                ArrayNode parameters = body.putArray("parameters");
                for (ChecklistCatalogue.Item item : catalogue.parameters(indicator)) {
                    boolean implemented = random.nextInt(10) < 7;
                    ObjectNode p = parameters.addObject().put("code", item.code()).put("implemented", implemented);
                    if (implemented) {
                        p.put("evidenceUrl", evidence + "/" + item.code());
                        entries.add(item.code());
                    }
                }
            }
            case COMFORT_LEVEL -> {
                body.putObject("comfort").put("level", 1 + random.nextInt(3)).put("evidenceUrl", evidence);
                entries.add("comfort");
            }
            case VACANCIES -> {
                int previous = 200 + random.nextInt(400);
                body.putObject("vacancies").put("previous", previous)
                        .put("current", previous + random.nextInt(120) - 40).put("evidenceUrl", evidence);
                entries.add("vacancies");
            }
            case EVENTS -> {
                ArrayNode events = body.putArray("events");
                List<String> types = new ArrayList<>(catalogue.eventTypes().stream().map(ChecklistCatalogue.Item::code)
                        .toList());
                java.util.Collections.shuffle(types, random);
                int held = 1 + random.nextInt(4);
                long days = Math.max(1, today.toEpochDay() - period.start().toEpochDay() + 1);
                for (int n = 0; n < held; n++) {
                    events.addObject().put("date", period.start().plusDays(random.nextLong(days)).toString())
                            .put("name", "Мероприятие " + (n + 1)).put("summary", "Проведено для соискателей")
                            .put("type", types.get(n)).put("evidenceUrl", evidence + "/" + n);
                    entries.add("event." + n);
                }
            }
            default -> throw new IllegalStateException(indicator.form().name());
        }
        return new Filled(body.toString(), entries);
    }

    private Session login(String user, String page) throws IOException, InterruptedException {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow(() -> new IOException(
                "login of " + user + " answered " + r.statusCode() + " (is the demo password right?)"));
        Session s = new Session(cookie.substring(0, cookie.indexOf(';')));
        HttpResponse<String> p = s.send(HttpRequest.newBuilder(base.resolve(page)).GET());
        Matcher m = CSRF.matcher(p.body());
        if (!m.find()) {
            throw new IOException("no anti-CSRF token on " + page + " for " + user + " (" + p.statusCode() + ")");
        }
        s.csrf = m.group(1);
        return s;
    }

    private final class Session {
        private final String cookie;
        private String csrf;

        Session(String cookie) {
            this.cookie = cookie;
        }

        HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
            return http.send(b.header("Cookie", cookie).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        JsonNode get(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve(path)).GET());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return EventJson.mapper().readTree(r.body());
        }

        void post(String path, String json) throws IOException, InterruptedException {
            HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
            if (r.statusCode() != 200) {
                throw new IOException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
            }
        }
    }

    /** The local date of the demo's offices (the pilot's regions share Moscow time but for a few). */
    public static LocalDate today() {
        return LocalDate.now(RegionTimeZone.of("BRY"));
    }
}

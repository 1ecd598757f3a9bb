package ru.otklik.e2e.bench;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import ru.otklik.common.alert.FraudSettings;
import ru.otklik.common.alert.FraudSignal;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.RequestMeta;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.streaming.alert.internal.FraudCluster;

/**
 * Not a test: a program that measures the fraud flags ({@link FraudSignal}'s four signals with the
 * job's {@link FraudSettings} and its per-source counting, {@link FraudCluster}) on a labelled simulated
 * quarter of the 26 pilot offices, and prints precision per flag type (of the responses a flag names,
 * the share that were fakes) and recall per kind of fake (the share of fakes some flag named).
 *
 * <p>The honest traffic, and why it is not trivially clean: forms in opening hours (Mon–Fri 9–18, Sat
 * 10–14) at {@code forms} a day per office; 60 % from mobile networks behind carrier-grade NAT (a pool of
 * 40 addresses per region, shared by every office of the region), 25 % from home connections (an address
 * each), 15 % from the office's own visitor terminal (one address per office); answers top-heavy like
 * the pilot's (many all-10 forms, so equal vectors from one NAT address happen); reading time about
 * 4–9 s per item, 1 % of people much faster; devices (user-agent hashes) from a pool of 300 with a few very
 * common (the same phone model and browser version: a fifth of people on the ten commonest). Kiosk taps
 * 8–25 an open hour per office.
 *
 * <p>The fakes, each a labelled episode placed at random in opening hours: <b>burst</b> — staff enter 20
 * forms in 20–40 minutes from the office terminal with varied top scores; <b>slow</b> — staff enter 12
 * forms over a working day from the terminal, varied top scores (the staff-pattern flag's case: the
 * terminal is on the office's own network, as ingest would tell); <b>copies</b> — 5 identical forms
 * from one address over a day; <b>bot</b> — 10 forms at 0.5 s per item; <b>stuffing</b> — 60 kiosk taps in
 * 5 minutes; <b>campaign</b> — at every fourth office only, staff add 6 mostly-10 forms a day for three weeks,
 * spread over opening hours and sent from many addresses and phones, as a slow quota-filling campaign does (no
 * burst, no copies, no office network): the case of the distribution-shift flag, which the benchmark runs
 * with the job's own evaluation ({@code ShareShiftStage.evaluate}) at the end of every day.
 * Settings (system properties): {@code forms} (10), {@code episodes} (of each kind per office
 * and quarter, 1), {@code seed} (1).
 */
public final class FraudFlagBenchmark {

    private static final int QUARTER_DAYS = 91;
    private static final List<String> SEEKER_ITEMS = List.of("Q1", "Q5", "Q6", "Q8", "Q9", "Q10");

    enum Kind { HONEST, BURST, SLOW, COPIES, BOT, STUFFING, CAMPAIGN }

    /** Days a campaign lasts, and its forms per open day: sustained, spread, from people's phones. */
    private static final int CAMPAIGN_DAYS = 21;
    private static final int CAMPAIGN_FORMS = 6;

    private record Labelled(SurveyResponse response, Kind kind) {
    }

    public static void main(String[] args) {
        int forms = Integer.getInteger("forms", 10);
        int episodes = Integer.getInteger("episodes", 1);
        long seed = Long.getLong("seed", 1);
        Random random = new Random(seed);
        FraudSettings settings = FraudSettings.DEFAULTS;
        List<Office> offices = new ArrayList<>(OfficeDirectory.pilot().offices());
        LocalDate first = LocalDate.of(2026, 1, 12);
        List<Labelled> all = new ArrayList<>();
        Map<String, List<String>> natPools = new HashMap<>();
        long started = System.nanoTime();
        for (Office office : offices) {
            ZoneId zone = RegionTimeZone.of(office.regionCode());
            List<String> nat = natPools.computeIfAbsent(office.regionCode(), r -> {
                List<String> pool = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    pool.add("nat-" + r + "-" + i);
                }
                return pool;
            });
            String terminal = "terminal-" + office.code();
            int tapsPerHour = 8 + random.nextInt(18);
            for (int d = 0; d < QUARTER_DAYS; d++) {
                LocalDate day = first.plusDays(d);
                int[] hours = openHours(day);
                if (hours == null) {
                    continue;
                }
                long open = day.atTime(hours[0], 0).atZone(zone).toInstant().toEpochMilli();
                long span = (hours[1] - hours[0]) * 3_600_000L;
                int dayForms = (int) Math.round(forms * (hours[1] - hours[0]) / 9.0);
                for (int i = 0; i < dayForms; i++) {
                    double where = random.nextDouble();
                    String ip = where < 0.60 ? nat.get(random.nextInt(nat.size()))
                            : where < 0.85 ? "home-" + office.code() + "-" + d + "-" + i : terminal;
                    long fillPerItem = random.nextDouble() < 0.01 ? 700 + random.nextInt(800) : 4_000 + random.nextInt(5_000);
                    // the terminal is one device; people's phones are many, a few models very common
                    String device = ip.equals(terminal) ? "ua-terminal-" + office.code()
                            : "ua-" + (random.nextDouble() < 0.2 ? random.nextInt(10) : random.nextInt(300));
                    all.add(new Labelled(form(office, open + (long) (random.nextDouble() * span), ip, device,
                            honestAnswers(random), fillPerItem), Kind.HONEST));
                }
                int taps = tapsPerHour * (hours[1] - hours[0]);
                for (int i = 0; i < taps; i++) {
                    all.add(new Labelled(tap(office, "h" + d + "-" + i, open + (long) (random.nextDouble() * span),
                            1 + random.nextInt(4)), Kind.HONEST));
                }
            }
            for (int e = 0; e < episodes; e++) {
                for (Kind kind : List.of(Kind.BURST, Kind.SLOW, Kind.COPIES, Kind.BOT, Kind.STUFFING)) {
                    all.addAll(episode(kind, office, zone, first, terminal, random));
                }
            }
            if (offices.indexOf(office) % 4 == 0) {
                all.addAll(campaign(office, zone, first, random));
            }
        }
        all.sort(Comparator.comparing((Labelled l) -> l.response().clientTs()).thenComparing(l -> l.response().responseId()));

        // the job's counting, per source (office, signal, source), in event-time order
        Map<String, FraudCluster> clusters = new HashMap<>();
        Map<FraudSignal, Set<String>> flaggedBy = new EnumMap<>(FraudSignal.class);
        Map<FraudSignal, Integer> incidents = new EnumMap<>(FraudSignal.class);
        Map<String, Set<String>> namedByIncident = new HashMap<>(); // incident → the responses it named
        Map<String, FraudSignal> signalOfIncident = new HashMap<>();
        Map<String, String> incidentOfCluster = new HashMap<>();
        for (FraudSignal s : FraudSignal.values()) {
            flaggedBy.put(s, new HashSet<>());
            incidents.put(s, 0);
        }
        for (Labelled l : all) {
            SurveyResponse r = l.response();
            long at = r.clientTs().toEpochMilli();
            for (FraudSignal.Match m : FraudSignal.of(r, settings)) {
                String key = r.officeCode() + "|" + m.signal() + "|" + m.source();
                long window = m.signal().window(settings).toMillis();
                int threshold = m.signal().threshold(settings, m.source());
                FraudCluster c = clusters.get(key);
                if (c == null || c.expiredAt(at, window)) {
                    c = new FraudCluster(r.officeCode(), r.regionCode(), m.signal(), m.source());
                    clusters.put(key, c);
                }
                switch (c.observe(at, r.responseId(), threshold, window)) {
                    case OPENED -> {
                        incidents.merge(m.signal(), 1, Integer::sum);
                        List<String> named = c.row(threshold, window, "open", null, at, 0).responseIds();
                        flaggedBy.get(m.signal()).addAll(named);
                        String incident = key + "@" + at;
                        incidentOfCluster.put(key, incident);
                        signalOfIncident.put(incident, m.signal());
                        namedByIncident.put(incident, new HashSet<>(named));
                    }
                    case GATHERED -> {
                        flaggedBy.get(m.signal()).add(r.responseId());
                        namedByIncident.get(incidentOfCluster.get(key)).add(r.responseId());
                    }
                    default -> { } // watched, or passed by an open flag at an ordinary rate
                }
            }
        }

        Map<String, Kind> kindOf = new HashMap<>();
        Map<Kind, Integer> total = new EnumMap<>(Kind.class);
        for (Labelled l : all) {
            kindOf.put(l.response().responseId(), l.kind());
            total.merge(l.kind(), 1, Integer::sum);
        }
        Set<String> anyFlag = new HashSet<>();
        flaggedBy.values().forEach(anyFlag::addAll);
        System.out.printf("fraud flags on a labelled simulated quarter: %d offices, %,d responses (%,d fake), seed %d,"
                + " %d episode(s) of each kind per office, %.1f s%n", offices.size(), all.size(),
                all.size() - total.getOrDefault(Kind.HONEST, 0), seed, episodes, (System.nanoTime() - started) / 1e9);
        System.out.println();
        System.out.println("| flag | incidents | of them mostly fakes | responses named | of them fake | precision (responses) |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (FraudSignal s : FraudSignal.values()) {
            Set<String> named = flaggedBy.get(s);
            long fake = named.stream().filter(id -> kindOf.get(id) != Kind.HONEST).count();
            long trueIncidents = namedByIncident.entrySet().stream().filter(e -> signalOfIncident.get(e.getKey()) == s)
                    .filter(e -> 2 * e.getValue().stream().filter(id -> kindOf.get(id) != Kind.HONEST).count()
                            > e.getValue().size()).count();
            System.out.printf("| %s | %d | %d | %,d | %,d | %s |%n", s.alertType(), incidents.get(s), trueIncidents,
                    named.size(), fake, named.isEmpty() ? "–" : String.format("%.3f", (double) fake / named.size()));
        }
        System.out.println();
        System.out.println("| kind of fake | responses | named by a flag | recall |");
        System.out.println("|---|---:|---:|---:|");
        Map<Kind, Long> found = new LinkedHashMap<>();
        for (Labelled l : all) {
            if (l.kind() != Kind.HONEST && anyFlag.contains(l.response().responseId())) {
                found.merge(l.kind(), 1L, Long::sum);
            }
        }
        for (Kind k : List.of(Kind.BURST, Kind.COPIES, Kind.BOT, Kind.STUFFING, Kind.SLOW, Kind.CAMPAIGN)) {
            int n = total.getOrDefault(k, 0);
            long f = found.getOrDefault(k, 0L);
            System.out.printf("| %s | %,d | %,d | %.3f |%n", k.name().toLowerCase(java.util.Locale.ROOT), n, f,
                    n == 0 ? 0.0 : (double) f / n);
        }
        long honestNamed = anyFlag.stream().filter(id -> kindOf.get(id) == Kind.HONEST).count();
        System.out.printf("%nhonest responses named by some flag: %,d of %,d (%.4f)%n", honestNamed,
                total.getOrDefault(Kind.HONEST, 0), (double) honestNamed / total.getOrDefault(Kind.HONEST, 1));
        shift(all, offices, first);
    }

    /**
     * The distribution-shift flag over the same quarter: every form counted on its UTC day, every office evaluated
     * at the end of every day as the job does; offices with a campaign against offices without.
     */
    private static void shift(List<Labelled> all, List<Office> offices, LocalDate first) {
        var seeker = ru.otklik.common.survey.SurveyCatalog.builtIn().find("jc-seeker", 1).orElseThrow();
        ru.otklik.common.alert.ShiftSettings settings = ru.otklik.common.alert.ShiftSettings.DEFAULTS;
        long day0 = first.toEpochDay();
        Map<Long, Map<String, int[]>> byDay = new HashMap<>(); // day → office → counts
        Map<String, String> regionOf = new HashMap<>();
        Map<String, Long> campaignStart = new HashMap<>();
        for (Labelled l : all) {
            SurveyResponse r = l.response();
            var form = ru.otklik.common.alert.ShareShift.of(r, seeker);
            if (form.isEmpty()) {
                continue;
            }
            long day = Math.floorDiv(r.clientTs().toEpochMilli(), 86_400_000L);
            if (l.kind() == Kind.CAMPAIGN) {
                campaignStart.merge(r.officeCode(), day, Math::min);
            }
            regionOf.put(r.officeCode(), r.regionCode());
            int[] c = byDay.computeIfAbsent(day, k -> new HashMap<>()).computeIfAbsent(r.officeCode(), k -> new int[3]);
            c[0]++;
            c[1] += form.get().top() ? 1 : 0;
            c[2] += form.get().positive() ? 1 : 0;
        }
        Map<String, List<ru.otklik.common.store.AlertRow>> opened = new HashMap<>(); // office → its incidents' opening rows
        Map<String, String> referenceOf = new HashMap<>(); // office → what its first incident compared it with
        var state = new ru.otklik.streaming.alert.internal.OfficeShares();
        for (long day = day0; day < day0 + QUARTER_DAYS; day++) {
            for (var o : byDay.getOrDefault(day, Map.of()).entrySet()) {
                var office = state.offices.computeIfAbsent(o.getKey(),
                        k -> new ru.otklik.streaming.alert.internal.OfficeShares.Office());
                office.region = regionOf.get(o.getKey());
                office.days.put(day, o.getValue().clone());
            }
            long at = (day + 1) * 86_400_000L - 1;
            for (var row : ru.otklik.streaming.alert.ShareShiftStage.evaluate(state, day, at, settings)) {
                if (row.openedTs() == at / 1000 && !row.status().equals("closed")) {
                    opened.computeIfAbsent(row.officeCode(), k -> new ArrayList<>()).add(row);
                    referenceOf.putIfAbsent(row.officeCode(), row.detail().contains("\"reference\":\"country\"")
                            ? "country" : "region");
                }
            }
        }
        int normalOffices = offices.size() - campaignStart.size();
        long falseAlarms = offices.stream().filter(o -> !campaignStart.containsKey(o.code()))
                .mapToLong(o -> opened.getOrDefault(o.code(), List.of()).size()).sum();
        List<Long> delays = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        List<String> againstCountry = new ArrayList<>();
        int found = 0;
        for (var e : campaignStart.entrySet()) {
            long start = e.getValue();
            var hit = opened.getOrDefault(e.getKey(), List.of()).stream()
                    .filter(row -> row.openedTs() * 1000 >= start * 86_400_000L
                            && row.openedTs() * 1000 < (start + CAMPAIGN_DAYS + settings.windowDays()) * 86_400_000L)
                    .findFirst();
            if (hit.isPresent()) {
                found++;
                if ("country".equals(referenceOf.get(e.getKey()))) {
                    againstCountry.add(e.getKey());
                }
                delays.add(Math.floorDiv(hit.get().openedTs() * 1000, 86_400_000L) - start + 1);
            } else {
                missed.add(e.getKey() + " (offices in its region: " + offices.stream()
                        .filter(o -> o.regionCode().equals(e.getKey().substring(0, 3))).count() + ")");
            }
        }
        java.util.Collections.sort(delays);
        System.out.println();
        System.out.println("| distribution shift (shift_share) | offices | incidents | per office-quarter |");
        System.out.println("|---|---:|---:|---:|");
        System.out.printf("| normal offices: false alarms | %d | %d | %.3f |%n", normalOffices, falseAlarms,
                (double) falseAlarms / normalOffices);
        System.out.printf("| campaign offices: flagged during the campaign | %d | %d | recall %.3f, median delay %s days |%n",
                campaignStart.size(), found, campaignStart.isEmpty() ? 0.0 : (double) found / campaignStart.size(),
                delays.isEmpty() ? "–" : String.valueOf(delays.get(delays.size() / 2)));
        System.out.println("campaigns not flagged: " + (missed.isEmpty() ? "none" : String.join(", ", missed)));
        java.util.Collections.sort(againstCountry);
        System.out.println("campaigns flagged against the rest of the country (too few forms in the rest of the region): "
                + (againstCountry.isEmpty() ? "none" : String.join(", ", againstCountry)));
    }

    /** Three weeks of a quota-filling campaign at {@code office}: six mostly-10 forms a day from people's phones. */
    private static List<Labelled> campaign(Office office, ZoneId zone, LocalDate first, Random random) {
        List<Labelled> out = new ArrayList<>();
        LocalDate start = first.plusDays(40 + random.nextInt(QUARTER_DAYS - 40 - CAMPAIGN_DAYS));
        for (int d = 0; d < CAMPAIGN_DAYS; d++) {
            LocalDate day = start.plusDays(d);
            int[] hours = openHours(day);
            if (hours == null) {
                continue;
            }
            long open = day.atTime(hours[0], 0).atZone(zone).toInstant().toEpochMilli();
            long span = (hours[1] - hours[0]) * 3_600_000L;
            for (int i = 0; i < CAMPAIGN_FORMS; i++) {
                int[] a = new int[SEEKER_ITEMS.size()];
                for (int k = 0; k < a.length; k++) {
                    a[k] = random.nextDouble() < 0.8 ? 10 : 9; // "great, just not suspiciously perfect"
                }
                out.add(new Labelled(form(office, open + (long) (random.nextDouble() * span),
                        "nat-" + office.regionCode() + "-" + random.nextInt(40),
                        "ua-" + random.nextInt(300), a, 4_000 + random.nextInt(5_000)), Kind.CAMPAIGN));
            }
        }
        return out;
    }

    /** Local opening hours {from, to} of a day, null when closed. */
    private static int[] openHours(LocalDate day) {
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return null;
        }
        return day.getDayOfWeek() == DayOfWeek.SATURDAY ? new int[] {10, 14} : new int[] {9, 18};
    }

    /** Top-heavy like the pilot: a third all 10s, the rest mostly 7–10 with an occasional low mark. */
    private static int[] honestAnswers(Random random) {
        int[] a = new int[SEEKER_ITEMS.size()];
        boolean allTen = random.nextDouble() < 0.33;
        for (int i = 0; i < a.length; i++) {
            a[i] = allTen ? 10 : random.nextDouble() < 0.1 ? 1 + random.nextInt(6) : 7 + random.nextInt(4);
        }
        return a;
    }

    private static int counter;

    private static SurveyResponse form(Office office, long at, String ip, String device, int[] scores, long fillPerItem) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            answers.put(SEEKER_ITEMS.get(i), Answer.score(scores[i]));
        }
        Instant t = Instant.ofEpochMilli(at);
        long fill = fillPerItem * scores.length;
        return new SurveyResponse("f-" + (counter++), "jc-seeker", 1, Audience.SEEKER, Channel.LINK, Mode.IN_PERSON,
                office.regionCode(), office.code(), null, null, t, t.plusSeconds(1), answers, null, null, 0,
                t.minusMillis(fill), new RequestMeta(ip, device, fill, "questionnaire",
                ip.startsWith("terminal-"))); // the office's terminal is on the office's own network
    }

    private static SurveyResponse tap(Office office, String id, long at, int button) {
        Instant t = Instant.ofEpochMilli(at);
        return new KioskTap("t-" + office.code() + "-" + id, "kiosk-" + office.code(), button, null, t, 0)
                .toResponse(office.regionCode(), office.code(), "hall", t.plusSeconds(1));
    }

    /** One labelled episode of {@code kind} at a random opening time of the quarter. */
    private static List<Labelled> episode(Kind kind, Office office, ZoneId zone, LocalDate first, String terminal,
                                          Random random) {
        LocalDate day;
        do {
            day = first.plusDays(random.nextInt(QUARTER_DAYS));
        } while (day.getDayOfWeek() == DayOfWeek.SUNDAY || day.getDayOfWeek() == DayOfWeek.SATURDAY);
        long start = day.atTime(9, 30).atZone(zone).toInstant().toEpochMilli() + random.nextInt(4 * 3_600_000);
        List<Labelled> out = new ArrayList<>();
        switch (kind) {
            case BURST -> {
                long span = (20 + random.nextInt(21)) * 60_000L;
                for (int i = 0; i < 20; i++) {
                    out.add(new Labelled(form(office, start + span * i / 20, terminal, "ua-terminal-" + office.code(),
                            topScores(random),
                            3_000 + random.nextInt(3_000)), kind));
                }
            }
            case SLOW -> {
                long begin = day.atTime(9, 15).atZone(zone).toInstant().toEpochMilli();
                for (int i = 0; i < 12; i++) {
                    out.add(new Labelled(form(office, begin + i * 40 * 60_000L + random.nextInt(600_000), terminal,
                            "ua-terminal-" + office.code(),
                            topScores(random), 4_000 + random.nextInt(3_000)), kind));
                }
            }
            case COPIES -> {
                String ip = "copier-" + office.code();
                int[] same = topScores(random);
                for (int i = 0; i < 5; i++) {
                    out.add(new Labelled(form(office, start + i * 75 * 60_000L, ip, "ua-copier-" + office.code(), same,
                            5_000), kind));
                }
            }
            case BOT -> {
                String ip = "bot-" + office.code() + "-";
                for (int i = 0; i < 10; i++) { // a script rotating addresses, but not its speed
                    out.add(new Labelled(form(office, start + i * 45_000L, ip + i, "ua-bot", topScores(random), 500),
                            kind));
                }
            }
            case STUFFING -> {
                for (int i = 0; i < 60; i++) {
                    out.add(new Labelled(tap(office, "s" + start + "-" + i, start + i * 5_000L, 4), kind));
                }
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        return out;
    }

    /** Staff's "good but not suspicious" marks: 8–10, no two forms alike on purpose. */
    private static int[] topScores(Random random) {
        int[] a = new int[SEEKER_ITEMS.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = 8 + random.nextInt(3);
        }
        return a;
    }
}

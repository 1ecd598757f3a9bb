package ru.otklik.e2e.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import ru.otklik.common.http.MediaType;
import ru.otklik.common.office.Office;
import ru.otklik.common.response.EventJson;
import ru.otklik.e2e.fuzz.FuzzRequest.Expect;
import ru.otklik.ingest.kiosk.EnrolmentCode;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.ingest.link.LinkToken;
import ru.otklik.ingest.link.SurveyLink;

/**
 * Generators of the staff endpoints (enrolment codes, links) and of what their secrets open (enrolments,
 * QR codes, posters). These endpoints check their bodies inline, with no validator to ask, so every
 * request is valid or invalid by construction: a valid body, or a valid body with one mutation from a
 * list of changes each of which the endpoint's documented rules refuse.
 */
final class StaffRequests {

    private static final int MAX_BODY = 4_096;

    private final FuzzContext fx;
    private final List<String> freshCodes;
    private final List<String> spentCodes;
    private final AtomicInteger nextFresh = new AtomicInteger();
    private final LinkTokens tokens;

    StaffRequests(FuzzContext fx, List<String> freshCodes, List<String> spentCodes, LinkTokens tokens) {
        this.fx = fx;
        this.freshCodes = freshCodes;
        this.spentCodes = spentCodes;
        this.tokens = tokens;
    }

    /** Tokens made with the run's link key (and a foreign one): valid, single-use, expired, forged. */
    static final class LinkTokens {
        final List<String> valid;
        final List<SurveyLink> validLinks;
        final List<String> singleUse;
        final List<SurveyLink> singleUseLinks;
        final List<String> expired;
        final List<String> forged;

        LinkTokens(FuzzContext fx, Random r) {
            LinkToken signer = fx.stack.links;
            LinkToken foreign = new LinkToken(LinkKeys.parse("k1:" + LinkKeys.newSecret()), java.time.Clock.systemUTC());
            validLinks = new java.util.ArrayList<>();
            singleUseLinks = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                validLinks.add(link(fx, r, false, Instant.now().plus(Duration.ofDays(1 + r.nextInt(300)))));
                singleUseLinks.add(link(fx, r, true, Instant.now().plus(Duration.ofDays(2))));
            }
            valid = validLinks.stream().map(signer::sign).toList();
            singleUse = singleUseLinks.stream().map(signer::sign).toList();
            expired = java.util.stream.IntStream.range(0, 6).mapToObj(i -> signer.sign(link(fx, r, false,
                    Instant.now().minus(Duration.ofMinutes(1 + r.nextInt(100_000)))))).toList();
            forged = java.util.stream.IntStream.range(0, 6).mapToObj(i -> foreign.sign(link(fx, r, false,
                    Instant.now().plus(Duration.ofDays(3))))).toList();
            fx.secrets.addAll(valid);
            fx.secrets.addAll(singleUse);
            fx.secrets.addAll(expired);
        }

        private static SurveyLink link(FuzzContext fx, Random r, boolean singleUse, Instant expires) {
            Office office = fx.office(r);
            String survey = Mutations.pick(r, List.of("jc-seeker", "jc-employer", "pulse"));
            return new SurveyLink(SurveyLink.newLinkId(), office.regionCode(), office.code(),
                    r.nextBoolean() ? "desk-" + r.nextInt(9) : null, r.nextInt(3) == 0 ? "e-" + r.nextInt(99) : null,
                    survey, 1, singleUse, expires);
        }

        /** A token that is no use: truncated, a character changed, padded, random, percent-encoded garbage. */
        String garbled(Random r) {
            String t = Mutations.pick(r, valid);
            int at = r.nextInt(t.length());
            String garbled = switch (r.nextInt(8)) {
                case 0 -> t.substring(0, at);
                case 1 -> t.substring(0, at) + (char) ('A' + r.nextInt(26)) + t.substring(Math.min(t.length(), at + 1));
                case 2 -> t + "x";
                case 3 -> "%00" + t;
                case 4 -> java.net.URLEncoder.encode(Mutations.anyText(r), StandardCharsets.UTF_8);
                case 5 -> "..%2F..%2F" + t;
                case 6 -> "a".repeat(1 + r.nextInt(3_000));
                default -> t.replace('.', '~');
            };
            return garbled.equals(t) ? t + "~" : garbled; // a changed character may have been the same one
        }
    }

    // --- POST /api/v1/kiosk/enrolment-codes ---

    RequestSource enrolmentCodes() {
        List<BiConsumer<ObjectNode, Random>> breakers = List.of(
                (o, r) -> o.put("officeCode", "ZZZ-" + r.nextInt(99)),
                (o, r) -> o.remove("officeCode"),
                (o, r) -> o.put("officeCode", r.nextInt(100)),
                (o, r) -> o.put("officeCode", Mutations.pick(r, List.of("", " ", "BRY 01", "BRY-01\u0000", "бри-01"))),
                (o, r) -> o.remove("touchpointId"),
                (o, r) -> o.put("touchpointId", Mutations.pick(r, List.of("hall/1", "", "x".repeat(65), "зал"))),
                (o, r) -> o.put("ttlHours", Mutations.pick(r, List.of(0, 721, -1, Integer.MIN_VALUE, Integer.MAX_VALUE))),
                (o, r) -> o.put("ttlHours", Mutations.pick(r, List.of("72", "1.5", "1e3"))),
                (o, r) -> o.put("ttlHours", 1.5),
                (o, r) -> o.put("ttlHours", 4_000_000_000L),
                (o, r) -> o.put(Mutations.pick(r, List.of("deviceId", "secret", "OfficeCode", "")), "x"),
                (o, r) -> o.putNull("officeCode"));
        return (index, r) -> {
            FuzzRequest.Builder b = new FuzzRequest.Builder("kiosk enrolment-codes", "POST", "/api/v1/kiosk/enrolment-codes");
            ObjectNode body = EventJson.mapper().createObjectNode();
            body.put("officeCode", fx.office(r).code());
            body.put("touchpointId", "tp-" + r.nextInt(50));
            if (r.nextBoolean()) {
                body.put("ttlHours", 1 + r.nextInt(720));
            }
            // most requests are refused: every issued code is written to the enrolment file (fsync'ed)
            boolean valid = r.nextInt(100) < 6;
            return staffJson(b, r, valid ? body.toString() : broken(body, r, breakers, b), valid, MAX_BODY);
        };
    }

    // --- POST /api/v1/kiosk/enrolments ---

    RequestSource enrolments() {
        return (index, r) -> {
            FuzzRequest.Builder b = new FuzzRequest.Builder("kiosk enrolments", "POST", "/api/v1/kiosk/enrolments");
            b.header("Content-Type", "application/json");
            int kind = r.nextInt(100);
            if (kind < 3) {
                int i = nextFresh.getAndIncrement();
                if (i < freshCodes.size()) {
                    return b.body(json("code", freshCodes.get(i))).note("fresh code").expect(Expect.ACCEPT);
                }
            }
            if (kind < 15) {
                return b.body(json("code", Mutations.pick(r, spentCodes))).note("spent code").expect(Expect.REFUSE);
            }
            if (kind < 45) {
                String code = EnrolmentCode.randomChars(16);
                String typed = r.nextBoolean() ? code : code.substring(0, 4) + "-" + code.substring(4, 8) + "-"
                        + code.substring(8, 12) + "-" + code.substring(12);
                return b.body(json("code", typed)).note("unknown code").expect(Expect.REFUSE);
            }
            ObjectNode body = EventJson.mapper().createObjectNode();
            body.put("code", Mutations.pick(r, List.of(EnrolmentCode.randomChars(15), EnrolmentCode.randomChars(17),
                    "UUUU-UUUU-UUUU-UUUU", "", "ABCD-EFGH-JKLM-NPQ!", Mutations.anyText(r) + "!")));
            String how = "bad code";
            switch (r.nextInt(6)) {
                case 0 -> { body.put("code", r.nextLong()); how = "code as a number"; }
                case 1 -> { body.remove("code"); how = "no code"; }
                case 2 -> { body.put("deviceId", "k-1"); how = "unknown field"; }
                case 3 -> { body.putNull("code"); how = "null code"; }
                default -> { }
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(4) == 0) {
                StringBuilder mutation = new StringBuilder();
                byte[] mutated = Mutations.mutateBytes(bytes, r, mutation);
                if (!fx.rules.json(mutated).filter(t -> t.isObject() && t.path("code").isTextual()).isPresent()) {
                    bytes = mutated; // only mutations that keep it refused by construction
                    how += ", " + mutation;
                }
            }
            return b.body(bytes).note(how).expect(Expect.REFUSE);
        };
    }

    private static byte[] json(String field, String value) {
        ObjectNode o = EventJson.mapper().createObjectNode();
        o.put(field, value);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    // --- POST /api/v1/links ---

    RequestSource links() {
        List<BiConsumer<ObjectNode, Random>> breakers = List.of(
                (o, r) -> o.put("officeCode", "ZZZ-" + r.nextInt(99)),
                (o, r) -> o.remove("officeCode"),
                (o, r) -> o.put("officeCode", Mutations.pick(r, List.of("", "   "))),
                (o, r) -> o.put("officeCode", r.nextInt()),
                (o, r) -> o.put("surveyId", Mutations.pick(r, List.of("kiosk-quick", "jc-nobody", "", "JC-SEEKER"))),
                (o, r) -> o.put("surveyVersion", Mutations.pick(r, List.of(0, 2, -1, Integer.MAX_VALUE))),
                (o, r) -> o.put("surveyVersion", Mutations.pick(r, List.of("1", "one"))),
                (o, r) -> o.put("surveyVersion", 1.5),
                (o, r) -> o.put("surveyVersion", 4_000_000_000L),
                (o, r) -> o.remove("singleUse"),
                (o, r) -> o.put("singleUse", Mutations.pick(r, List.of("true", "1", "yes"))),
                (o, r) -> o.put("singleUse", 1),
                (o, r) -> o.put("validDays", Mutations.pick(r, List.of(0, 401, -5, Integer.MIN_VALUE))),
                (o, r) -> o.put("validDays", "30"),
                (o, r) -> o.put("validDays", 1e10),
                (o, r) -> o.remove("validDays"),
                (o, r) -> o.put("touchpointId", Mutations.pick(r, List.of("desk 1", "x".repeat(65), "окно", "a/b", ""))),
                (o, r) -> o.put("employeeId", Mutations.pick(r, List.of("e 1", "é", "<script>", "y".repeat(70)))),
                (o, r) -> o.put(Mutations.pick(r, List.of("expiresAt", "token", "OfficeCode", "regionCode")), "x"));
        return (index, r) -> {
            FuzzRequest.Builder b = new FuzzRequest.Builder("links", "POST", "/api/v1/links");
            ObjectNode body = EventJson.mapper().createObjectNode();
            body.put("officeCode", fx.office(r).code());
            body.put("surveyId", Mutations.pick(r, List.of("jc-seeker", "jc-employer", "pulse")));
            body.put("surveyVersion", 1);
            body.put("singleUse", r.nextBoolean());
            body.put("validDays", 1 + r.nextInt(400));
            if (r.nextBoolean()) {
                body.put("touchpointId", "desk-" + r.nextInt(30));
            }
            if (r.nextInt(3) == 0) {
                body.put("employeeId", "e:" + r.nextInt(300));
            }
            boolean valid = r.nextInt(100) < 35;
            return staffJson(b, r, valid ? body.toString() : broken(body, r, breakers, b), valid, MAX_BODY);
        };
    }

    /** A valid body with one refused change: a listed breaker, or a byte mutation that leaves no valid JSON object. */
    private String broken(ObjectNode body, Random r, List<BiConsumer<ObjectNode, Random>> breakers, FuzzRequest.Builder b) {
        int kind = r.nextInt(10);
        if (kind < 7) {
            int which = r.nextInt(breakers.size());
            breakers.get(which).accept(body, r);
            b.note("breaker " + which);
            return body.toString();
        }
        if (kind == 7) {
            b.note("oversized");
            body.put("touchpointId", "t".repeat(MAX_BODY));
            return body.toString();
        }
        String text = body.toString();
        b.note(kind == 8 ? "truncated" : "not an object");
        return kind == 8 ? text.substring(0, r.nextInt(text.length() - 1))
                : Mutations.pick(r, List.of("[]", "null", "\"x\"", "42", "", "[" + text + "]"));
    }

    /** A JSON body to a staff endpoint: the token (right, missing, wrong, garbage) and the type decide first. */
    private FuzzRequest staffJson(FuzzRequest.Builder b, Random r, String body, boolean validBody, int limit) {
        String contentType = r.nextInt(12) == 0 ? Mutations.contentTypeMutation(r, "application/json") : "application/json";
        b.header("Content-Type", contentType);
        int auth = r.nextInt(10);
        String authorization = switch (auth) {
            case 0 -> null;
            case 1 -> "Bearer " + fx.stack.staffToken + "x";
            case 2 -> "Bearer " + Mutations.garbageHeaderValue(r);
            case 3 -> "Basic " + java.util.Base64.getEncoder().encodeToString(("fuzzer:" + fx.stack.staffToken)
                    .getBytes(StandardCharsets.UTF_8));
            default -> "Bearer " + fx.stack.staffToken;
        };
        b.header("Authorization", authorization).note("auth " + auth);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        b.body(bytes);
        boolean accept = validBody && fx.isStaff(authorization) && MediaType.admits(contentType, MediaType.JSON)
                && bytes.length <= limit;
        return b.expect(accept ? Expect.ACCEPT : Expect.REFUSE);
    }

    // --- GET /api/v1/links/{token}/qr.svg | qr.png | poster ---

    RequestSource linkViews() {
        return (index, r) -> {
            // a PNG is drawn pixel by pixel: a few of them, many posters and SVGs
            String view = r.nextInt(20) == 0 ? "qr.png" : r.nextInt(3) == 0 ? "qr.svg" : "poster";
            int kind = r.nextInt(100);
            String token;
            boolean ok;
            if (kind < 20) {
                token = Mutations.pick(r, r.nextBoolean() ? tokens.valid : tokens.singleUse);
                ok = true;
            } else if (kind < 45) {
                token = Mutations.pick(r, tokens.expired);
                ok = false;
            } else if (kind < 55) {
                token = Mutations.pick(r, tokens.forged);
                ok = false;
            } else {
                token = tokens.garbled(r);
                ok = false;
            }
            String target = "/api/v1/links/" + token + "/" + view + (r.nextInt(10) == 0 ? "?x=" + r.nextInt() : "");
            FuzzRequest.Builder b = new FuzzRequest.Builder("link view " + view, "GET", target);
            if (r.nextInt(20) == 0) {
                b.garbageHeader("Accept", Mutations.garbageHeaderValue(r)).note("header-garbage");
            }
            return b.note(ok ? "valid token" : "bad token").expect(ok ? Expect.ACCEPT : Expect.REFUSE);
        };
    }
}

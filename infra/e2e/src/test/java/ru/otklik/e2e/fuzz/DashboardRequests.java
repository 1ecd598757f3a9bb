package ru.otklik.e2e.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ru.otklik.common.http.MediaType;
import ru.otklik.common.office.Office;
import ru.otklik.e2e.fuzz.FuzzRequest.Expect;

/**
 * The dashboards' login form and JSON API. Who may see what is the project's documented scope rule
 * (federal: everything; a region: its offices; an office: itself), and the order of the API's checks is
 * signed in (401), in scope (403, unknown codes included), known (404, federal only), parameters (400).
 * Few requests are valid: each of those queries ClickHouse, the refusals are what is being fuzzed.
 */
final class DashboardRequests {

    private static final int MAX_FORM = 8 * 1024;
    private static final List<String> WINDOWS = List.of("1h", "24h", "7d", "30d", "quarter", "all", "");
    private static final List<String> BAD_WINDOWS = List.of("2h", "1H", "30D", "-1h", "week",
            "%27%3B+DROP+TABLE+x+--", "1h%00", "%F0%9F%98%80", "quarter%20", "1" + "0".repeat(300));

    private final FuzzContext fx;
    /** username -> the session cookie value the login gave it */
    private final Map<String, String> cookies;

    DashboardRequests(FuzzContext fx, Map<String, String> cookies) {
        this.fx = fx;
        this.cookies = cookies;
    }

    RequestSource login() {
        return (index, r) -> {
            FuzzRequest.Builder b = new FuzzRequest.Builder("dashboards POST /login", "POST", "/login");
            // an unknown name costs a decoy hash at production strength (no user enumeration by timing): few of them
            String user = switch (r.nextInt(16)) {
                case 0, 1, 2, 3 -> "federal";
                case 4, 5, 6, 7, 8 -> "region-" + fx.office(r).regionCode();
                case 9, 10, 11, 12, 13 -> "office-" + fx.office(r).code();
                case 14 -> Mutations.anyText(r);
                default -> Mutations.pick(r, List.of("", "federal ", "FEDERAL", "federal\u0000", "admin",
                        "office-ZZZ-" + r.nextInt(99)));
            };
            boolean knownUser = user.equals("federal") || user.startsWith("region-") && fx.rules.offices()
                    .hasRegion(user.substring(7)) || user.startsWith("office-") && fx.rules.offices()
                    .office(user.substring(7)).isPresent();
            boolean rightPassword = r.nextInt(3) == 0;
            String password = rightPassword ? fx.stack.password : Mutations.pick(r, List.of(fx.stack.password + "x",
                    "", fx.stack.password.toUpperCase(java.util.Locale.ROOT), Mutations.anyText(r), "p".repeat(2_000)));
            StringBuilder form = new StringBuilder();
            if (r.nextInt(20) != 0) {
                form.append("username=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
            } else {
                knownUser = false;
            }
            if (r.nextInt(20) != 0) {
                form.append("&password=").append(URLEncoder.encode(password, StandardCharsets.UTF_8));
            } else {
                rightPassword = false;
            }
            if (r.nextInt(4) == 0) {
                form.append("&next=").append(URLEncoder.encode(Mutations.pick(r, List.of("/regions", "//evil.example",
                        "https://evil.example/", "/\\evil", Mutations.anyText(r))), StandardCharsets.UTF_8));
            }
            byte[] bytes = form.toString().getBytes(StandardCharsets.UTF_8);
            boolean decodes = true;
            int kind = r.nextInt(100);
            // a failed sign-in costs a full password hash by design (no timing oracle): most of the fuzzed
            // logins are refused before it, for their type, size or encoding
            if (kind < 30) {
                bytes = Mutations.insert(bytes, r.nextInt(bytes.length + 1), Mutations.pick(r, List.of("%", "%G1",
                        "%C0%AF", "%FF", "%ED%A0%80")).getBytes(StandardCharsets.UTF_8));
                decodes = false;
                b.note("broken encoding");
            } else if (kind < 40) {
                bytes = ("username=federal&password=" + "q".repeat(MAX_FORM)).getBytes(StandardCharsets.UTF_8);
                b.note("oversized");
            }
            String contentType = r.nextInt(4) == 0 ? Mutations.contentTypeMutation(r, "application/x-www-form-urlencoded")
                    : "application/x-www-form-urlencoded";
            b.header("Content-Type", contentType).body(bytes).note(knownUser ? "known user" : "unknown user")
                    .note(rightPassword ? "right password" : "wrong password");
            boolean accept = MediaType.admits(contentType, MediaType.FORM) && bytes.length <= MAX_FORM && decodes
                    && knownUser && rightPassword;
            return b.expect(accept ? Expect.ACCEPT : Expect.REFUSE);
        };
    }

    /** Who is asking: a signed-in user, or a cookie that is no use. */
    private record Viewer(String username, String cookieHeader) {
        boolean signedIn() {
            return username != null;
        }
    }

    private Viewer viewer(Random r) {
        List<String> users = List.copyOf(cookies.keySet());
        String user = users.get(r.nextInt(users.size()));
        String cookie = cookies.get(user);
        return switch (r.nextInt(10)) {
            case 0 -> new Viewer(null, null);
            case 1 -> new Viewer(null, "otklik_session=" + cookie.substring(0, cookie.length() - 2) + "xx");
            case 2 -> new Viewer(null, "otklik_session=" + Mutations.garbageHeaderValue(r).replace(';', ',') + "x");
            case 3 -> new Viewer(null, "otklik_session=" + new StringBuilder(cookie).reverse());
            case 4 -> new Viewer(user, "lang=en; otklik_session=" + cookie + "; other=1");
            default -> new Viewer(user, "otklik_session=" + cookie);
        };
    }

    private static boolean allowsOffice(String user, Office office) {
        return user.equals("federal") || user.equals("region-" + office.regionCode()) || user.equals("office-" + office.code());
    }

    RequestSource api() {
        return (index, r) -> {
            Viewer viewer = viewer(r);
            int kind = r.nextInt(100);
            String target;
            Expect expect;
            if (kind < 70) {
                Office office = r.nextInt(8) == 0 ? null : fx.office(r);
                String code = office != null ? office.code() : Mutations.pick(r, List.of("ZZZ-01", "BRY-99", "..%2F..",
                        URLEncoder.encode(Mutations.anyText(r), StandardCharsets.UTF_8), "%00", "BRY-01%20"));
                String view = Mutations.pick(r, List.of("indicators", "history", "profile", "breakdown"));
                String query = officeQuery(view, r);
                boolean goodQuery = !query.contains("=bad");
                target = "/api/v1/offices/" + code + "/" + view + query.replace("=bad", "=");
                boolean allowed = viewer.signedIn() && (office != null ? allowsOffice(viewer.username(), office)
                        : false);
                expect = allowed && goodQuery ? Expect.ACCEPT : Expect.REFUSE;
            } else if (kind < 85) {
                String region = r.nextInt(6) == 0 ? Mutations.pick(r, List.of("ZZZ", "bry", "", "BRY%00"))
                        : fx.office(r).regionCode();
                String window = r.nextInt(5) == 0 ? "bad" + Mutations.pick(r, BAD_WINDOWS) : Mutations.pick(r, WINDOWS);
                target = "/api/v1/regions/" + region + "/offices?window=" + window.replaceFirst("^bad", "");
                boolean allowed = viewer.signedIn() && fx.rules.offices().hasRegion(region)
                        && (viewer.username().equals("federal") || viewer.username().equals("region-" + region));
                expect = allowed && !window.startsWith("bad") ? Expect.ACCEPT : Expect.REFUSE;
            } else if (kind < 93) {
                String window = r.nextInt(5) == 0 ? "bad" + Mutations.pick(r, BAD_WINDOWS) : Mutations.pick(r, WINDOWS);
                target = "/api/v1/regions?window=" + window.replaceFirst("^bad", "");
                expect = viewer.signedIn() && viewer.username().equals("federal") && !window.startsWith("bad")
                        ? Expect.ACCEPT : Expect.REFUSE;
            } else {
                target = "/api/v1/me";
                expect = viewer.signedIn() ? Expect.ACCEPT : Expect.REFUSE;
            }
            FuzzRequest.Builder b = new FuzzRequest.Builder("dashboards API", "GET", target)
                    .header("Cookie", viewer.cookieHeader()).note(viewer.signedIn() ? viewer.username() : "no session");
            return b.expect(expect);
        };
    }

    /** The query of an office view; a leading "bad" marks a parameter the API must refuse (removed before sending). */
    private static String officeQuery(String view, Random r) {
        boolean bad = r.nextInt(5) == 0;
        String window = bad ? "bad" + Mutations.pick(r, BAD_WINDOWS) : Mutations.pick(r, WINDOWS);
        return switch (view) {
            case "indicators" -> "?window=" + window;
            case "history" -> "?granularity=" + (bad ? "bad" + Mutations.pick(r, List.of("week", "DAY", "minute", "%00"))
                    : Mutations.pick(r, List.of("day", "hour", "")));
            case "profile" -> bad ? "?questionId=badQ99x" : "?audience=" + Mutations.pick(r, List.of("", "all", "seeker",
                    "employer"));
            default -> bad && r.nextBoolean() ? "?window=7d&audience=badalien" : "?window=" + window;
        };
    }
}

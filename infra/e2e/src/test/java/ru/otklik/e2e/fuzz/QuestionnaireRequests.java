package ru.otklik.e2e.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import ru.otklik.common.http.MediaType;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.e2e.fuzz.FuzzRequest.Expect;
import ru.otklik.ingest.link.SurveyLink;

/**
 * The web questionnaire {@code GET/POST /s/{token}}: valid multi-use links, single-use links (the first
 * valid answer spends one, after that "already answered"), expired, forged and garbled tokens; form
 * bodies that start as what the page posts and are then garbled field by field or byte by byte.
 */
final class QuestionnaireRequests {

    private static final int MAX_BODY = 65_536;

    private final FuzzContext fx;
    private final StaffRequests.LinkTokens tokens;

    QuestionnaireRequests(FuzzContext fx, StaffRequests.LinkTokens tokens) {
        this.fx = fx;
        this.tokens = tokens;
    }

    /** Which kind of token a request carries. */
    private enum Token { VALID, SINGLE_USE, EXPIRED, FORGED, GARBLED }

    RequestSource pages() {
        return (index, r) -> {
            Token kind = token(r);
            int pick = r.nextInt(tokens.valid.size());
            String token = switch (kind) {
                case VALID -> tokens.valid.get(pick);
                case SINGLE_USE -> tokens.singleUse.get(pick);
                case EXPIRED -> Mutations.pick(r, tokens.expired);
                case FORGED -> Mutations.pick(r, tokens.forged);
                case GARBLED -> tokens.garbled(r);
            };
            String query = switch (r.nextInt(6)) {
                case 0 -> "?lang=en";
                case 1 -> "?lang=" + URLEncoder.encode(Mutations.anyText(r), StandardCharsets.UTF_8);
                case 2 -> "?lang=ru&lang=en&x=%ZZ";
                default -> "";
            };
            boolean get = r.nextInt(100) < 30;
            FuzzRequest.Builder b = new FuzzRequest.Builder(get ? "questionnaire GET" : "questionnaire POST",
                    get ? "GET" : "POST", "/s/" + token + query).note("token " + kind);
            if (get) {
                return b.expect(kind == Token.VALID ? Expect.ACCEPT : kind == Token.SINGLE_USE ? Expect.EITHER
                        : Expect.REFUSE);
            }
            SurveyLink link = kind == Token.VALID ? tokens.validLinks.get(pick)
                    : kind == Token.SINGLE_USE ? tokens.singleUseLinks.get(pick) : null;
            SurveyDefinition survey = fx.rules.surveys().find(link == null ? "jc-seeker" : link.surveyId(), 1).orElseThrow();
            List<String[]> fields = fx.validFormFields(r, fx.id("web", index), survey, index);
            byte[] body = body(fields, r, b);
            String contentType = r.nextInt(12) == 0 ? Mutations.contentTypeMutation(r, "application/x-www-form-urlencoded")
                    : "application/x-www-form-urlencoded";
            b.header("Content-Type", contentType).body(body);
            if (!MediaType.admits(contentType, MediaType.FORM) || link == null || body.length > MAX_BODY) {
                return b.expect(Expect.REFUSE); // 415 before the token is looked at; 404 for a bad token; 413
            }
            boolean valid;
            try {
                valid = fx.rules.formValid(body, link);
            } catch (RuntimeException e) {
                b.note("oracle failed: " + e.getClass().getSimpleName());
                return b.expect(Expect.EITHER);
            }
            if (!valid) {
                return b.expect(Expect.REFUSE);
            }
            return b.expect(kind == Token.SINGLE_USE ? Expect.EITHER : Expect.ACCEPT);
        };
    }

    private static Token token(Random r) {
        int k = r.nextInt(100);
        return k < 50 ? Token.VALID : k < 57 ? Token.SINGLE_USE : k < 70 ? Token.EXPIRED : k < 80 ? Token.FORGED
                : Token.GARBLED;
    }

    /** The form as the page posts it, garbled 60% of the time: values, names, repeats, escapes, bytes, size. */
    private static byte[] body(List<String[]> fields, Random r, FuzzRequest.Builder b) {
        List<String[]> changed = new ArrayList<>(fields);
        int kind = r.nextInt(100);
        if (kind < 20) {
            b.note("valid");
        } else if (kind < 75) {
            for (int n = 1 + r.nextInt(3); n > 0; n--) {
                int i = r.nextInt(changed.size());
                String[] f = changed.get(i);
                // a response id is never changed into another valid one: a second form under an id the link
                // already took is answered "thanks" without being read (the retry of a double tap), whatever it holds
                int change = f[0].equals("responseId") ? r.nextInt(2) * 6 : r.nextInt(7);
                switch (change) {
                    case 0 -> changed.remove(i);
                    case 1 -> changed.set(i, new String[] {f[0], Mutations.pick(r, List.of("11", "0", "-1", "nine",
                            "1e3", "9.5", "  8 ", "２", "4000000000", "", "yes", "dont_know"))});
                    case 2 -> changed.set(i, new String[] {f[0], Mutations.anyText(r)});
                    case 3 -> changed.add(new String[] {f[0], Mutations.humanText(r)});
                    case 4 -> changed.add(new String[] {Mutations.pick(r, List.of("Q99", "officeCode", "channel",
                            "regionCode", "employeeId", "profile.shoeSize", "email", "Q12", "Q13")), Mutations.humanText(r)});
                    case 5 -> changed.set(i, new String[] {f[0], "x".repeat(r.nextInt(5_000))});
                    default -> changed.set(i, new String[] {f[0].toLowerCase(java.util.Locale.ROOT) + "_", f[1]});
                }
            }
            b.note("fields garbled");
        }
        String encoded = changed.stream().map(f -> URLEncoder.encode(f[0], StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(f[1], StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        byte[] bytes = encoded.getBytes(StandardCharsets.UTF_8);
        if (kind >= 75 && kind < 98) {
            b.note("bytes garbled");
            int at = r.nextInt(bytes.length + 1);
            String insert = Mutations.pick(r, List.of("%", "%G1", "%C0%AF", "%ED%A0%80", "%FF", "&&&", "=", "%00",
                    "+", ";", "&Q1=3&Q1=9", "%E2%82"));
            return Mutations.insert(bytes, at, insert.getBytes(StandardCharsets.UTF_8));
        }
        if (kind >= 98) {
            b.note("oversized");
            return (encoded + "&comment=" + "c".repeat(MAX_BODY)).getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }
}

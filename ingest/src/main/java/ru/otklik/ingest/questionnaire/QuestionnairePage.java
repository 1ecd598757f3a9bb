package ru.otklik.ingest.questionnaire;

import java.util.List;
import java.util.Map;
import java.util.Set;
import ru.otklik.common.response.Mode;
import ru.otklik.common.survey.LocalizedText;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.QuestionType;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.ingest.questionnaire.QuestionnaireSteps.Step;

/**
 * The server-rendered questionnaire pages. The form works without JavaScript (all steps visible,
 * one submit at the end); {@code questionnaire.js} only shows one step at a time, hides what does
 * not apply and keeps the response id. Every value is HTML-escaped; nothing is loaded from elsewhere.
 */
final class QuestionnairePage {

    static final String ASSETS = "/assets/questionnaire";

    private QuestionnairePage() {
    }

    /**
     * What one rendering of the form needs.
     *
     * @param values the previous submission when the form comes back (errors, Kafka down), else empty
     * @param invalidFields field names with a problem ({@code Q1}, {@code profile.gender}, {@code email})
     * @param banner a message above the form, or null
     */
    record Form(SurveyDefinition survey, String officeName, String regionName, String token, String responseId,
                String lang, FormSubmission values, Set<String> invalidFields, LocalizedText banner) {
    }

    static String form(Form f) {
        String lang = f.lang();
        QuestionnaireSteps steps = QuestionnaireSteps.of(f.survey());
        StringBuilder h = new StringBuilder(32_768);
        head(h, f.survey().title().in(lang), lang);
        h.append("<header class=\"top\">");
        languageSwitch(h, f.token(), lang);
        h.append("<h1>").append(esc(f.survey().title().in(lang))).append("</h1>");
        h.append("<p class=\"office\">").append(esc(PageText.OFFICE.in(lang))).append(": <strong>")
                .append(esc(f.officeName())).append("</strong>");
        if (f.regionName() != null) {
            h.append(" <span class=\"region\">· ").append(esc(f.regionName())).append("</span>");
        }
        h.append("</p><p class=\"intro\">").append(esc(PageText.INTRO.in(lang))).append("</p></header>");
        if (f.banner() != null) {
            h.append("<div class=\"banner\" role=\"alert\">").append(esc(f.banner().in(lang))).append("</div>");
        }
        h.append("<div class=\"progress\" aria-hidden=\"true\"><div class=\"bar\"><span></span></div>")
                .append("<p class=\"progress-text\"></p></div>");
        h.append("<form method=\"post\" action=\"/s/").append(esc(f.token())).append("\" id=\"questionnaire\"")
                .append(" novalidate data-token=\"").append(esc(f.token())).append("\" data-step-label=\"")
                .append(esc(PageText.STEP.in(lang))).append("\" data-your-answer=\"")
                .append(esc(PageText.YOUR_ANSWER.in(lang))).append("\" data-sending=\"")
                .append(esc(PageText.SENDING.in(lang))).append("\">");
        hidden(h, FormSubmission.RESPONSE_ID, f.responseId());
        hidden(h, "lang", lang);
        String started = f.values().value(FormSubmission.STARTED_TS);
        if (started != null) {
            hidden(h, FormSubmission.STARTED_TS, started);
        }
        for (Step step : steps.steps()) {
            step(h, f, step, steps.count());
        }
        h.append("</form>");
        foot(h);
        return h.toString();
    }

    private static void step(StringBuilder h, Form f, Step step, int count) {
        String lang = f.lang();
        h.append("<section class=\"step\" id=\"step-").append(step.number()).append("\" data-step=\"")
                .append(step.number()).append("\">");
        h.append("<h2 tabindex=\"-1\"><span class=\"step-no\">")
                .append(esc(String.format(PageText.STEP.in(lang), step.number(), count))).append("</span> ")
                .append(esc(step.title().in(lang))).append("</h2>");
        if (step.first()) {
            String mode = f.values().value("mode");
            choiceGroup(h, "mode", PageText.MODE.in(lang), List.of(Mode.IN_PERSON.code(), Mode.REMOTE.code()),
                    PageText.MODES, lang, mode, "mode", f.invalidFields().contains("mode"));
        }
        for (Question q : step.questions()) {
            question(h, f, q);
        }
        if (step.last()) {
            aboutYou(h, f);
        }
        h.append("<div class=\"nav\">");
        if (!step.first()) {
            h.append("<button type=\"button\" class=\"back\">").append(esc(PageText.BACK.in(lang))).append("</button>");
        }
        if (step.last()) {
            h.append("<button type=\"submit\" class=\"submit\">").append(esc(PageText.SUBMIT.in(lang))).append("</button>");
        } else {
            h.append("<button type=\"button\" class=\"next\">").append(esc(PageText.NEXT.in(lang))).append("</button>");
        }
        h.append("</div></section>");
    }

    private static void question(StringBuilder h, Form f, Question q) {
        String lang = f.lang();
        boolean invalid = f.invalidFields().contains(q.id());
        h.append("<fieldset class=\"q").append(q.inPersonOnly() ? " in-person-only" : "")
                .append(q.showIf() != null ? " conditional" : "").append(invalid ? " has-error" : "")
                .append("\" id=\"q-").append(esc(q.id())).append("\" data-question=\"").append(esc(q.id())).append('"');
        if (q.showIf() != null) {
            h.append(" data-show-if=\"").append(esc(q.showIf().question())).append("\" data-show-if-value=\"")
                    .append(esc(q.showIf().equals())).append('"');
        }
        h.append("><legend>").append(esc(q.text().in(lang))).append("</legend>");
        if (q.inPersonOnly()) {
            h.append("<p class=\"note when-no-js\">").append(esc(PageText.IN_PERSON_ONLY.in(lang))).append("</p>");
        }
        if (q.showIf() != null) {
            h.append("<p class=\"note when-no-js\">").append(esc(PageText.IF_YES.in(lang))).append("</p>");
        }
        if (invalid) {
            h.append("<p class=\"error\">").append(esc(PageText.CHECK_ANSWER.in(lang))).append("</p>");
        }
        String chosen = f.values().value(q.id());
        if (q.type().isScored()) {
            scale(h, q, lang, chosen);
        } else {
            options(h, q.id(), q.allowedChoices(), PageText.CHOICES, lang, chosen);
        }
        h.append("<button type=\"button\" class=\"clear\">").append(esc(PageText.CLEAR.in(lang))).append("</button>");
        h.append("</fieldset>");
    }

    private static void scale(StringBuilder h, Question q, String lang, String chosen) {
        QuestionType type = q.type();
        int points = type.max() - type.min() + 1;
        h.append("<div class=\"scale points-").append(points).append("\">");
        for (int n = type.min(); n <= type.max(); n++) {
            String id = q.id() + "-" + n;
            LocalizedText anchor = PageText.anchor(type, n);
            String spoken = anchor == null ? String.valueOf(n) : n + " — " + anchor.in(lang);
            h.append("<input type=\"radio\" name=\"").append(esc(q.id())).append("\" id=\"").append(esc(id))
                    .append("\" value=\"").append(n).append('"');
            if (anchor != null) {
                h.append(" data-anchor=\"").append(esc(anchor.in(lang))).append('"');
            }
            h.append(String.valueOf(n).equals(chosen) ? " checked" : "").append("><label for=\"").append(esc(id))
                    .append("\" title=\"").append(esc(spoken)).append("\" aria-label=\"").append(esc(spoken))
                    .append("\">").append(n).append("</label>");
        }
        h.append("</div>");
        LocalizedText[] ends = type == QuestionType.SCALE_1_10
                ? new LocalizedText[] {PageText.SCALE_1_10_ANCHORS.get(0), PageText.SCALE_1_10_ANCHORS.get(9)}
                : PageText.endAnchors(type);
        h.append("<div class=\"anchors\"><span>").append(type.min()).append(" — ").append(esc(ends[0].in(lang)))
                .append("</span><span>").append(type.max()).append(" — ").append(esc(ends[1].in(lang)))
                .append("</span></div><p class=\"chosen\" aria-live=\"polite\"></p>");
    }

    private static void choiceGroup(StringBuilder h, String name, String legend, List<String> codes,
                                    Map<String, LocalizedText> labels, String lang, String chosen, String cssClass,
                                    boolean invalid) {
        h.append("<fieldset class=\"q ").append(cssClass).append(invalid ? " has-error" : "").append("\" id=\"q-")
                .append(esc(name)).append("\"><legend>").append(esc(legend)).append("</legend>");
        if (invalid) {
            h.append("<p class=\"error\">").append(esc(PageText.CHECK_ANSWER.in(lang))).append("</p>");
        }
        options(h, name, codes, labels, lang, chosen);
        h.append("<button type=\"button\" class=\"clear\">").append(esc(PageText.CLEAR.in(lang))).append("</button>");
        h.append("</fieldset>");
    }

    private static void options(StringBuilder h, String name, List<String> codes, Map<String, LocalizedText> labels,
                                String lang, String chosen) {
        h.append("<div class=\"choices\">");
        for (String code : codes) {
            String id = name + "-" + code;
            h.append("<input type=\"radio\" name=\"").append(esc(name)).append("\" id=\"").append(esc(id))
                    .append("\" value=\"").append(esc(code)).append('"').append(code.equals(chosen) ? " checked" : "")
                    .append("><label for=\"").append(esc(id)).append("\">")
                    .append(esc(PageText.label(labels, code, lang))).append("</label>");
        }
        h.append("</div>");
    }

    private static void aboutYou(StringBuilder h, Form f) {
        String lang = f.lang();
        SurveyDefinition survey = f.survey();
        if (survey.audiences().size() > 1) {
            choiceGroup(h, "audience", PageText.AUDIENCE.in(lang), survey.audiences(), PageText.CHOICES, lang,
                    f.values().value("audience"), "audience", f.invalidFields().contains("audience"));
        }
        for (Map.Entry<String, List<String>> field : survey.profile().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(QuestionnairePage::profileOrder)).toList()) {
            String name = "profile." + field.getKey();
            String label = PageText.label(PageText.PROFILE_FIELDS, field.getKey(), lang);
            boolean invalid = f.invalidFields().contains(name);
            h.append("<div class=\"field").append(invalid ? " has-error" : "").append("\">");
            if (survey.multiChoiceProfileFields().contains(field.getKey())) {
                List<String> chosen = f.values().values(name);
                h.append("<fieldset class=\"q checks\"><legend>").append(esc(label)).append("</legend>");
                for (String code : field.getValue()) {
                    String id = name + "-" + code;
                    h.append("<label class=\"check\" for=\"").append(esc(id)).append("\"><input type=\"checkbox\" name=\"")
                            .append(esc(name)).append("\" id=\"").append(esc(id)).append("\" value=\"").append(esc(code))
                            .append('"').append(chosen.contains(code) ? " checked" : "").append("> ")
                            .append(esc(PageText.label(PageText.PROFILE_VALUES, code, lang))).append("</label>");
                }
                h.append("</fieldset>");
            } else {
                String chosen = f.values().value(name);
                h.append("<label for=\"").append(esc(name)).append("\">").append(esc(label)).append("</label>")
                        .append("<select name=\"").append(esc(name)).append("\" id=\"").append(esc(name))
                        .append("\"><option value=\"\">—</option>");
                for (String code : field.getValue()) {
                    h.append("<option value=\"").append(esc(code)).append('"').append(code.equals(chosen) ? " selected" : "")
                            .append('>').append(esc(PageText.label(PageText.PROFILE_VALUES, code, lang))).append("</option>");
                }
                h.append("</select>");
            }
            if (invalid) {
                h.append("<p class=\"error\">").append(esc(PageText.CHECK_ANSWER.in(lang))).append("</p>");
            }
            h.append("</div>");
        }
        String comment = f.values().value("comment");
        h.append("<div class=\"field").append(f.invalidFields().contains("comment") ? " has-error" : "")
                .append("\"><label for=\"comment\">").append(esc(PageText.COMMENT.in(lang))).append("</label>")
                .append("<textarea name=\"comment\" id=\"comment\" rows=\"4\" maxlength=\"4000\">")
                .append(comment == null ? "" : esc(comment)).append("</textarea></div>");
        boolean badEmail = f.invalidFields().contains(FormSubmission.EMAIL);
        h.append("<div class=\"field").append(badEmail ? " has-error" : "").append("\"><label for=\"email\">")
                .append(esc(PageText.EMAIL.in(lang))).append("</label><input type=\"email\" name=\"email\" id=\"email\"")
                .append(" autocomplete=\"email\" inputmode=\"email\" maxlength=\"").append(FormSubmission.MAX_EMAIL_CHARS)
                .append("\" value=\"").append(esc(f.values().email().orElse(""))).append("\">");
        if (badEmail) {
            h.append("<p class=\"error\">").append(esc(PageText.EMAIL_INVALID.in(lang))).append("</p>");
        }
        h.append("<p class=\"note\">").append(esc(PageText.EMAIL_NOTE.in(lang))).append("</p></div>");
    }

    /** Profile fields in the order of domain §3, whatever order the definition's map has. */
    private static int profileOrder(String a, String b) {
        List<String> order = List.of("gender", "ageBand", "category", "ownership", "orgSize", "traits");
        int ia = order.indexOf(a);
        int ib = order.indexOf(b);
        return ia >= 0 && ib >= 0 ? Integer.compare(ia, ib) : ia >= 0 ? -1 : ib >= 0 ? 1 : a.compareTo(b);
    }

    /** A short page: thanks, already answered, link not valid. */
    static String message(String lang, LocalizedText title, LocalizedText text, String cssClass) {
        StringBuilder h = new StringBuilder(2048);
        head(h, title.in(lang), lang);
        h.append("<section class=\"message ").append(cssClass).append("\"><h1>").append(esc(title.in(lang)))
                .append("</h1><p>").append(esc(text.in(lang))).append("</p></section>");
        foot(h);
        return h.toString();
    }

    /** The link is not valid: we do not know the respondent's language, so both. */
    static String notFound() {
        StringBuilder h = new StringBuilder(2048);
        head(h, PageText.NOT_FOUND_TITLE.ru() + " / " + PageText.NOT_FOUND_TITLE.en(), "ru");
        h.append("<section class=\"message not-found\"><h1>").append(esc(PageText.NOT_FOUND_TITLE.ru()))
                .append("</h1><p>").append(esc(PageText.NOT_FOUND.ru())).append("</p><h2 lang=\"en\">")
                .append(esc(PageText.NOT_FOUND_TITLE.en())).append("</h2><p lang=\"en\">")
                .append(esc(PageText.NOT_FOUND.en())).append("</p></section>");
        foot(h);
        return h.toString();
    }

    private static void head(StringBuilder h, String title, String lang) {
        h.append("<!doctype html><html lang=\"").append(lang).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex\">")
                .append("<title>").append(esc(title)).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"").append(ASSETS).append(".css\"></head><body><main class=\"page\">");
    }

    private static void foot(StringBuilder h) {
        h.append("</main><script src=\"").append(ASSETS).append(".js\" defer></script></body></html>");
    }

    private static void languageSwitch(StringBuilder h, String token, String lang) {
        String other = "en".equals(lang) ? "ru" : "en";
        h.append("<nav class=\"lang\"><a href=\"/s/").append(esc(token)).append("?lang=").append(other)
                .append("\" hreflang=\"").append(other).append("\" lang=\"").append(other).append("\">")
                .append(esc(PageText.OTHER_LANGUAGE.in(lang))).append("</a></nav>");
    }

    private static void hidden(StringBuilder h, String name, String value) {
        h.append("<input type=\"hidden\" name=\"").append(esc(name)).append("\" value=\"").append(esc(value))
                .append("\">");
    }

    static String esc(String text) {
        return ru.otklik.ingest.http.HtmlText.escape(text);
    }
}

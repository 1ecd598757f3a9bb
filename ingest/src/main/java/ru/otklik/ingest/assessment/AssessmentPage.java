package ru.otklik.ingest.assessment;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ru.otklik.common.assessment.AnswerOption;
import ru.otklik.common.assessment.Competency;
import ru.otklik.common.assessment.CompetencyModel;
import ru.otklik.common.assessment.ExtraQuestion;
import ru.otklik.common.assessment.Indicator;
import ru.otklik.common.survey.LocalizedText;
import ru.otklik.ingest.http.HtmlText;

/**
 * The server-rendered 360 rater pages: the rater's own assignments, the form about one target, and the
 * message pages. Russian by default, English with {@code ?lang=en}; the questionnaire's style sheet (mobile
 * first), no script: the form works as plain HTML. Every value is escaped.
 */
final class AssessmentPage {

    private static final String CSS = "/assets/questionnaire.css";
    /** Dates are shown in Moscow time, the pilot's zone. */
    static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

    private AssessmentPage() {
    }

    static LocalizedText t(String ru, String en) {
        return new LocalizedText(ru, en);
    }

    static final LocalizedText TITLE = t("Оценка 360°", "360° assessment");
    static final LocalizedText INTRO = t("Оцените коллег, которых вам назначили. Ответы других участников вам не видны.",
            "Assess the colleagues assigned to you. Other raters' answers are not shown to you.");
    static final LocalizedText DEADLINE = t("Ответить до", "Answer by");
    static final LocalizedText NONE_ASSIGNED = t("Вам не назначено ни одной оценки.", "No assessments are assigned to you.");
    static final Map<AssessmentStore.State, LocalizedText> STATES = Map.of(
            AssessmentStore.State.NOT_STARTED, t("не начато", "not started"),
            AssessmentStore.State.DRAFT, t("черновик сохранён", "draft saved"),
            AssessmentStore.State.DONE, t("отправлено", "done"));
    static final LocalizedText ROLE = t("Ваша роль", "Your role");
    static final LocalizedText BACK = t("← Все оценки", "← All assessments");
    static final LocalizedText COMMENT = t("Комментарий", "Comment");
    static final LocalizedText COMMENT_WITH = t("к ответам", "with the answers");
    static final LocalizedText COMMENT_REQUIRED_FOR = t("обязателен при", "required with");
    static final LocalizedText REQUIRED = t("обязательно", "required");
    static final LocalizedText EXTRA = t("Дополнительные вопросы", "Extra questions");
    static final LocalizedText OPTIONAL = t("необязательно", "optional");
    static final LocalizedText SAVE_DRAFT = t("Сохранить черновик", "Save draft");
    static final LocalizedText SUBMIT = t("Отправить оценку", "Submit assessment");
    static final LocalizedText SUBMIT_NOTE = t("После отправки ответы изменить нельзя.",
            "Once submitted, the answers cannot be changed.");
    static final LocalizedText DRAFT_SAVED = t("Черновик сохранён. Можно продолжить сейчас или позже по этой же ссылке.",
            "Draft saved. Continue now or later with the same link.");
    static final LocalizedText ERRORS = t("Не всё заполнено верно. Проверьте отмеченные пункты.",
            "Some answers need attention. Check the marked items.");
    static final LocalizedText RETRY = t("Не удалось отправить: сервис временно недоступен. Ответы на месте — попробуйте ещё раз через минуту.",
            "Could not submit: the service is temporarily unavailable. Your answers are still here — try again in a minute.");
    static final LocalizedText THANKS = t("Спасибо! Оценка отправлена.", "Thank you! Your assessment has been submitted.");
    static final LocalizedText ALREADY_TITLE = t("Оценка уже отправлена", "Already submitted");
    static final LocalizedText ALREADY = t("Вы уже отправили оценку этого сотрудника. Ответы изменить нельзя.",
            "You have already submitted this assessment. The answers cannot be changed.");
    static final LocalizedText NOT_STARTED_TITLE = t("Оценка ещё не началась", "The assessment has not started yet");
    static final LocalizedText STARTS_ON = t("Оценка начнётся %s. Откройте эту ссылку снова в этот день.",
            "The assessment starts on %s. Open this link again then.");
    static final LocalizedText NOT_LAUNCHED = t("Оценка ещё не запущена. Откройте ссылку позже.",
            "The assessment has not been launched yet. Open the link later.");
    static final LocalizedText CLOSED_TITLE = t("Оценка завершена", "The assessment is closed");
    static final LocalizedText CLOSED = t("Приём ответов по этой оценке закончен. Спасибо за участие.",
            "The session is closed: answers are no longer accepted. Thank you for taking part.");
    static final LocalizedText NOT_FOUND_TITLE = t("Ссылка недействительна", "This link is not valid");
    static final LocalizedText NOT_FOUND = t("Ссылка на оценку неверна или отозвана. Обратитесь к организатору оценки.",
            "The assessment link is wrong or has been withdrawn. Please contact the organiser.");
    static final LocalizedText UNAVAILABLE = t("Сервис временно недоступен. Попробуйте через минуту.",
            "The service is temporarily unavailable. Please try again in a minute.");
    static final LocalizedText OTHER_LANGUAGE = t("English", "Русский");
    static final Map<String, LocalizedText> RULES = Map.of(
            "required", t("Выберите ответ", "Choose an answer"),
            "comment-required", t("Для этого ответа нужен комментарий", "This answer needs a comment"),
            "max-length", t("Слишком длинный текст", "The text is too long"),
            "comment-not-asked", t("К этому ответу комментарий не нужен: очистите поле или выберите другой ответ",
                    "This answer takes no comment: clear the field or choose another answer"),
            "option", t("Такого варианта ответа нет", "Not an answer option"));

    /** What the assignments page shows. */
    record Overview(String token, String lang, String sessionName, Instant deadline,
                    List<AssessmentStore.Assignment> assignments, LocalizedText banner) {
    }

    static String overview(Overview o) {
        String lang = o.lang();
        StringBuilder h = new StringBuilder(8192);
        head(h, TITLE.in(lang), lang);
        top(h, "/a/" + o.token(), lang, o.sessionName(), o.deadline());
        banner(h, o.banner(), lang, "thanks-banner");
        h.append("<section class=\"step assignments\"><ul class=\"assignment-list\">");
        if (o.assignments().isEmpty()) {
            h.append("<li>").append(esc(NONE_ASSIGNED.in(lang))).append("</li>");
        }
        for (AssessmentStore.Assignment a : o.assignments()) {
            h.append("<li class=\"assignment ").append(a.state().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .append("\" data-target=\"").append(esc(a.targetPseudonym())).append("\">");
            if (a.state() == AssessmentStore.State.DONE) {
                h.append("<strong>").append(esc(a.targetName())).append("</strong>");
            } else {
                h.append("<a href=\"/a/").append(esc(o.token())).append("/t/").append(esc(a.targetPseudonym()))
                        .append(query(lang)).append("\"><strong>").append(esc(a.targetName())).append("</strong></a>");
            }
            h.append("<br><span class=\"note\">").append(esc(ROLE.in(lang))).append(": ")
                    .append(esc(a.roleName().in(lang))).append(" · <span class=\"state\">")
                    .append(esc(STATES.get(a.state()).in(lang))).append("</span></span></li>");
        }
        h.append("</ul></section>");
        foot(h);
        return h.toString();
    }

    /** What the form about one target shows. */
    record Form(String token, String lang, String sessionName, Instant deadline, CompetencyModel model,
                AssessmentStore.Assignment assignment, RaterForm values, Map<String, String> errors,
                LocalizedText banner) {
    }

    static String form(Form f) {
        String lang = f.lang();
        String base = "/a/" + f.token() + "/t/" + f.assignment().targetPseudonym();
        StringBuilder h = new StringBuilder(32_768);
        head(h, f.assignment().targetName() + " — " + TITLE.in(lang), lang);
        h.append("<header class=\"top\">");
        languageSwitch(h, base, lang);
        h.append("<h1>").append(esc(f.assignment().targetName())).append("</h1><p class=\"office\">")
                .append(esc(ROLE.in(lang))).append(": <strong>").append(esc(f.assignment().roleName().in(lang)))
                .append("</strong></p><p class=\"intro\">").append(esc(f.sessionName())).append(" · ")
                .append(esc(DEADLINE.in(lang))).append(' ').append(esc(date(f.deadline(), lang)))
                .append("</p><p class=\"intro\"><a href=\"/a/").append(esc(f.token())).append(query(lang)).append("\">")
                .append(esc(BACK.in(lang))).append("</a></p></header>");
        banner(h, f.banner(), lang, null);
        h.append("<form method=\"post\" action=\"").append(esc(base)).append("/submit\" id=\"assessment\" novalidate>");
        hidden(h, "lang", lang);
        CompetencyModel model = f.model();
        boolean comments = RaterForm.commentsAsked(model);
        String requiredWith = labels(model, AnswerOption::commentRequired, lang);
        String asksWith = labels(model, AnswerOption::asksComment, lang);
        for (Map.Entry<Competency, List<Indicator>> e : RaterForm.asked(model, f.assignment().roleCode()).entrySet()) {
            h.append("<section class=\"step\"><h2>").append(esc(e.getKey().name().in(lang))).append("</h2>");
            for (Indicator i : e.getValue()) {
                indicator(h, f, i, comments, asksWith, requiredWith);
            }
            h.append("</section>");
        }
        if (!model.extraQuestions().isEmpty()) {
            h.append("<section class=\"step\"><h2>").append(esc(EXTRA.in(lang))).append("</h2>");
            for (ExtraQuestion q : model.extraQuestions()) {
                String name = RaterForm.EXTRA + q.code();
                h.append("<div class=\"field").append(f.errors().containsKey(name) ? " has-error" : "").append("\">");
                error(h, f, name);
                h.append("<label for=\"").append(esc(name)).append("\">").append(esc(q.text().in(lang)));
                h.append(" <span class=\"note\">(").append(esc((q.required() ? REQUIRED : OPTIONAL).in(lang)))
                        .append(")</span>");
                h.append("</label><textarea id=\"").append(esc(name)).append("\" name=\"").append(esc(name))
                        .append("\" rows=\"3\" maxlength=\"").append(RaterForm.MAX_EXTRA_CHARS).append("\">")
                        .append(esc(f.values().value(name))).append("</textarea></div>");
            }
            h.append("</section>");
        }
        h.append("<p class=\"note\">").append(esc(SUBMIT_NOTE.in(lang))).append("</p><div class=\"nav\">")
                .append("<button type=\"submit\" class=\"draft\" formaction=\"").append(esc(base))
                .append("/draft\" formnovalidate>").append(esc(SAVE_DRAFT.in(lang))).append("</button>")
                .append("<button type=\"submit\" class=\"submit\">").append(esc(SUBMIT.in(lang))).append("</button>")
                .append("</div></form>");
        foot(h);
        return h.toString();
    }

    private static String labels(CompetencyModel model, java.util.function.Predicate<AnswerOption> which, String lang) {
        return String.join(", ", model.scale().options().stream().filter(which)
                .map(o -> "«" + o.label().in(lang) + "»").toList());
    }

    private static void indicator(StringBuilder h, Form f, Indicator i, boolean comments, String asksWith,
                                  String requiredWith) {
        String lang = f.lang();
        String name = RaterForm.INDICATOR + i.code();
        String chosen = f.values().value(name);
        h.append("<fieldset class=\"q").append(f.errors().containsKey(name) ? " has-error" : "")
                .append("\" id=\"q-").append(esc(i.code())).append("\"><legend>").append(esc(i.text().in(lang)))
                .append("</legend>");
        error(h, f, name);
        h.append("<div class=\"choices\">");
        for (AnswerOption o : f.model().scale().options()) {
            String id = name + "-" + o.code();
            h.append("<input type=\"radio\" name=\"").append(esc(name)).append("\" id=\"").append(esc(id))
                    .append("\" value=\"").append(esc(o.code())).append('"')
                    .append(o.code().equals(chosen) ? " checked" : "").append("><label for=\"").append(esc(id))
                    .append("\">");
            if (!o.cannotJudge()) {
                h.append(o.points()).append(" — ");
            }
            h.append(esc(o.label().in(lang))).append("</label>");
        }
        h.append("</div>");
        if (comments) {
            String comment = RaterForm.COMMENT + i.code();
            h.append("<div class=\"field comment").append(f.errors().containsKey(comment) ? " has-error" : "")
                    .append("\">");
            error(h, f, comment);
            h.append("<label for=\"").append(esc(comment)).append("\">").append(esc(COMMENT.in(lang)));
            h.append(" <span class=\"note\">(").append(esc(COMMENT_WITH.in(lang))).append(' ').append(esc(asksWith));
            if (!requiredWith.isEmpty()) {
                h.append("; ").append(esc(COMMENT_REQUIRED_FOR.in(lang))).append(' ').append(esc(requiredWith));
            }
            h.append(")</span>");
            h.append("</label><textarea id=\"").append(esc(comment)).append("\" name=\"").append(esc(comment))
                    .append("\" rows=\"2\" maxlength=\"").append(RaterForm.MAX_COMMENT_CHARS).append("\">")
                    .append(esc(f.values().value(comment))).append("</textarea></div>");
        }
        h.append("</fieldset>");
    }

    private static void error(StringBuilder h, Form f, String field) {
        String rule = f.errors().get(field);
        if (rule != null) {
            LocalizedText text = RULES.getOrDefault(rule, t("Проверьте ответ", "Check this answer"));
            h.append("<p class=\"error\" data-field=\"").append(esc(field)).append("\" data-rule=\"")
                    .append(esc(rule)).append("\">").append(esc(text.in(f.lang()))).append("</p>");
        }
    }

    static String message(String lang, LocalizedText title, String text, String cssClass, String backHref) {
        StringBuilder h = new StringBuilder(2048);
        head(h, title.in(lang), lang);
        h.append("<section class=\"message ").append(cssClass).append("\"><h1>").append(esc(title.in(lang)))
                .append("</h1><p>").append(esc(text)).append("</p>");
        if (backHref != null) {
            h.append("<p><a href=\"").append(esc(backHref)).append("\">").append(esc(BACK.in(lang))).append("</a></p>");
        }
        h.append("</section>");
        foot(h);
        return h.toString();
    }

    /** The link is not valid: the rater's language is unknown, so both. */
    static String notFound() {
        StringBuilder h = new StringBuilder(2048);
        head(h, NOT_FOUND_TITLE.ru() + " / " + NOT_FOUND_TITLE.en(), "ru");
        h.append("<section class=\"message not-found\"><h1>").append(esc(NOT_FOUND_TITLE.ru())).append("</h1><p>")
                .append(esc(NOT_FOUND.ru())).append("</p><h2 lang=\"en\">").append(esc(NOT_FOUND_TITLE.en()))
                .append("</h2><p lang=\"en\">").append(esc(NOT_FOUND.en())).append("</p></section>");
        foot(h);
        return h.toString();
    }

    static String date(Instant when, String lang) {
        if (when == null) {
            return "";
        }
        Locale locale = "en".equals(lang) ? Locale.ENGLISH : Locale.forLanguageTag("ru");
        return DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", locale).withZone(ZONE).format(when)
                + ("en".equals(lang) ? " (Moscow time)" : " (МСК)");
    }

    private static void top(StringBuilder h, String path, String lang, String sessionName, Instant deadline) {
        h.append("<header class=\"top\">");
        languageSwitch(h, path, lang);
        h.append("<h1>").append(esc(TITLE.in(lang))).append("</h1><p class=\"office\"><strong>").append(esc(sessionName))
                .append("</strong></p><p class=\"intro\">").append(esc(DEADLINE.in(lang))).append(' ')
                .append(esc(date(deadline, lang))).append("</p><p class=\"intro\">").append(esc(INTRO.in(lang)))
                .append("</p></header>");
    }

    private static void banner(StringBuilder h, LocalizedText banner, String lang, String cls) {
        if (banner != null) {
            h.append("<div class=\"banner").append(cls == null ? "" : " " + cls).append("\" role=\"alert\">")
                    .append(esc(banner.in(lang))).append("</div>");
        }
    }

    private static String query(String lang) {
        return "en".equals(lang) ? "?lang=en" : "";
    }

    private static void head(StringBuilder h, String title, String lang) {
        h.append("<!doctype html><html lang=\"").append(lang).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex\">")
                .append("<title>").append(esc(title)).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"").append(CSS).append("\"></head><body><main class=\"page\">");
    }

    private static void foot(StringBuilder h) {
        h.append("</main></body></html>");
    }

    private static void languageSwitch(StringBuilder h, String path, String lang) {
        String other = "en".equals(lang) ? "ru" : "en";
        h.append("<nav class=\"lang\"><a href=\"").append(esc(path)).append("?lang=").append(other)
                .append("\" hreflang=\"").append(other).append("\" lang=\"").append(other).append("\">")
                .append(esc(OTHER_LANGUAGE.in(lang))).append("</a></nav>");
    }

    private static void hidden(StringBuilder h, String name, String value) {
        h.append("<input type=\"hidden\" name=\"").append(esc(name)).append("\" value=\"").append(esc(value))
                .append("\">");
    }

    static String esc(String text) {
        return HtmlText.escape(text);
    }
}

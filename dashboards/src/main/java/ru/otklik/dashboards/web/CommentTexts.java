package ru.otklik.dashboards.web;


/** Texts of the comments page (issue 14 §4), Russian (default) and English. */
final class CommentTexts {

    private static final TextTable TEXTS = new TextTable();

    static {
        add("navComments", "Отзывы", "Comments");
        add("title", "Что написали", "What people wrote");
        add("all", "Все", "All");
        add("seeker", "Соискатели", "Job seekers");
        add("employer", "Работодатели", "Employers");
        add("audience", "Аудитория", "Audience");
        add("ch-kiosk", "киоск", "kiosk");
        add("ch-link", "ссылка", "link");
        add("ch-paper", "бумага", "paper");
        add("ch-rater360", "360", "360");
        add("newer", "← Новее", "← Newer");
        add("older", "Старее →", "Older →");
        add("first", "К самым новым", "Newest");
        add("none", "Комментариев нет", "No comments");
        add("low", "низкая оценка", "low score");
        add("noScores", "без оценок", "no scores");
        add("hint", "Комментарии анкет и пульс-опросов, сначала новые; время местное ({zone}). Рядом — оценки того же"
                + " ответа (красным — ниже 8 из 10 или NPS до 6). Контакты и сотрудники здесь не показываются.",
                "Comments of the questionnaires and pulse surveys, newest first; local time ({zone}). Beside them the"
                + " scores of the same response (red: below 8 of 10, or an NPS of 6 or less). Contacts and staff are"
                + " never shown here.");
        add("back", "Назад к дашборду", "Back to the dashboard");
    }

    private CommentTexts() {
    }

    private static void add(String key, String ru, String en) {
        TEXTS.add(key, ru, en);
    }

    static String get(String key, String lang) {
        return TEXTS.get(key, lang);
    }

    static String esc(String key, String lang) {
        return TEXTS.esc(key, lang);
    }
}

package ru.otklik.dashboards.web;


/** Texts of the coverage page (issue 14 §2), Russian (default) and English. */
final class CoverageTexts {

    private static final TextTable TEXTS = new TextTable();

    static {
        add("navCoverage", "Охват", "Coverage");
        add("title", "Охват опроса", "Survey coverage");
        add("wave", "Волна", "Wave");
        add("region", "Регион", "Region");
        add("show", "Показать", "Show");
        add("daysLeft", "Осталось дней", "Days left");
        add("quota", "Квота на ЦЗН", "Quota per office");
        add("seekers", "Соискатели", "Job seekers");
        add("employers", "Работодатели", "Employers");
        add("received", "Получено анкет", "Forms received");
        add("onTrack", "в темпе", "on track");
        add("behind", "отстаёт", "behind");
        add("notStarted", "волна не началась", "the wave has not started");
        add("met", "квота выполнена", "quota met");
        add("notMet", "квота не выполнена", "quota not met");
        add("noWave", "Сейчас нет волны опроса", "No survey wave now");
        add("hint", "Анкеты соискателей и работодателей с датой заполнения внутри волны (по местному времени региона);"
                + " повторная отправка считается один раз.", "Seeker and employer forms filled in within the wave's days"
                + " (the region's local time); a resend counts once.");
    }

    private CoverageTexts() {
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

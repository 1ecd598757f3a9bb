package ru.otklik.dashboards.web;


/** Texts of the methodology and composite index pages, Russian (default) and English (kept apart from PageTexts). */
final class IndexTexts {

    private static final TextTable TEXTS = new TextTable();

    static {
        add("navIndex", "Индекс", "Index");
        add("navMethodology", "Методика", "Methodology");
        add("mTitle", "Методика индекса клиентоцентричности", "Client-centricity index methodology");
        add("mVersions", "Версии", "Versions");
        add("mVersion", "Версия", "Version");
        add("mValidity", "Действует", "In force");
        add("mFrom", "с", "from");
        add("mTo", "по", "until");
        add("mOpen", "бессрочно", "open-ended");
        add("mPublishedBy", "Опубликовал", "Published by");
        add("mNote", "Что изменилось", "Change note");
        add("mDiff", "Изменения относительно версии", "Changes against version");
        add("mNoChanges", "Изменений в настройках нет", "No change in the settings");
        add("mKafkaPending", "ожидает отправки в Kafka", "waiting for Kafka");
        add("mDraft", "Черновик новой версии", "Draft of the next version");
        add("mBasedOn", "основан на версии", "based on version");
        add("mPeriod", "Период", "Period");
        add("pmonth", "месяц", "month");
        add("pquarter", "квартал", "quarter");
        add("pyear", "год", "year");
        add("mMinimumSample", "Минимальная выборка", "Minimum sample");
        add("mValidFrom", "Действует с", "Valid from");
        add("mValidTo", "Действует до (необязательно)", "Valid until (optional)");
        add("mK", "Коэффициент K (динамика вакансий)", "Coefficient K (vacancy dynamics)");
        add("mVacancyMax", "Максимум баллов за вакансии", "Vacancy points maximum");
        add("mWeights", "Веса групп", "Group weights");
        add("mIndicators", "Показатели", "Indicators");
        add("mSuspended", "приостановлен", "suspended");
        add("mChangeNote", "Что изменилось (для публикации)", "What changed (to publish)");
        add("mSave", "Сохранить черновик", "Save draft");
        add("mPublish", "Опубликовать", "Publish");
        add("mSaved", "Черновик сохранён", "Draft saved");
        add("mPublished", "Опубликована версия ", "Published version ");
        add("mCentralised", "централизованная сеть", "centralised network");
        add("mDecentralised", "децентрализованная сеть", "decentralised network");
        add("mAllVariants", "все регионы", "all regions");
        add("mVariantsHint", "Веса и приостановка применяются к обоим вариантам (централизованному и децентрализованному); "
                + "различить их можно через API.", "Weights and suspensions apply to both variants (centralised and "
                + "decentralised); the API can set them apart.");
        add("dvalid_from", "Начало действия", "Valid from");
        add("dvalid_to", "Окончание действия", "Valid until");
        add("dperiod", "Период", "Period");
        add("dminimum_sample", "Минимальная выборка", "Minimum sample");
        add("dvacancy_coefficient", "Коэффициент K", "Coefficient K");
        add("dvacancy_max", "Максимум за вакансии", "Vacancy maximum");
        add("dgroup_weight", "Вес группы", "Group weight");
        add("dgroup_added", "Добавлена группа", "Group added");
        add("dgroup_removed", "Удалена группа", "Group removed");
        add("dindicator_added", "Добавлен показатель", "Indicator added");
        add("dindicator_removed", "Удалён показатель", "Indicator removed");
        add("dindicator_moved", "Показатель перенесён в другую группу", "Indicator moved to another group");
        add("dindicator_suspended", "Показатель приостановлен", "Indicator suspended");
        add("dindicator_resumed", "Показатель возобновлён", "Indicator resumed");
        add("cTitle", "Индекс клиентоцентричности", "Client-centricity index");
        add("cScope", "Объект", "Scope");
        add("cPeriod", "Период", "Period");
        add("cVersion", "Версия методики", "Methodology version");
        add("cShow", "Показать", "Show");
        add("cMethodology", "методика v", "methodology v");
        add("cIndex", "Индекс", "Index");
        add("cPrevious", "К прошлому периоду", "Against the previous period");
        add("cBest", "Лучший ЦЗН региона", "Region's best office");
        add("cGroups", "Группы показателей", "Indicator groups");
        add("cTrend", "Индекс по периодам", "The index over the periods");
        add("cIndicators", "Показатели", "Indicators");
        add("cIndicator", "Показатель", "Indicator");
        add("cSubjective", "Субъективный (опрос)", "Subjective (survey)");
        add("cObjective", "Объективный (чек-лист)", "Objective (checklist)");
        add("cNoRows", "Индекс для этого объекта ещё не рассчитан", "The index has not been computed for this scope yet");
        add("cLive", "период идёт, значения ещё меняются", "current period, figures still move");
        add("cNoPrevious", "нет данных за прошлый период", "no figure for the previous period");
        add("cAnswers", "ответов", "answers");
        add("cOffices", "ЦЗН", "offices");
        add("cPoints", "баллов", "points");
        add("cWeight", "вес", "weight");
        add("sok", "", "");
        add("sinsufficient_data", "недостаточно данных", "insufficient data");
        add("ssuspended", "приостановлен", "suspended");
        add("snot_submitted", "не подан", "not submitted");
        add("sawaiting_review", "ожидает проверки", "awaiting review");
        add("szeroed_by_audit", "обнулён по итогам проверки", "zeroed by audit");
        add("sno_baseline", "нет базы для сравнения", "no baseline");
        add("sno_data", "нет данных", "no data");
        add("lofficeScope", "ЦЗН", "Office");
        add("lmanagingScope", "Управляющий ЦЗН", "Managing office");
        add("lregionScope", "Регион", "Region");
        add("lfederalScope", "Россия", "Russia");
    }

    private IndexTexts() {
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

package ru.otklik.dashboards.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** Interface texts in Russian (default) and English, for the server-rendered pages and the page script. */
final class PageTexts {

    private static final Map<String, String[]> TEXTS = new LinkedHashMap<>();

    static {
        add("app", "Отклик", "Otklik");
        add("loginTitle", "Вход", "Sign in");
        add("username", "Имя пользователя", "Username");
        add("password", "Пароль", "Password");
        add("signIn", "Войти", "Sign in");
        add("loginFailed", "Неверное имя пользователя или пароль", "Wrong username or password");
        add("loginThrottled", "Слишком много неудачных попыток входа. Попробуйте позже.",
                "Too many failed sign-in attempts. Please try again later.");
        add("logout", "Выйти", "Sign out");
        add("window", "Период", "Period");
        add("w1h", "1 час", "1 hour");
        add("w24h", "24 часа", "24 hours");
        add("w7d", "7 дней", "7 days");
        add("w30d", "30 дней", "30 days");
        add("wquarter", "Квартал", "Quarter");
        add("granularity", "Шаг", "Step");
        add("gday", "По дням, 30 дней", "Daily, 30 days");
        add("ghour", "По часам, 48 ч", "Hourly, 48 h");
        add("item", "Показатель", "Indicator");
        add("historyTitle", "Динамика доли положительных ответов", "Positive share over time");
        add("legendShare", "доля (n ≥ минимума)", "share (n at or above the minimum)");
        add("legendInsufficient", "недостаточно данных: n < ", "insufficient data: n < ");
        add("profileTitle", "Профиль: день недели × час", "Profile: weekday × hour");
        add("profileHint", "30 дней до даты данных, по часам. Местное время:",
                "The 30 days up to the figures' time, hourly. Local time:");
        add("breakdownTitle", "В разрезе: каналы, точки обслуживания, сотрудники",
                "Breakdown: channels, touchpoints, employees");
        add("channel", "Каналы", "Channels");
        add("touchpoint", "Точки обслуживания", "Touchpoints");
        add("employee", "Сотрудники", "Employees");
        add("noBreakdown", "нет ответов за период", "no answers in this period");
        add("asOf", "данные на", "figures as of");
        add("asOfNone", "данных пока нет", "no figures yet");
        add("justNow", "только что", "just now");
        add("positiveAll", "Положительных ответов, 1–10", "Positive answers, 1–10");
        add("forms", "анкет", "forms");
        add("answers", "ответов", "answers");
        add("d1", "Пн", "Mon");
        add("d2", "Вт", "Tue");
        add("d3", "Ср", "Wed");
        add("d4", "Чт", "Thu");
        add("d5", "Пт", "Fri");
        add("d6", "Сб", "Sat");
        add("d7", "Вс", "Sun");
        add("audience", "Аудитория", "Audience");
        add("aall", "Все", "All");
        add("aseeker", "Соискатели", "Job seekers");
        add("aemployer", "Работодатели", "Employers");
        add("responses", "Ответов", "Responses");
        add("kioskSatisfaction", "Довольны (киоск)", "Satisfied (kiosk)");
        add("nps", "NPS", "NPS");
        add("ces", "CES", "CES");
        add("csat", "CSAT", "CSAT");
        add("indicatorsTitle", "Доля положительных ответов (8–10)", "Share of positive answers (8–10)");
        add("indicatorsHint", "Линия — 95% доверительный интервал (Уилсон). Минимальная выборка: ",
                "Whisker: 95% confidence interval (Wilson). Minimum sample: ");
        add("insufficient", "недостаточно данных", "insufficient data");
        add("noData", "нет ответов", "no answers");
        add("cleanNotice", "Чистый индекс: без {n} ответов под флагами мошенничества (открытыми или подтверждёнными)."
                + " Все ответы хранятся — значения по всем ответам указаны рядом.",
                "Clean index: {n} responses under open or confirmed fraud flags left out. Every response is kept:"
                + " the figures over all responses are shown beside.");
        add("rawFigure", "все ответы", "all responses");
        add("previousPeriod", "прошлый период", "previous period");
        add("pointsShort", "п.п.", "pts");
        add("regionBest", "лучший ЦЗН региона", "region's best office");
        add("thisOffice", "этот ЦЗН", "this office");
        add("ssoSignIn", "Войти через единый вход (SSO)", "Sign in with single sign-on");
        add("centralised", "централизованная сеть", "centralised network");
        add("decentralised", "децентрализованная сеть", "decentralised network");
        add("significantChange", "значимое изменение (тест двух долей, 5 %)", "significant change (two-proportion test, 5 %)");
        add("excludedShort", "без {n} под флагами", "{n} under flags left out");
        add("kioskTitle", "Киоск: нажатия по кнопкам", "Kiosk: taps per button");
        add("alertsTitle", "Оповещения", "Alerts");
        add("alertsHint", "Падения — статистически значимое снижение относительно обычного уровня отделения"
                + " (последние 28 дней), закрываются сами, когда уровень восстанавливается. Флаги — признаки"
                + " накруток (много анкет с одного адреса, одинаковые или слишком быстрые анкеты, анкеты с высшими"
                + " оценками из сети самого отделения, всплески и ровный ритм нажатий на киоске); такие ответы не"
                + " входят в чистый индекс, пока региональный менеджер не отклонит флаг. Молчащий киоск — ни нажатий,"
                + " ни сигнала в часы работы.",
                "Drops: a statistically significant fall below the office's usual level (its last 28 days); they"
                + " close by themselves when the level recovers. Flags: signs of faked responses (many forms from"
                + " one address, identical or implausibly fast forms, top-score forms from the office's own network,"
                + " bursts or a steady rhythm of taps on a kiosk); their responses stay out of the clean index unless"
                + " the regional manager dismisses the flag. A silent kiosk: no taps and no heartbeat during opening"
                + " hours.");
        add("alertsNone", "Открытых оповещений нет", "No open alerts");
        add("alertOpened", "с", "since");
        add("alertBad", "плохих", "bad");
        add("alertUsual", "обычно", "usually");
        add("alertFlagged", "ответов под флагом", "responses flagged");
        add("alertSilentSince", "последний сигнал", "last heard of");
        add("alertFixedWindow", "в окне правила", "in the rule's window");
        add("reviewOpen", "Рассмотреть", "Review");
        add("reviewReason", "Причина решения", "Reason for the decision");
        add("reviewConfirm", "Подтвердить флаг", "Confirm flag");
        add("reviewDismiss", "Отклонить флаг", "Dismiss flag");
        add("reviewCancel", "Отмена", "Cancel");
        add("reviewConfirmed", "Подтверждён", "Confirmed");
        add("reviewDismissed", "Отклонён", "Dismissed");
        add("reviewFailed", "Решение не записано", "The decision was not recorded");
        add("severityWarning", "Внимание", "Warning");
        add("severityCritical", "Серьёзно", "Critical");
        add("taps", "нажатий", "taps");
        add("b1", "Очень плохо", "Very unhappy");
        add("b2", "Плохо", "Unhappy");
        add("b3", "Хорошо", "Happy");
        add("b4", "Отлично", "Very happy");
        add("updated", "Обновлено", "Updated");
        add("offline", "Нет связи с сервером, повтор…", "Cannot reach the server, retrying…");
        add("liveLost", "Соединение потеряно, переподключаемся… Цифры обновляются реже.",
                "Connection lost, reconnecting… The figures refresh less often meanwhile.");
        add("rankingTitle", "Рейтинг офисов: доля положительных ответов", "Office ranking: share of positive answers");
        add("rankingHint", "Все пункты 1–10 вместе. Офисы без достаточной выборки — в конце.",
                "All 1–10 items pooled. Offices without a sufficient sample are listed last.");
        add("regionsTitle", "Регионы: доля положительных ответов", "Regions: share of positive answers");
        add("sufficientItems", "пунктов с достаточной выборкой", "items with a sufficient sample");
        add("offices", "офисов", "offices");
        add("withResponses", "с ответами", "with responses");
        add("forbidden", "Нет доступа", "Access denied");
        add("notFound", "Не найдено", "Not found");
        add("home", "На главную", "Home");
        add("allRegions", "Все регионы", "All regions");
        add("region", "Регион", "Region");
        add("casesLink", "Обратная связь: очередь обращений", "Feedback: the case queue");
        add("casesTitle", "Обращения", "Cases");
        add("casesHint", "Низкие оценки с комментарием и тревоги о падении качества. Укажите причину из каталога и"
                + " корректирующее действие, затем — результат проверки: так цикл замыкается.",
                "Low scores with a comment and quality drop alerts. Record the cause from the catalogue and the"
                + " corrective action, then the follow-up: that closes the loop.");
        add("casesOpen", "Новые", "New");
        add("casesInProgress", "В работе", "In progress");
        add("casesOverdue", "Просрочены", "Overdue");
        add("casesClosed", "Закрыты", "Closed");
        add("casesFilter_active", "Незакрытые", "Not closed");
        add("casesFilter_overdue", "Просроченные", "Overdue");
        add("casesFilter_closed", "Закрытые", "Closed");
        add("casesFilter_all", "Все", "All");
        add("causesTitle", "Причины за 90 дней", "Causes, last 90 days");
        add("causesHint", "Доля обращений по причинам; взвешенная доля учитывает вес причины в каталоге (на что центр"
                + " может повлиять, весит больше).", "Share of cases per cause; the weighted share counts each cause with"
                + " its catalogue weight (what the centre can change weighs more).");
        add("weightedShare", "взвешенная доля", "weighted share");
        add("plainShare", "доля обращений", "share of cases");
        add("causesNone", "Причины ещё не указаны", "No cause recorded yet");
        add("casesNone", "Обращений нет", "No cases");
        add("caseFeedback", "Низкая оценка с комментарием", "Low score with a comment");
        add("caseDrop", "Падение качества", "Quality drop");
        add("caseStatus_open", "новое", "new");
        add("caseStatus_in_progress", "в работе", "in progress");
        add("caseStatus_closed", "закрыто", "closed");
        add("caseOverdue", "просрочено", "overdue");
        add("caseAge", "дн. с открытия", "days open");
        add("caseDue", "срок", "due");
        add("caseCause", "Причина", "Cause");
        add("caseAction", "Корректирующее действие", "Corrective action");
        add("caseFollowUp", "Результат проверки", "Follow-up");
        add("caseSave", "Сохранить", "Save");
        add("caseClose", "Закрыть обращение", "Close the case");
        add("caseNoComment", "(комментарий ещё не в аналитике)", "(the comment is not in analytics yet)");
        add("casePage", "Стр.", "Page");
        add("a360NotClosed", "Отчёт откроется, когда оценка будет завершена", "The report opens when the assessment is closed");
        add("accTitle", "Учётные записи", "Accounts");
        add("accRole", "Роль", "Role");
        add("accScope", "Область (офис или регион)", "Scope (office or region)");
        add("accNew", "Новая учётная запись", "New account");
        add("accDisable", "Отключить", "Disable");
        add("accEnable", "Включить", "Enable");
        add("a360Title", "Оценка 360°", "360° assessment");
        add("a360Sessions", "Оценочные сессии", "Assessment sessions");
        add("a360Structure", "Оргструктура", "Organisation structure");
        add("a360StructureHint", "CSV (UTF-8) или XLSX: employee_id, full_name, department_id, department_name; по желанию"
                + " parent_department_id, manager_id, email, position, office_code. Файл с ошибкой не загружается целиком.",
                "CSV (UTF-8) or XLSX: employee_id, full_name, department_id, department_name; optionally parent_department_id,"
                + " manager_id, email, position, office_code. A file with any error imports nothing.");
        add("a360Model", "Модель компетенций", "Competency model");
        add("a360ModelHint", "Шаблон CSV или XLSX: group_code, group_name, competency_code, competency_name, indicator_code,"
                + " indicator_text; по желанию roles и kind (extra — дополнительный вопрос).", "A CSV or XLSX template:"
                + " group_code, group_name, competency_code, competency_name, indicator_code, indicator_text; optionally roles"
                + " and kind (extra: an extra question).");
        add("a360ModelName", "Название модели", "Model name");
        add("a360Upload", "Загрузить", "Upload");
        add("a360NewSession", "Новая сессия", "New session");
        add("a360SessionId", "Код сессии", "Session code");
        add("a360SessionName", "Название", "Name");
        add("a360ModelVersion", "Версия модели", "Model version");
        add("a360Anonymous", "Анонимная", "Anonymous");
        add("a360Create", "Создать", "Create");
        add("a360Matrix", "Матрица взаимодействия", "Interaction matrix");
        add("a360FillTargets", "Оцениваемые (заполнить из оргструктуры)", "Assessed employees (fill from the structure)");
        add("a360Fill", "Заполнить", "Fill");
        add("a360Approved", "утверждена", "approved");
        add("a360Approve", "Утвердить", "Approve");
        add("a360Launch", "Запустить оценку", "Launch the assessment");
        add("a360Close", "Завершить оценку", "Close the assessment");
        add("a360Links", "Персональные ссылки оценщиков", "Raters' personal links");
        add("a360PersonalLink", "ссылка", "link");
        add("a360Imported", "Загружено", "Imported");
        add("a360Refused", "Файл не загружен, исправьте", "Nothing imported; fix");
        add("a360Row", "строка", "row");
        add("a360Answers", "Ответы (баллы: сколько)", "Answers (points: how many)");
        add("a360Previous", "Прошлая оценка (все, кроме самооценки)", "Previous session (everyone but self)");
        add("a360Change_better", "лучше", "better");
        add("a360Change_worse", "хуже", "worse");
        add("a360Change_same", "так же", "same");
        add("a360Offline", "Нет связи с сервером: цифры могут быть устаревшими", "No connection to the server: the figures may be stale");
        add("a360Status", "Статус", "Status");
        add("a360Status_draft", "черновик", "draft");
        add("a360Status_launched", "идёт", "running");
        add("a360Status_closed", "завершена", "closed");
        add("a360Deadline", "Срок", "Deadline");
        add("a360Target", "Оцениваемый", "Assessed employee");
        add("a360Completion", "Заполнено", "Completion");
        add("a360Everyone", "Вся оценка", "The whole session");
        add("a360Scale", "Шкала", "Scale");
        add("a360Indicator", "Индикатор", "Indicator");
        add("a360Average", "Компетенция в целом", "Competency as a whole");
        add("a360Radar", "Оценки по компетенциям и группам", "Ratings by competency and group");
        add("a360Others", "Все, кроме самооценки", "Everyone but self");
        add("a360_obvious_strength", "явная сильная сторона", "obvious strength");
        add("a360_obvious_need", "явная зона развития", "obvious development need");
        add("a360_hidden_opportunity", "скрытая возможность", "hidden opportunity");
        add("a360_blind_spot", "слепое пятно", "blind spot");
        add("a360AnonymityHint", "Группа, в которой меньше ответов, чем порог анонимности, не показывается отдельно: её ответы"
                + " входят в «Все, кроме самооценки» или не показываются вовсе.", "A group with fewer answers than its"
                + " anonymity threshold is not shown on its own: its answers are part of \"Everyone but self\" or not shown at all.");
        weeklyReport();
    }

    /** The weekly report (issue 14 §5): page, CSV and PDF share these. */
    private static void weeklyReport() {
        add("wrTitle", "Еженедельный отчёт", "Weekly report");
        add("wrWeek", "Неделя", "Week");
        add("wrScope", "Офис или регион", "Office or region");
        add("wrShow", "Показать", "Show");
        add("wrCsv", "Скачать CSV (Excel)", "Download CSV (Excel)");
        add("wrPdf", "Скачать PDF", "Download PDF");
        add("wrLocalTime", "Понедельник–воскресенье по местному времени:", "Monday to Sunday, local time:");
        add("wrIndex", "Все пункты 1–10 вместе", "All 1–10 items together");
        add("wrKiosk", "Киоск: довольны (кнопки 3–4)", "Kiosk: satisfied (buttons 3–4)");
        add("wrCoverage", "Охват: анкеты за неделю", "Coverage: forms this week");
        add("wrExcluded", "Без ответов под флагами мошенничества: {a} ответов на пункты 1–10, {k} нажатий киоска",
                "Left out under fraud flags: {a} answers to the 1–10 items, {k} kiosk taps");
        add("wrNoQuota", "Квота не задана: показано число анкет", "No quota is configured: the counts are shown");
        add("wrSeekers", "Соискатели", "Seekers");
        add("wrEmployers", "Работодатели", "Employers");
        add("wrAll", "Все", "All");
        add("wrKioskTaps", "Нажатия на киоске", "Kiosk taps");
        add("wrPulse", "Пульс-опрос", "Pulse survey");
        add("wrPrevious", "Прошлая неделя", "Previous week");
        add("wrChange", "Изменение, п.п.", "Change, pp");
        add("wrNoChange", "нет сравнения", "no comparison");
        add("wrChangeRule", "Изменение к прошлой неделе — в процентных пунктах, когда обе недели набрали минимальную выборку.",
                "The change against the previous week is in percentage points, given when both weeks reach the minimum sample.");
        add("wrItems", "Показатели недели: доля положительных ответов (8–10)", "The week's indicators: positive share (8–10)");
        add("wrItem", "Показатель", "Indicator");
        add("wrShare", "Доля", "Share");
        add("wrInterval", "95% интервал", "95% interval");
        add("wrByWeekday", "Удовлетворённость на киоске по дням недели", "Kiosk satisfaction by weekday");
        add("wrTop", "Лучшие пункты недели", "Top items of the week");
        add("wrBottom", "Худшие пункты недели", "Bottom items of the week");
        add("wrNoRanking", "Ни один пункт не набрал минимальной выборки", "No item reached the minimum sample");
        add("wrComments", "Комментарии недели", "Comments of the week");
        add("wrNoComments", "Комментариев за неделю нет", "No comments this week");
        add("wrMinimum", "Минимальная выборка: n ≥ ", "Minimum sample: n ≥ ");
        add("wrInsufficient", "недостаточно данных", "insufficient data");
        add("wrNoData", "нет ответов", "no answers");
        add("wrSection", "Раздел", "Section");
        add("wrCode", "Код", "Code");
        add("wrName", "Название", "Name");
        add("wrAudience", "Аудитория", "Audience");
        add("wrPositive", "Положительных", "Positive");
        add("wrLow", "Нижняя граница 95%", "95% low");
        add("wrHigh", "Верхняя граница 95%", "95% high");
        add("wrSufficient", "Достаточно данных", "Sufficient");
        add("wrPrevN", "n прошлой недели", "Previous week n");
        add("wrPrevShare", "Доля прошлой недели", "Previous week share");
        add("wrYes", "да", "yes");
        add("wrNo", "нет", "no");
        add("wrDay1", "Пн", "Mon");
        add("wrDay2", "Вт", "Tue");
        add("wrDay3", "Ср", "Wed");
        add("wrDay4", "Чт", "Thu");
        add("wrDay5", "Пт", "Fri");
        add("wrDay6", "Сб", "Sat");
        add("wrDay7", "Вс", "Sun");
        add("wrSubscribe", "Рассылка по e-mail", "By e-mail");
        add("wrSubscribeHint", "Отчёт этого места каждую неделю в PDF, в назначенный день и час по местному времени региона.",
                "This place's report every week as a PDF, on the set day and hour of the region's local time.");
        add("wrSubscribed", "Отчёт приходит на", "The report goes to");
        add("wrUnsubscribe", "Отписаться", "Unsubscribe");
        add("wrSubscribeButton", "Подписаться", "Subscribe");
        add("wrLanguage", "Язык", "Language");
        add("wrSubscribeDone", "Подписка оформлена", "Subscribed");
        add("wrUnsubscribeDone", "Подписка отменена", "Unsubscribed");
        add("wrSubscribeFailed", "Не получилось: ", "That did not work: ");
    }

    private PageTexts() {
    }

    private static void add(String key, String ru, String en) {
        TEXTS.put(key, new String[] {ru, en});
    }

    static String get(String key, String lang) {
        String[] pair = TEXTS.get(key);
        if (pair == null) {
            throw new IllegalArgumentException("no text " + key);
        }
        return "en".equals(lang) ? pair[1] : pair[0];
    }

    static Map<String, String> all(String lang) {
        Map<String, String> out = new LinkedHashMap<>();
        TEXTS.forEach((k, v) -> out.put(k, "en".equals(lang) ? v[1] : v[0]));
        return out;
    }
}

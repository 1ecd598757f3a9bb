package ru.otklik.ingest.questionnaire;

import java.util.List;
import java.util.Map;
import ru.otklik.common.survey.LocalizedText;
import ru.otklik.common.survey.QuestionType;

/** Every word of the questionnaire pages that is not in the survey definition, in Russian and English. */
final class PageText {

    private PageText() {
    }

    static LocalizedText t(String ru, String en) {
        return new LocalizedText(ru, en);
    }

    static final LocalizedText STEP = t("Шаг %d из %d", "Step %d of %d");
    static final LocalizedText BACK = t("Назад", "Back");
    static final LocalizedText NEXT = t("Далее", "Next");
    static final LocalizedText SUBMIT = t("Отправить", "Submit");
    static final LocalizedText SENDING = t("Отправляем…", "Sending…");
    static final LocalizedText OFFICE = t("Офис", "Office");
    static final LocalizedText OTHER_LANGUAGE = t("English", "Русский");
    static final LocalizedText INTRO = t(
            "Анкета анонимна, все вопросы необязательны. Пропустите то, на что не хотите отвечать.",
            "The questionnaire is anonymous and every question is optional. Skip anything you prefer not to answer.");
    static final LocalizedText SCALE_HINT = t("10 — полностью согласен, 1 — совсем не согласен",
            "10 — fully agree, 1 — fully disagree");
    static final LocalizedText YOUR_ANSWER = t("Ваш ответ", "Your answer");
    static final LocalizedText CLEAR = t("Очистить ответ", "Clear answer");
    static final LocalizedText IN_PERSON_ONLY = t("Только если вы были в офисе лично",
            "Only if you visited the office in person");
    static final LocalizedText IF_YES = t("Если на предыдущий вопрос вы ответили «да»",
            "If you answered \"yes\" to the previous question");

    static final LocalizedText MODE = t("Как вы получали услугу?", "How were you served?");
    static final Map<String, LocalizedText> MODES = Map.of(
            "in_person", t("Лично в офисе", "In person at the office"),
            "remote", t("Дистанционно (онлайн, по телефону)", "Remotely (online, by phone)"));
    static final LocalizedText AUDIENCE = t("Вы обращались как", "You came as");

    static final LocalizedText COMMENT = t("Комментарии и предложения", "Comments and suggestions");
    static final LocalizedText EMAIL = t("E-mail для обратной связи (необязательно)", "E-mail for a reply (optional)");
    static final LocalizedText EMAIL_NOTE = t(
            "Адрес хранится отдельно от ответов и не попадает в отчёты. Оставьте его, только если хотите, чтобы с вами связались.",
            "The address is kept apart from the answers and never appears in reports. Leave it only if you want to be contacted.");
    static final LocalizedText EMAIL_INVALID = t("Похоже, в адресе e-mail ошибка", "This e-mail address looks wrong");
    static final LocalizedText CHECK_ANSWER = t("Проверьте этот ответ", "Please check this answer");
    static final LocalizedText ERRORS = t("Не всё удалось принять. Проверьте отмеченные ответы и отправьте ещё раз.",
            "Some answers could not be accepted. Check the marked items and submit again.");
    static final LocalizedText RETRY = t(
            "Не удалось сохранить ответ: сервис временно недоступен. Ваши ответы на месте — попробуйте отправить ещё раз через минуту.",
            "Your answers could not be saved: the service is temporarily unavailable. They are still here — please try again in a minute.");

    static final LocalizedText THANKS_TITLE = t("Спасибо!", "Thank you!");
    static final LocalizedText THANKS = t("Ваш ответ принят. Он поможет сделать работу центра лучше.",
            "Your answer has been received. It helps the centre improve.");
    static final LocalizedText ANSWERED_TITLE = t("Анкета уже заполнена", "Already answered");
    static final LocalizedText ANSWERED = t(
            "По этой ссылке уже ответили. Она одноразовая — спасибо, что уделили время!",
            "This link has already been used to answer. It works only once — thank you for your time!");
    static final LocalizedText NOT_FOUND_TITLE = t("Ссылка недействительна", "This link is not valid");
    static final LocalizedText NOT_FOUND = t(
            "Ссылка на анкету неверна или срок её действия истёк. Попросите новую ссылку или QR-код в офисе.",
            "The questionnaire link is wrong or has expired. Please ask the office for a new link or QR code.");

    static final LocalizedText ABOUT_YOU = t("О вас", "About you");
    static final LocalizedText QUESTIONS = t("Вопросы", "Questions");
    /** The job-centre blocks (domain §3), by the first question id each one holds. */
    static final Map<String, LocalizedText> BLOCK_TITLES = Map.of(
            "Q1", t("Ваш визит", "Your visit"),
            "Q4", t("Консультант и сотрудники", "Consultant and staff"),
            "Q8", t("Процедуры и компетентность", "Procedures and competence"),
            "Q12_gate", t("Руководство и предварительная запись", "Management and pre-booking"),
            "Q14", t("Каналы и информация", "Channels and information"));

    static final Map<String, LocalizedText> CHOICES = Map.ofEntries(
            Map.entry("yes", t("Да", "Yes")),
            Map.entry("no", t("Нет", "No")),
            Map.entry("dont_know", t("Не знаю", "Don't know")),
            Map.entry("office_visit", t("Визит в офис", "Office visit")),
            Map.entry("website", t("Сайт", "Website")),
            Map.entry("social_networks", t("Социальные сети", "Social networks")),
            Map.entry("contact_centre", t("Контакт-центр", "Contact centre")),
            Map.entry("other", t("Другое", "Other")),
            Map.entry("seeker", t("Соискатель", "Job seeker")),
            Map.entry("employer", t("Работодатель", "Employer")),
            Map.entry("visitor", t("Посетитель", "Visitor")));

    static final Map<String, LocalizedText> PROFILE_FIELDS = Map.of(
            "gender", t("Пол", "Gender"),
            "ageBand", t("Возраст", "Age"),
            "category", t("Категория", "Category"),
            "ownership", t("Форма собственности", "Ownership"),
            "orgSize", t("Численность сотрудников", "Number of employees"),
            "traits", t("Особенности организации (можно несколько)", "Your organisation (choose any)"));

    static final Map<String, LocalizedText> PROFILE_VALUES = Map.ofEntries(
            Map.entry("female", t("Женский", "Female")),
            Map.entry("male", t("Мужской", "Male")),
            Map.entry("<18", t("до 18", "under 18")),
            Map.entry("70+", t("70 и старше", "70 and over")),
            Map.entry("pre_retirement", t("Предпенсионер", "Pre-retirement age")),
            Map.entry("pensioner", t("Пенсионер", "Pensioner")),
            Map.entry("disabled", t("Инвалид", "Person with a disability")),
            Map.entry("orphan", t("Сирота", "Orphan")),
            Map.entry("laid_off", t("Уволенный по сокращению", "Laid off")),
            Map.entry("school_graduate", t("Выпускник школы", "School graduate")),
            Map.entry("college_or_university_graduate", t("Выпускник колледжа или вуза", "College or university graduate")),
            Map.entry("woman_with_children_0_6", t("Женщина с детьми 0–6 лет", "Woman with children aged 0–6")),
            Map.entry("not_working_over_a_year", t("Не работаю больше года", "Not working for over a year")),
            Map.entry("none", t("Ничего из перечисленного", "None of these")),
            Map.entry("state_or_municipal", t("Государственная или муниципальная", "State or municipal")),
            Map.entry("mixed", t("Смешанная", "Mixed")),
            Map.entry("private_russian", t("Частная российская", "Private Russian")),
            Map.entry("joint_with_foreign", t("Совместная с иностранным участием", "Joint with foreign participation")),
            Map.entry("foreign", t("Иностранная", "Foreign")),
            Map.entry("other", t("Другая", "Other")),
            Map.entry("up_to_15", t("до 15", "up to 15")),
            Map.entry("16_to_100", t("16–100", "16–100")),
            Map.entry("101_to_250", t("101–250", "101–250")),
            Map.entry("over_250", t("более 250", "over 250")),
            Map.entry("high_turnover", t("Высокая текучесть кадров", "High staff turnover")),
            Map.entry("seasonal_demand", t("Сезонная потребность в работниках", "Seasonal demand for staff")),
            Map.entry("shrinking_staff", t("Сокращение численности", "Shrinking staff")),
            Map.entry("liquidation_risk", t("Риск ликвидации", "Risk of liquidation")));

    /** The verbal anchors of the agreement scale, 1..10 (domain §3). */
    static final List<LocalizedText> SCALE_1_10_ANCHORS = List.of(
            t("очень слабо", "very poor"), t("слабо", "poor"), t("посредственно", "mediocre"),
            t("удовлетворительно", "satisfactory"), t("недостаточно хорошо", "not quite good"), t("хорошо", "good"),
            t("очень хорошо", "very good"), t("отлично", "excellent"), t("прекрасно", "superb"),
            t("великолепно", "outstanding"));

    /** Anchors for the lowest and highest score of the other scales; the points between are bare numbers. */
    static LocalizedText[] endAnchors(QuestionType type) {
        return switch (type) {
            case SCALE_0_10 -> new LocalizedText[] {t("точно нет", "not at all likely"), t("точно да", "extremely likely")};
            case EFFORT_5 -> new LocalizedText[] {t("очень легко", "very easy"), t("очень трудно", "very difficult")};
            case EXPECTATION_5 -> new LocalizedText[] {t("разочаровала", "disappointed"),
                    t("значительно превзошла", "greatly exceeded")};
            case SMILEY_4 -> new LocalizedText[] {t("очень недоволен", "very unhappy"), t("очень доволен", "very happy")};
            default -> new LocalizedText[] {SCALE_1_10_ANCHORS.get(0), SCALE_1_10_ANCHORS.get(9)};
        };
    }

    /** The anchor of one score, or null where the scale names only its ends. */
    static LocalizedText anchor(QuestionType type, int score) {
        if (type == QuestionType.SCALE_1_10) {
            return SCALE_1_10_ANCHORS.get(score - 1);
        }
        LocalizedText[] ends = endAnchors(type);
        return score == type.min() ? ends[0] : score == type.max() ? ends[1] : null;
    }

    static String label(Map<String, LocalizedText> labels, String code, String lang) {
        LocalizedText text = labels.get(code);
        return text == null ? code : text.in(lang);
    }
}

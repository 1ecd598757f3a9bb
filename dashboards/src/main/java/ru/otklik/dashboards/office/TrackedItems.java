package ru.otklik.dashboards.office;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ru.otklik.common.survey.Question;
import ru.otklik.dashboards.figures.SurveyItems;

/**
 * The items the charts can follow. The default is the pooled index: all 1–10 items of both
 * questionnaires together (positive answers / answers, as the region ranking pools them), because
 * the history of a single item is too thin per day at most offices; single items and kiosk
 * satisfaction can be picked instead.
 */
public final class TrackedItems {

    public static final String INDEX = "index";

    private final List<TrackedItem> all = new ArrayList<>();

    public TrackedItems(SurveyItems items) {
        List<String> agreementIds = items.agreementItems().stream().map(Question::id).toList();
        all.add(new TrackedItem(INDEX, "Все пункты 1–10 вместе", "All 1–10 items together", SurveyItems.QUESTIONNAIRES,
                agreementIds, false));
        all.add(new TrackedItem(items.kioskQuestion(), "Киоск: довольны (кнопки 3–4)", "Kiosk: satisfied (buttons 3–4)",
                List.of(SurveyItems.KIOSK_SURVEY), List.of(items.kioskQuestion()), true));
        for (Question q : items.agreementItems()) {
            all.add(new TrackedItem(q.id(), q.id() + ". " + q.text().ru(), q.id() + ". " + q.text().en(),
                    SurveyItems.QUESTIONNAIRES, List.of(q.id()), false));
        }
    }

    public List<TrackedItem> all() {
        return all;
    }

    /** A missing value is the index; an unknown one is empty (the API answers 400). */
    public Optional<TrackedItem> parse(String id) {
        if (id == null || id.isBlank()) {
            return Optional.of(all.get(0));
        }
        return all.stream().filter(i -> i.id().equals(id)).findFirst();
    }
}

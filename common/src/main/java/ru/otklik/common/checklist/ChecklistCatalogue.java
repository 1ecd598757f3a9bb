package ru.otklik.common.checklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.survey.LocalizedText;

/**
 * What each checklist asks (domain §6): the parameters of the {@link ChecklistForm#PARAMETERS} checklists, the
 * listed event types and the comfort levels, in Russian and English. Shipped as {@code otklik/checklists.v1.json};
 * the transport-accessibility list is the one the methodology says may be extended (its points per parameter
 * follow the list's length).
 */
public final class ChecklistCatalogue {

    /** The event type of an event outside the list: scores once the federal centre (the expert) accepts it. */
    public static final String OTHER_EVENT = "other";

    public record Item(String code, LocalizedText text) {
    }

    private static final String RESOURCE = "/otklik/checklists.v1.json";
    private static final ChecklistCatalogue STANDARD = load();

    private final Map<ChecklistIndicator, List<Item>> parameters;
    private final List<Item> eventTypes;
    private final List<Item> comfortLevels;

    public ChecklistCatalogue(Map<ChecklistIndicator, List<Item>> parameters, List<Item> eventTypes,
                              List<Item> comfortLevels) {
        EnumMap<ChecklistIndicator, List<Item>> copy = new EnumMap<>(ChecklistIndicator.class);
        for (ChecklistIndicator i : ChecklistIndicator.values()) {
            List<Item> items = parameters.getOrDefault(i, List.of());
            if ((i.form() == ChecklistForm.PARAMETERS) == items.isEmpty()) {
                throw new IllegalArgumentException(i.code() + (items.isEmpty() ? " needs parameters" : " has no parameters"));
            }
            copy.put(i, List.copyOf(items));
        }
        this.parameters = Collections.unmodifiableMap(copy);
        this.eventTypes = List.copyOf(eventTypes);
        this.comfortLevels = List.copyOf(comfortLevels);
    }

    public static ChecklistCatalogue standard() {
        return STANDARD;
    }

    /** The parameters of a {@link ChecklistForm#PARAMETERS} checklist, in form order (empty for the others). */
    public List<Item> parameters(ChecklistIndicator indicator) {
        return parameters.get(indicator);
    }

    public boolean hasParameter(ChecklistIndicator indicator, String code) {
        return parameters.get(indicator).stream().anyMatch(p -> p.code().equals(code));
    }

    /** The 9 listed event types; {@link #OTHER_EVENT} is not among them. */
    public List<Item> eventTypes() {
        return eventTypes;
    }

    public boolean isListedEventType(String code) {
        return eventTypes.stream().anyMatch(t -> t.code().equals(code));
    }

    /** Levels "1" (highest), "2", "3" and "0" (none). */
    public List<Item> comfortLevels() {
        return comfortLevels;
    }

    private static ChecklistCatalogue load() {
        try (InputStream in = ChecklistCatalogue.class.getResourceAsStream(RESOURCE)) {
            JsonNode root = EventJson.mapper().readTree(in);
            Map<ChecklistIndicator, List<Item>> parameters = new EnumMap<>(ChecklistIndicator.class);
            root.get("parameters").fields().forEachRemaining(e ->
                    parameters.put(ChecklistIndicator.fromCode(e.getKey()), items(e.getValue())));
            return new ChecklistCatalogue(parameters, items(root.get("eventTypes")), items(root.get("comfortLevels")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Item> items(JsonNode array) {
        List<Item> items = new ArrayList<>();
        array.forEach(n -> items.add(new Item(n.get("code").asText(),
                new LocalizedText(n.get("ru").asText(), n.get("en").asText()))));
        return items;
    }
}

package ru.otklik.dashboards.alert;

import java.util.List;

/** The alerts a viewer may see, newest opening first; {@code generatedAt} is when they were read. */
public record AlertFeed(String status, List<AlertItem> alerts, String generatedAt) {
}

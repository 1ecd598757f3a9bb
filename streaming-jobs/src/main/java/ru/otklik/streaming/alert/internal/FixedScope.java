package ru.otklik.streaming.alert.internal;

import java.util.ArrayDeque;
import java.util.List;
import ru.otklik.common.alert.DropIncident;
import ru.otklik.common.alert.DropSignal;
import ru.otklik.common.alert.FixedDropRule;
import ru.otklik.common.alert.FixedRuleSettings;
import ru.otklik.common.store.AlertRow;

/**
 * The fixed drop rule ({@link FixedDropRule}, HappyOrNot's kind) for one signal of one office, with
 * what its incident needs: the bad responses while it holds (the latest {@link DropScope#MAX_IDS}), and
 * the open incident's id, start and worst window. Mutable; kept in keyed state by
 * {@code OfficeDropsSerializer}. The rule knows nothing of the office's usual level: it is the
 * comparison the statistical test is measured against, and an option for those who want it.
 */
public final class FixedScope {

    FixedDropRule rule;
    final ArrayDeque<String> badIds = new ArrayDeque<>();
    String alertId;
    long openedAt;
    int peakObserved;
    int peakBad;

    FixedScope(FixedDropRule rule) {
        this.rule = rule;
    }

    /** One observation at event time {@code at} (ms); the row to write when it opened or closed the incident, else null. */
    AlertRow observe(String office, String region, DropSignal signal, FixedRuleSettings settings, long at,
                     String responseId, boolean bad, long version) {
        DropIncident.Change change = rule.observe(at / 1000, bad);
        if (bad) {
            if (badIds.size() == DropScope.MAX_IDS) {
                badIds.removeFirst();
            }
            badIds.addLast(responseId);
        }
        if (rule.isOpen() && (double) rule.badInWindow() / rule.observedInWindow() >= (double) peakBad / Math.max(1, peakObserved)) {
            peakObserved = rule.observedInWindow();
            peakBad = rule.badInWindow();
        }
        AlertRow row = switch (change) {
            case OPENED -> {
                alertId = FixedRuleSettings.alertType(signal) + ":" + office + ":" + responseId;
                openedAt = at;
                peakObserved = rule.observedInWindow();
                peakBad = rule.badInWindow();
                yield row(office, region, signal, settings, at, "open", null, version + 1);
            }
            case CLOSED -> {
                AlertRow closed = row(office, region, signal, settings, at, "closed", at / 1000, version + 3);
                alertId = null;
                peakObserved = 0;
                peakBad = 0;
                yield closed;
            }
            default -> null;
        };
        if (!rule.isOpen()) {
            // while the rule does not hold, only the window's own bad responses are evidence for the next incident
            while (badIds.size() > rule.badInWindow()) {
                badIds.removeFirst();
            }
        }
        return row;
    }

    private AlertRow row(String office, String region, DropSignal signal, FixedRuleSettings s, long at, String status,
                         Long closedAt, long version) {
        String detail = "{\"signal\":\"" + signal.name().toLowerCase(java.util.Locale.ROOT) + "\",\"rule\":\"fixed\""
                + ",\"window_seconds\":" + s.windowSeconds() + ",\"minimum\":" + s.minimum() + ",\"bad_share\":"
                + s.badShare() + "}";
        double share = peakObserved == 0 ? 0 : (double) peakBad / peakObserved;
        return new AlertRow(alertId, FixedRuleSettings.alertType(signal), "warning", status, region, office, "",
                openedAt / 1000, openedAt / 1000, at / 1000, closedAt, peakObserved, peakBad, 0, s.badShare(), share,
                s.badShare(), List.copyOf(badIds), detail, version);
    }
}

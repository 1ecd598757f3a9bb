package ru.otklik.streaming.alert.internal;

import java.util.EnumMap;
import java.util.Map;
import ru.otklik.common.alert.DropDetector;
import ru.otklik.common.alert.DropSignal;
import ru.otklik.common.alert.DropTestSettings;
import ru.otklik.common.alert.FixedRuleSettings;
import ru.otklik.common.store.AlertRow;

/** Everything the drop stage keeps for one office: its region and one {@link DropScope} per signal it has seen. */
public final class OfficeDrops {

    String regionCode;
    final Map<DropSignal, DropScope> scopes = new EnumMap<>(DropSignal.class);
    /** The fixed rule's scopes, when the job runs it ({@code OTKLIK_DROP_RULE} fixed or both). */
    final Map<DropSignal, FixedScope> fixed = new EnumMap<>(DropSignal.class);

    public OfficeDrops(String regionCode) {
        this.regionCode = regionCode;
    }

    public String regionCode() {
        return regionCode;
    }

    public Map<DropSignal, DropScope> scopes() {
        return java.util.Collections.unmodifiableMap(scopes);
    }

    /** The signal's scope, made under {@code settings} or moved onto them if it ran under others. */
    DropScope scope(DropSignal signal, DropTestSettings settings) {
        DropScope scope = scopes.computeIfAbsent(signal, s -> new DropScope(new DropDetector(settings)));
        scope.detector = scope.detector.reconfigured(settings);
        return scope;
    }

    /** One observation for the fixed rule (see {@link FixedScope#observe}); the row of the incident it changed, or null. */
    public AlertRow observeFixed(String office, DropSignal signal, FixedRuleSettings settings, long at, String responseId,
                                 boolean bad, long version) {
        FixedScope scope = fixed.computeIfAbsent(signal, s -> new FixedScope(settings.newRule()));
        return scope.observe(office, regionCode, signal, settings, at, responseId, bad, version);
    }

    /** One observation (see {@link DropScope#observe}); the row of the incident it changed, or null. */
    public AlertRow observe(String office, DropSignal signal, DropTestSettings settings, long at, long day,
                            String responseId, boolean bad, long version) {
        return scope(signal, settings).observe(office, regionCode, signal, at, day, responseId, bad, version);
    }
}

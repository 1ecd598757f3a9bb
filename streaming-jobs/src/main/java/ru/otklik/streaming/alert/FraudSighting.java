package ru.otklik.streaming.alert;

import java.util.ArrayList;
import java.util.List;
import ru.otklik.common.alert.FraudSettings;
import ru.otklik.common.alert.FraudSignal;
import ru.otklik.common.response.SurveyResponse;

/**
 * One counted response in one source of one fraud signal ({@link FraudSignal#of}): a form from an
 * address, an answer vector from an address, a fast form, a kiosk tap. The fraud stage is keyed by
 * {@link #clusterKey()}, so each source is counted where its own state is, and a response is matched
 * once, next to the check. The sighting carries the whole response: a flag takes its responses out of
 * the clean figures, and the office stage can only subtract what it is given.
 */
public record FraudSighting(String officeCode, String regionCode, FraudSignal signal, String source, long at,
                            String responseId, SurveyResponse response) {

    /** The key of the source's cluster: office, signal and source. */
    public String clusterKey() {
        return clusterKey(officeCode, signal, source);
    }

    /** The key of one office's source of one signal (a review of its flag is routed by it too). */
    public static String clusterKey(String officeCode, FraudSignal signal, String source) {
        return officeCode + '|' + signal.name() + '|' + source;
    }

    /** Every source {@code r} counts for. */
    public static List<FraudSighting> of(SurveyResponse r, FraudSettings settings) {
        return of(r, settings, ru.otklik.common.office.OpeningHours.pilot());
    }

    /** The same, with the offices' opening hours (the staff pattern counts only forms sent while open). */
    public static List<FraudSighting> of(SurveyResponse r, FraudSettings settings,
                                         ru.otklik.common.office.OpeningHours hours) {
        List<FraudSignal.Match> matches = FraudSignal.of(r, settings, hours);
        List<FraudSighting> sightings = new ArrayList<>(matches.size());
        for (FraudSignal.Match m : matches) {
            sightings.add(new FraudSighting(r.officeCode(), r.regionCode(), m.signal(), m.source(),
                    r.clientTs().toEpochMilli(), r.responseId(), r));
        }
        return sightings;
    }
}

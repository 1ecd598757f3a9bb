package ru.otklik.kiosk.simulator.send;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ru.otklik.common.kiosk.KioskBatch;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;

/** The exact bytes the simulator posts, so tests validate what ingest will see. */
public final class WireFormat {

    private WireFormat() {
    }

    /**
     * A form as JSON without {@code receivedTs} (null, so omitted) and, for non-kiosk channels,
     * without {@code suppressedPresses}: the record's int is always written (0), but the
     * validator refuses the field on anything but kiosk taps.
     */
    public static byte[] form(SurveyResponse response) {
        if (response.receivedTs() != null) {
            throw new IllegalArgumentException("receivedTs is set by ingest, never by a client");
        }
        ObjectNode tree = EventJson.mapper().valueToTree(response);
        if (response.channel() != Channel.KIOSK) {
            tree.remove("suppressedPresses");
        }
        return EventJson.toBytes(tree);
    }

    public static byte[] batch(KioskBatch batch) {
        return EventJson.toBytes(batch);
    }
}

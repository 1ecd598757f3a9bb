package ru.otklik.kiosk.simulator.send;

import ru.otklik.common.kiosk.KioskBatch;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;

/** The exact bytes the simulator posts, so tests validate what ingest will see. */
public final class WireFormat {

    private WireFormat() {
    }

    /** A form as JSON without {@code receivedTs} (null, so omitted; {@code EventJson} leaves out 0 presses too). */
    public static byte[] form(SurveyResponse response) {
        if (response.receivedTs() != null) {
            throw new IllegalArgumentException("receivedTs is set by ingest, never by a client");
        }
        return EventJson.toBytes(response);
    }

    public static byte[] batch(KioskBatch batch) {
        return EventJson.toBytes(batch);
    }
}

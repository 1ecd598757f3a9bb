package ru.otklik.common.kiosk;

import java.util.List;
import ru.otklik.common.response.KioskTap;

/** Body of {@code POST /api/v1/kiosk/batches}: up to {@link #MAX_TAPS} taps of one device. */
public record KioskBatch(List<KioskTap> taps) {

    public static final int MAX_TAPS = 500;

    public KioskBatch {
        taps = List.copyOf(taps);
    }
}

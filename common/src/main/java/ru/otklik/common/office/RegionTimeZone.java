package ru.otklik.common.office;

import java.time.ZoneId;
import java.util.Map;

/**
 * The local time zone of each pilot region. Opening hours, the hour x weekday profile and "today"
 * on an office's dashboard are local time; storage and the streaming job stay in UTC.
 */
public final class RegionTimeZone {

    public static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private static final Map<String, ZoneId> ZONES = Map.ofEntries(
            Map.entry("BRY", MOSCOW), Map.entry("LIP", MOSCOW), Map.entry("NIZ", MOSCOW),
            Map.entry("PSK", MOSCOW), Map.entry("TAM", MOSCOW), Map.entry("VLA", MOSCOW),
            Map.entry("YAR", MOSCOW),
            Map.entry("CHE", ZoneId.of("Asia/Yekaterinburg")), Map.entry("ORE", ZoneId.of("Asia/Yekaterinburg")),
            Map.entry("TYU", ZoneId.of("Asia/Yekaterinburg")), Map.entry("YAN", ZoneId.of("Asia/Yekaterinburg")),
            Map.entry("KYA", ZoneId.of("Asia/Krasnoyarsk")),
            Map.entry("PRI", ZoneId.of("Asia/Vladivostok")));

    private RegionTimeZone() {
    }

    static boolean lists(String regionCode) {
        return ZONES.containsKey(regionCode);
    }

    /** The region's zone; Moscow time for a region not listed (the federal reporting clock). */
    public static ZoneId of(String regionCode) {
        return ZONES.getOrDefault(regionCode, MOSCOW);
    }
}

package ru.otklik.common.office;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Regions and offices known to the product. Office and region codes are also the whitelist every
 * SQL query and Kafka key is built from, so only codes listed here ever reach a query.
 */
public final class OfficeDirectory {

    private static final String PILOT_RESOURCE = "/otklik/offices.csv";

    private final Map<String, Office> offices;

    public OfficeDirectory(Collection<Office> offices) {
        Map<String, Office> byCode = new LinkedHashMap<>();
        offices.forEach(o -> byCode.put(o.code(), o));
        this.offices = java.util.Collections.unmodifiableMap(byCode);
    }

    /** The 13 regions and 26 offices of the 2022 pilot, shipped with the product. */
    public static OfficeDirectory pilot() {
        try (InputStream in = OfficeDirectory.class.getResourceAsStream(PILOT_RESOURCE)) {
            return fromCsv(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code region_code,region,office_code,office,network} with a header line. */
    public static OfficeDirectory fromCsv(Reader reader) throws IOException {
        List<Office> list = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(reader)) {
            String header = lines.readLine();
            if (header == null || !header.startsWith("region_code,")) {
                throw new IOException("office directory must start with the header region_code,region,office_code,office,network");
            }
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 5) {
                    throw new IOException("office directory line needs 5 fields: " + line);
                }
                list.add(new Office(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim(),
                        RegionNetwork.valueOf(f[4].trim().toUpperCase(Locale.ROOT))));
            }
        }
        return new OfficeDirectory(list);
    }

    public Optional<Office> office(String officeCode) {
        return Optional.ofNullable(offices.get(officeCode));
    }

    public Collection<Office> offices() {
        return offices.values();
    }

    public List<Office> officesOf(String regionCode) {
        return offices.values().stream().filter(o -> o.regionCode().equals(regionCode)).toList();
    }

    public boolean hasRegion(String regionCode) {
        return offices.values().stream().anyMatch(o -> o.regionCode().equals(regionCode));
    }

    /**
     * The region's managing office (управляющий ЦЗН, domain §1, §6), if it has one: in a centralised region the
     * head institution, whose code is the region's lowest office code (the pilot's {@code -01}); a decentralised
     * region has none. It owns the website, social-network and multichannel checklists of every office it manages.
     */
    public Optional<String> managingOffice(String regionCode) {
        return offices.values().stream()
                .filter(o -> o.regionCode().equals(regionCode) && o.network() == RegionNetwork.CENTRALISED)
                .map(Office::code).min(String::compareTo);
    }

    /** Region code → region name, sorted by code. */
    public SortedMap<String, String> regions() {
        SortedMap<String, String> regions = new TreeMap<>();
        offices.values().forEach(o -> regions.putIfAbsent(o.regionCode(), o.regionName()));
        return regions;
    }
}

package ru.otklik.common.office;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.otklik.common.http.Cidr;
import ru.otklik.common.http.IpAddress;

/**
 * The address ranges of each office's own network ({@code OTKLIK_OFFICE_NETWORKS}), for the staff-pattern
 * fraud flag (domain §8: online forms from the office's own network, all top scores). Ingest decides
 * "from the office's network" itself, against the address it sees, <em>before</em> it hashes the
 * address, and records only the outcome: a hash cannot be matched against a range, and the address is
 * never kept.
 *
 * <p>Written {@code "BRY-01=10.1.0.0/16,192.0.2.0/28; BRY-02=10.2.0.0/16"}; blank is none.
 */
public final class OfficeNetworks {

    private static final OfficeNetworks NONE = new OfficeNetworks(Map.of());

    private final Map<String, List<Cidr>> byOffice;

    private OfficeNetworks(Map<String, List<Cidr>> byOffice) {
        this.byOffice = Map.copyOf(byOffice);
    }

    public static OfficeNetworks none() {
        return NONE;
    }

    /**
     * Parses the setting; every office must be in {@code directory} and every range a CIDR, else an
     * {@link IllegalArgumentException} naming the part.
     */
    public static OfficeNetworks parse(String spec, OfficeDirectory directory) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Map<String, List<Cidr>> byOffice = new LinkedHashMap<>();
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("must be OFFICE=cidr,cidr;…, got \"" + entry.strip() + "\"");
            }
            String office = entry.substring(0, eq).strip();
            if (directory.office(office).isEmpty()) {
                throw new IllegalArgumentException("names an office that does not exist: " + office);
            }
            List<Cidr> ranges = byOffice.computeIfAbsent(office, k -> new ArrayList<>());
            for (String range : entry.substring(eq + 1).split(",")) {
                if (!range.isBlank()) {
                    try {
                        ranges.add(Cidr.parse(range.strip()));
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException("office " + office + ": not an address range: "
                                + range.strip(), e);
                    }
                }
            }
            if (ranges.isEmpty()) {
                throw new IllegalArgumentException("office " + office + " has no address range");
            }
        }
        Map<String, List<Cidr>> copies = new LinkedHashMap<>();
        byOffice.forEach((k, v) -> copies.put(k, List.copyOf(v)));
        return new OfficeNetworks(copies);
    }

    /**
     * Whether {@code address} is in the own network of {@code officeCode}: empty when no range is configured
     * for the office (nothing is known), else true or false (an address that does not parse is not in it).
     */
    public Optional<Boolean> contains(String officeCode, String address) {
        List<Cidr> ranges = byOffice.get(officeCode);
        if (ranges == null) {
            return Optional.empty();
        }
        Optional<InetAddress> parsed = IpAddress.parse(address);
        if (parsed.isEmpty()) {
            return Optional.of(false);
        }
        for (Cidr c : ranges) {
            if (c.contains(parsed.get())) {
                return Optional.of(true);
            }
        }
        return Optional.of(false);
    }

    public boolean isEmpty() {
        return byOffice.isEmpty();
    }

    /** How many offices have ranges (for the start-up log; the ranges themselves are not logged). */
    public int offices() {
        return byOffice.size();
    }
}

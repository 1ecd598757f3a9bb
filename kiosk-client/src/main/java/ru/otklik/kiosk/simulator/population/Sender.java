package ru.otklik.kiosk.simulator.population;

import java.util.random.RandomGenerator;
import ru.otklik.common.office.Office;

/**
 * Where a simulated form comes from: the client's address and browser, sent to ingest as
 * {@code X-Forwarded-For} and {@code User-Agent} (the run command trusts the simulator, on loopback, as
 * the proxy in front of its virtual people). Without them every simulated form would come from one
 * address and one browser, and the fraud flags would rightly call the whole load one burst.
 *
 * <p>Honest people each have an address of their own (the carrier-grade NAT range, 100.64.0.0/10:
 * shared addresses exist in life, but the simulator runs at hundreds of times the pilot's traffic,
 * where a shared pool would be a burst) and a phone browser from a pool with a few very common ones.
 * Staff faking forms ({@link #staff}) use the office's own network: several office PCs and a staff
 * phone on the office Wi-Fi, so addresses vary inside the office's subnet and a few browsers recur.
 */
public record Sender(String address, String userAgent) {

    private static final int BROWSERS = 300;
    /** The browsers of one office's staff: two office PCs' browsers, a third PC's, a staff phone. */
    static final java.util.List<String> STAFF_BROWSERS = java.util.List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0"
                    + " YaBrowser/24.1.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Mozilla/5.0 (Linux; Android 13; SM-A245F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0"
                    + " Mobile Safari/537.36");
    /** Hosts of the office network's DHCP range (172.16.x.20 - .199). */
    static final int FIRST_HOST = 20;
    static final int HOSTS = 180;

    /** A new person: their own address, a browser drawn from the pool (a fifth on the ten commonest). */
    public static Sender person(RandomGenerator rng) {
        int a = rng.nextInt(1 << 22); // 100.64.0.0/10 has 2^22 addresses
        String address = "100." + (64 + (a >>> 16)) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
        int browser = rng.nextDouble() < 0.2 ? rng.nextInt(10) : rng.nextInt(BROWSERS);
        return new Sender(address, "Mozilla/5.0 (Linux; Android " + (10 + browser % 5) + "; Phone-" + browser
                + ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + (118 + browser % 7) + ".0 Mobile Safari/537.36");
    }

    /** The office's staff PC: the same address and browser for every form entered there. */
    public static Sender staffPc(Office office) {
        return new Sender("172.16." + subnet(office) + ".10", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
                + " (KHTML, like Gecko) Chrome/120.0 Safari/537.36");
    }

    /**
     * A staff member entering a form from inside the office: an address of the office's DHCP range
     * (leases change, phones roam between access points) and one of the staff's browsers, the
     * office PCs more often than the phone.
     */
    public static Sender staff(Office office, RandomGenerator rng) {
        String address = "172.16." + subnet(office) + "." + (FIRST_HOST + rng.nextInt(HOSTS));
        double u = rng.nextDouble();
        int browser = u < 0.4 ? 0 : u < 0.7 ? 1 : u < 0.85 ? 2 : 3;
        return new Sender(address, STAFF_BROWSERS.get(browser));
    }

    /** The office's own network in the simulation (its staff PC is in it): a /24 of 172.16/12. */
    public static String staffNetwork(Office office) {
        return "172.16." + subnet(office) + ".0/24";
    }

    /** {@code OTKLIK_OFFICE_NETWORKS} for ingest: every pilot office's own network as the simulation has it. */
    public static String officeNetworks(java.util.Collection<Office> offices) {
        return offices.stream().map(o -> o.code() + "=" + staffNetwork(o))
                .collect(java.util.stream.Collectors.joining(";"));
    }

    private static int subnet(Office office) {
        return Math.floorMod(office.code().hashCode(), 250) + 1;
    }
}

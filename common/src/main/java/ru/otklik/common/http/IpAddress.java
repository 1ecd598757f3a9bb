package ru.otklik.common.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IP address literal, parsed without ever asking DNS ({@link InetAddress#getByName} resolves
 * anything that is not a literal, and a header value must never make the server resolve a name).
 * Accepts {@code 192.0.2.7}, {@code 2001:db8::1}, {@code [2001:db8::1]}, and either with a port
 * ({@code 192.0.2.7:5000}, {@code [2001:db8::1]:5000}) as proxies write them in {@code X-Forwarded-For}.
 */
public final class IpAddress {

    private IpAddress() {
    }

    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || (close != s.length() - 1 && !port(s.substring(close + 1)))) {
                return Optional.empty();
            }
            return ipv6(s.substring(1, close));
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && s.indexOf(':', colon + 1) < 0) { // one colon: IPv4 with a port
            return port(s.substring(colon)) ? ipv4(s.substring(0, colon)) : Optional.empty();
        }
        return colon >= 0 ? ipv6(s) : ipv4(s);
    }

    private static boolean port(String colonAndDigits) {
        return colonAndDigits.matches(":[0-9]{1,5}");
    }

    private static Optional<InetAddress> ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return byAddress(bytes);
    }

    private static Optional<InetAddress> ipv6(String s) {
        // only hex digits, colons and (for an embedded IPv4 tail) dots: then getByName cannot do a lookup
        if (s.isEmpty() || s.length() > 45 || !s.matches("[0-9A-Fa-f:.]+") || !s.contains(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> byAddress(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}

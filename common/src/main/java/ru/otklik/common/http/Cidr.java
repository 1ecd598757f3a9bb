package ru.otklik.common.http;

import java.net.InetAddress;

/**
 * A network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare address is a /32 or
 * /128). IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) are matched as the IPv4 address they
 * carry, as Java reports them.
 */
public record Cidr(byte[] network, int prefix) {

    public static Cidr parse(String text) {
        String s = text == null ? "" : text.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        if (address.startsWith("[") || address.indexOf(':') >= 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            throw new IllegalArgumentException("not a CIDR network: " + text); // no ports or brackets here
        }
        InetAddress ip = IpAddress.parse(address)
                .orElseThrow(() -> new IllegalArgumentException("not a CIDR network: " + text));
        byte[] bytes = ip.getAddress();
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String bits = s.substring(slash + 1);
            if (!bits.matches("[0-9]{1,3}") || Integer.parseInt(bits) > bytes.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            prefix = Integer.parseInt(bits);
        }
        return new Cidr(mask(bytes, prefix), prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && java.util.Arrays.equals(mask(bytes, prefix), network);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (masked[i] & (0xFF << (8 - keep)));
        }
        return masked;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }
}

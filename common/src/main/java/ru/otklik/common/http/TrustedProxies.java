package ru.otklik.common.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which peers may tell us the client's address ({@code OTKLIK_TRUSTED_PROXIES}, a comma-separated
 * CIDR list; default none). The client address is what the fraud signals hash and the rate limits
 * count, so it must not be forgeable: {@code X-Forwarded-For} is believed only when the direct peer
 * is a trusted proxy, and then only up to the rightmost hop that is not itself a trusted proxy (every
 * hop to its left was written by someone we do not trust).
 */
public final class TrustedProxies {

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Cidr> networks;

    private TrustedProxies(List<Cidr> networks) {
        this.networks = List.copyOf(networks);
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /** {@code "10.0.0.0/8, 192.168.1.7, ::1"}; blank is none. */
    public static TrustedProxies parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        List<Cidr> networks = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (!part.isBlank()) {
                networks.add(Cidr.parse(part));
            }
        }
        return new TrustedProxies(networks);
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    public List<Cidr> networks() {
        return networks;
    }

    public boolean trusts(String address) {
        return IpAddress.parse(address).map(this::trusts).orElse(false);
    }

    private boolean trusts(InetAddress address) {
        for (Cidr c : networks) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client's address: {@code peer} (the socket's remote address) unless it is a trusted proxy;
     * then the rightmost {@code X-Forwarded-For} hop that is not a trusted proxy. {@code forwardedFor}
     * are the header's values in the order received (a request may carry the header more than once).
     * A hop that is not an IP address ends the walk: the last hop we could check is the answer.
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (networks.isEmpty() || forwardedFor == null || forwardedFor.isEmpty() || !trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        String current = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpAddress.parse(hops.get(i));
            if (hop.isEmpty()) {
                return current;
            }
            current = hop.get().getHostAddress();
            if (!trusts(hop.get())) {
                return current;
            }
        }
        return current; // every hop was one of our proxies: the leftmost is as far as anyone can tell
    }

    @Override
    public String toString() {
        return networks.toString();
    }
}

package ru.otklik.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void cidrMatching() {
        Cidr net = Cidr.parse("10.1.0.0/16");
        assertTrue(net.contains(IpAddress.parse("10.1.200.3").orElseThrow()));
        assertFalse(net.contains(IpAddress.parse("10.2.0.1").orElseThrow()));
        assertFalse(net.contains(IpAddress.parse("2001:db8::1").orElseThrow()), "other family");
        assertTrue(Cidr.parse("2001:db8::/32").contains(IpAddress.parse("2001:db8:ffff::7").orElseThrow()));
        assertFalse(Cidr.parse("2001:db8::/32").contains(IpAddress.parse("2001:db9::7").orElseThrow()));
        assertTrue(Cidr.parse("192.0.2.7").contains(IpAddress.parse("192.0.2.7").orElseThrow()));
        assertFalse(Cidr.parse("192.0.2.7").contains(IpAddress.parse("192.0.2.8").orElseThrow()));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("203.0.113.9").orElseThrow()));
        assertTrue(Cidr.parse("10.0.0.0/8").contains(IpAddress.parse("::ffff:10.0.0.1").orElseThrow()), "mapped");
        assertEquals("10.1.0.0/16", Cidr.parse("10.1.77.1/16").toString());
        for (String bad : new String[] {"", "10.0.0.0/33", "10.0.0/8", "proxy.example", "10.0.0.1:80", "::1/129",
                "1.2.3.4/x"}) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
        }
    }

    @Test
    void addressLiteralsNeverResolveNames() {
        assertTrue(IpAddress.parse("localhost").isEmpty());
        assertTrue(IpAddress.parse("example.com").isEmpty());
        assertTrue(IpAddress.parse("1.2.3").isEmpty());
        assertTrue(IpAddress.parse("256.1.1.1").isEmpty());
        assertEquals("192.0.2.7", IpAddress.parse("192.0.2.7:5000").orElseThrow().getHostAddress());
        assertEquals("2001:db8:0:0:0:0:0:1", IpAddress.parse("[2001:db8::1]:443").orElseThrow().getHostAddress());
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedPeerAndOnlyUpToTheFirstUntrustedHop() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.5.5");
        // an untrusted peer's header is ignored: anyone can write one
        assertEquals("203.0.113.9", proxies.clientAddress("203.0.113.9", List.of("1.1.1.1")));
        // through one trusted proxy
        assertEquals("198.51.100.4", proxies.clientAddress("10.0.0.2", List.of("198.51.100.4")));
        // the client forged a hop on the left; the rightmost untrusted hop is the one our proxy saw
        assertEquals("198.51.100.4", proxies.clientAddress("10.0.0.2", List.of("6.6.6.6, 198.51.100.4, 192.168.5.5")));
        // several headers are one list, in order
        assertEquals("198.51.100.4", proxies.clientAddress("10.0.0.2", List.of("6.6.6.6", "198.51.100.4, 10.9.9.9")));
        // garbage stops the walk at the last hop that could be checked
        assertEquals("10.9.9.9", proxies.clientAddress("10.0.0.2", List.of("evil.example, 10.9.9.9")));
        // only proxies: the leftmost
        assertEquals("10.3.3.3", proxies.clientAddress("10.0.0.2", List.of("10.3.3.3, 10.4.4.4")));
        assertEquals("10.0.0.2", proxies.clientAddress("10.0.0.2", List.of()));
        assertEquals("10.0.0.2", proxies.clientAddress("10.0.0.2", null));
        // none trusted (the default): the peer, whatever the header says
        assertEquals("10.0.0.2", TrustedProxies.none().clientAddress("10.0.0.2", List.of("198.51.100.4")));
        assertTrue(TrustedProxies.parse(" ").isEmpty());
    }

    @Test
    void readDeadlines() {
        ReadDeadlines d = new ReadDeadlines(java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30),
                java.time.Duration.ofSeconds(30));
        assertFalse(d.overdue(ReadDeadlines.Phase.HEADER, java.time.Duration.ofSeconds(10)));
        assertTrue(d.overdue(ReadDeadlines.Phase.HEADER, java.time.Duration.ofSeconds(11)));
        assertFalse(d.overdue(ReadDeadlines.Phase.BODY, java.time.Duration.ofSeconds(29)));
        assertTrue(d.overdue(ReadDeadlines.Phase.BODY, java.time.Duration.ofSeconds(31)));
        assertThrows(IllegalArgumentException.class, () -> new ReadDeadlines(java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30)));
    }
}

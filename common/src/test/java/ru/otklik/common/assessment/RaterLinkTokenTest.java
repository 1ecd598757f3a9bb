package ru.otklik.common.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import ru.otklik.common.link.LinkKeys;

class RaterLinkTokenTest {

    private final LinkKeys keys = LinkKeys.parse("k2:" + LinkKeys.newSecret() + ",k1:" + LinkKeys.newSecret());

    @Test
    void aSignedTokenGivesItsRaterKeyBack() {
        String key = RaterLinkToken.newRaterKey();
        String token = RaterLinkToken.sign(keys, key);
        assertEquals(Optional.of(key), RaterLinkToken.verify(keys, token));
        assertTrue(token.contains(".k2."), token);
        assertNotEquals(key, RaterLinkToken.newRaterKey());
    }

    @Test
    void anAlteredForeignOrMalformedTokenIsRefused() {
        String key = RaterLinkToken.newRaterKey();
        String token = RaterLinkToken.sign(keys, key);
        String otherKey = RaterLinkToken.newRaterKey();
        String swapped = otherKey + token.substring(32);
        assertEquals(Optional.empty(), RaterLinkToken.verify(keys, swapped));
        assertEquals(Optional.empty(), RaterLinkToken.verify(LinkKeys.random(), token));
        assertEquals(Optional.empty(), RaterLinkToken.verify(keys, token.replace(".k2.", ".k9.")));
        assertEquals(Optional.empty(), RaterLinkToken.verify(keys, token + "x"));
        assertEquals(Optional.empty(), RaterLinkToken.verify(keys, null));
        assertEquals(Optional.empty(), RaterLinkToken.verify(keys, "../../etc/passwd"));
    }

    @Test
    void anOlderKeyStillVerifies() {
        String key = RaterLinkToken.newRaterKey();
        LinkKeys before = LinkKeys.parse("k1:" + LinkKeys.newSecret());
        String token = RaterLinkToken.sign(before, key);
        String secret1 = java.util.Base64.getEncoder().encodeToString(before.secret("k1").orElseThrow());
        LinkKeys rotated = LinkKeys.parse("k2:" + LinkKeys.newSecret() + ",k1:" + secret1);
        assertEquals(Optional.of(key), RaterLinkToken.verify(rotated, token));
    }
}

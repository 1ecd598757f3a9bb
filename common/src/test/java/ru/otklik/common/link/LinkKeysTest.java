package ru.otklik.common.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class LinkKeysTest {

    @Test
    void theFirstKeySignsAndAllVerify() {
        String s2 = LinkKeys.newSecret();
        LinkKeys keys = LinkKeys.parse(" k2:" + s2 + " , k1:" + LinkKeys.newSecret());
        assertEquals("k2", keys.currentId());
        assertEquals(2, keys.size());
        assertTrue(keys.secret("k1").isPresent());
        assertTrue(keys.secret("k3").isEmpty());
        assertEquals(s2, Base64.getEncoder().encodeToString(keys.currentSecret()));
        assertFalse(keys.isEphemeral());
    }

    @Test
    void urlSafeAndUnpaddedSecretsAreAccepted() {
        byte[] raw = new byte[33];
        raw[0] = (byte) 0xfb; // '+' / '-' territory
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertEquals(33, LinkKeys.parse("k:" + urlSafe).currentSecret().length);
    }

    @Test
    void blankMeansARandomKeyForThisRunOnly() {
        LinkKeys a = LinkKeys.parse("");
        LinkKeys b = LinkKeys.parse(null);
        assertTrue(a.isEphemeral());
        assertFalse(java.util.Arrays.equals(a.currentSecret(), b.currentSecret()));
    }

    @Test
    void badSpecsAreRefused() {
        String ok = LinkKeys.newSecret();
        assertThrows(IllegalArgumentException.class, () -> LinkKeys.parse("k1"));
        assertThrows(IllegalArgumentException.class, () -> LinkKeys.parse("k1:" + ok + ",k1:" + ok), "duplicate id");
        assertThrows(IllegalArgumentException.class, () -> LinkKeys.parse("k1:c2hvcnQ="), "too short");
        assertThrows(IllegalArgumentException.class, () -> LinkKeys.parse("k1:not base64!!"));
        assertThrows(IllegalArgumentException.class, () -> LinkKeys.parse("bad id:" + ok));
        assertThrows(IllegalArgumentException.class, () -> LinkKeys.parse(":" + ok));
    }

    @Test
    void toStringNeverShowsSecrets() {
        String secret = LinkKeys.newSecret();
        String text = LinkKeys.parse("k9:" + secret).toString();
        assertTrue(text.contains("k9"));
        assertFalse(text.contains(secret.substring(0, 10)));
    }
}

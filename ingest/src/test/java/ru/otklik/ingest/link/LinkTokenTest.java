package ru.otklik.ingest.link;

import ru.otklik.common.link.LinkKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkTokenTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String K1 = "k1:" + LinkKeys.newSecret();
    private static final String K2 = "k2:" + LinkKeys.newSecret();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SurveyLink link(Instant expires) {
        return new SurveyLink(SurveyLink.newLinkId(), "BRY", "BRY-01", "window-3", "emp-17", "jc-seeker", 1, true,
                expires);
    }

    private static LinkToken tokens(String keys) {
        return new LinkToken(LinkKeys.parse(keys), CLOCK);
    }

    private static String refusal(LinkToken tokens, String token) {
        return assertThrows(InvalidLinkToken.class, () -> tokens.verify(token)).reason();
    }

    @Test
    void aSignedLinkVerifiesToTheSameLink() throws Exception {
        LinkToken tokens = tokens(K2);
        SurveyLink link = link(NOW.plus(Duration.ofDays(30)));
        String token = tokens.sign(link);
        assertEquals(link, tokens.verify(token));
        assertTrue(token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}"), "url-safe, HMAC-SHA256 is 43 chars: " + token);
    }

    /** Fuzz finding: the last MAC character differing only in its unused bits (or padded) verified as well. */
    @Test
    void aMacSpeltOtherwiseIsRefused() throws Exception {
        LinkToken tokens = tokens(K2);
        String token = tokens.sign(link(NOW.plus(Duration.ofDays(30))));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(token.charAt(token.length() - 1));
        for (int unused = 1; unused < 4; unused++) { // 256 bits in 43 characters: the last one's low 2 bits are spare
            String respelt = token.substring(0, token.length() - 1) + alphabet.charAt(last ^ unused);
            assertEquals("format", refusal(tokens, respelt), respelt);
        }
        assertEquals("format", refusal(tokens, token + "="));
        assertEquals(tokens.verify(token).linkId(), tokens.verify(token).linkId());
    }

    @Test
    void optionalFieldsMayBeAbsent() throws Exception {
        LinkToken tokens = tokens(K2);
        SurveyLink link = new SurveyLink(SurveyLink.newLinkId(), "VLA", "VLA-01", null, null, "pulse", 1, false,
                NOW.plusSeconds(60));
        assertEquals(link, tokens.verify(tokens.sign(link)));
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        LinkToken tokens = tokens(K2);
        String token = tokens.sign(link(NOW.plus(Duration.ofDays(1))));
        String[] parts = token.split("\\.");
        ObjectNode payload = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        payload.put("off", "BRY-02"); // the classic attack: move my answers to another office
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[1];
        assertEquals("bad-mac", refusal(tokens, forged));
        payload.put("off", "BRY-01").put("exp", NOW.plus(Duration.ofDays(3650)).getEpochSecond());
        String extended = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[1];
        assertEquals("bad-mac", refusal(tokens, extended));
    }

    @Test
    void aTamperedMacIsRefused() {
        LinkToken tokens = tokens(K2);
        String token = tokens.sign(link(NOW.plus(Duration.ofDays(1))));
        int i = token.length() - 5;
        String flipped = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
        assertEquals("bad-mac", refusal(tokens, flipped));
        assertEquals("bad-mac", refusal(tokens, token.substring(0, token.length() - 1)), "truncated MAC");
        assertEquals("bad-mac", refusal(tokens, token.substring(0, token.indexOf('.') + 1) + "AAAA"));
    }

    @Test
    void aTokenOfAnotherDeploymentIsRefused() {
        String token = tokens(K2).sign(link(NOW.plus(Duration.ofDays(1))));
        assertEquals("unknown-key", refusal(tokens(K1), token), "key id k2 unknown there");
        String sameIdOtherSecret = "k2:" + LinkKeys.newSecret();
        assertEquals("bad-mac", refusal(tokens(sameIdOtherSecret), token));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        LinkToken tokens = tokens(K2);
        String token = tokens.sign(link(NOW.plusSeconds(60)));
        tokens.verify(token);
        LinkToken later = new LinkToken(LinkKeys.parse(K2), Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        assertEquals("expired", refusal(later, token), "expiry is exclusive");
    }

    @Test
    void garbageIsRefusedAsFormat() {
        LinkToken tokens = tokens(K2);
        String valid = tokens.sign(link(NOW.plusSeconds(60)));
        for (String garbage : new String[] {null, "", ".", "abc", "abc.", ".abc", "a.b.c", "!!!.???", "e30.AAAA",
                "bnVsbA.AAAA", "WzFd.AAAA", valid + "." + "x", valid.replace('.', '+'), "a".repeat(5000) + ".b",
                base64("{\"v\":1,\"kid\":5}") + ".AAAA", base64("{\"v\":2,\"kid\":\"k2\"}") + ".AAAA",
                base64("{\"v\":1,\"kid\":\"k2\"") + ".AAAA"}) {
            assertEquals("format", refusal(tokens, garbage), String.valueOf(garbage));
        }
    }

    @Test
    void aSignedPayloadMissingFieldsIsRefused() throws Exception {
        // only possible with the key; still never a half-filled link
        byte[] secret = Base64.getDecoder().decode(K2.substring(3));
        String body = base64("{\"v\":1,\"kid\":\"k2\",\"lid\":\"x\"}");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
        String token = body + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
        assertEquals("format", refusal(tokens(K2), token));
    }

    @Test
    void anOldKeyVerifiesWhileConfiguredAndNotAfterRemoval() throws Exception {
        SurveyLink link = link(NOW.plus(Duration.ofDays(90)));
        String oldToken = tokens(K1).sign(link);
        LinkToken rotated = tokens(K2 + "," + K1);
        assertEquals(link, rotated.verify(oldToken), "k1 still verifies after k2 became current");
        String newToken = rotated.sign(link);
        assertTrue(new String(Base64.getUrlDecoder().decode(newToken.split("\\.")[0]), StandardCharsets.UTF_8)
                .contains("\"kid\":\"k2\""), "the first key signs");
        assertEquals(link, rotated.verify(newToken));
        LinkToken retired = tokens(K2);
        assertEquals("unknown-key", refusal(retired, oldToken));
        assertEquals(link, retired.verify(newToken));
    }

    @Test
    void tokensAreDistinctEvenForTheSameOffice() {
        LinkToken tokens = tokens(K2);
        Set<String> seen = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            SurveyLink link = link(NOW.plus(Duration.ofDays(1)));
            ids.add(link.linkId());
            seen.add(tokens.sign(link));
        }
        assertEquals(200, seen.size());
        assertEquals(200, ids.size());
        assertTrue(ids.stream().allMatch(id -> Base64.getUrlDecoder().decode(id).length == 16), "128-bit ids");
        assertNotEquals(SurveyLink.newLinkId(), SurveyLink.newLinkId());
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

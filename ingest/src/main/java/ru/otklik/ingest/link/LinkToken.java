package ru.otklik.ingest.link;

import ru.otklik.common.link.LinkKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies link tokens: {@code base64url(payload JSON) + "." + base64url(HMAC-SHA256)}.
 * The MAC covers the encoded payload text, and the payload names its key ({@code kid}) so keys
 * can rotate. The token is the whole capability: it is never logged.
 */
public final class LinkToken {

    /** Far above a real token (~350 characters) and far below anything that costs us to parse. */
    static final int MAX_LENGTH = 2048;
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L; // 9999-12-31, safe for Instant
    private static final String HMAC = "HmacSHA256";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final LinkKeys keys;
    private final Clock clock;

    public LinkToken(LinkKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public String currentKeyId() {
        return keys.currentId();
    }

    public String sign(SurveyLink link) {
        ObjectNode payload = JSON.createObjectNode()
                .put("v", 1)
                .put("kid", keys.currentId())
                .put("lid", link.linkId())
                .put("reg", link.regionCode())
                .put("off", link.officeCode())
                .put("sid", link.surveyId())
                .put("sv", link.surveyVersion())
                .put("su", link.singleUse())
                .put("exp", link.expiresAt().getEpochSecond());
        if (link.touchpointId() != null) {
            payload.put("tp", link.touchpointId());
        }
        if (link.employeeId() != null) {
            payload.put("emp", link.employeeId());
        }
        String body = ENCODER.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(keys.currentSecret(), body));
    }

    /** The link a token grants, or why it grants nothing. Checks run in order: format, key, MAC, expiry. */
    public SurveyLink verify(String token) throws InvalidLinkToken {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            throw new InvalidLinkToken("format");
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
            throw new InvalidLinkToken("format");
        }
        String body = token.substring(0, dot);
        JsonNode payload;
        byte[] givenMac;
        try {
            payload = JSON.readTree(DECODER.decode(body));
            givenMac = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException | IOException e) {
            throw new InvalidLinkToken("format");
        }
        if (payload == null || !payload.isObject() || !payload.path("kid").isTextual() || payload.path("v").asInt() != 1) {
            throw new InvalidLinkToken("format");
        }
        // the payload is read before the MAC check only to find the key id; nothing else of it is trusted yet
        byte[] secret = keys.secret(payload.get("kid").asText()).orElseThrow(() -> new InvalidLinkToken("unknown-key"));
        if (!MessageDigest.isEqual(mac(secret, body), givenMac)) { // constant time
            throw new InvalidLinkToken("bad-mac");
        }
        // one token, one spelling: base64 ignores the unused low bits of the last character (and takes padding),
        // so without this the right MAC spelt otherwise, in a character a fuzzer changed, verified too
        if (!ENCODER.encodeToString(givenMac).equals(token.substring(dot + 1))) {
            throw new InvalidLinkToken("format");
        }
        SurveyLink link = toLink(payload);
        if (link.isExpiredAt(clock.instant())) {
            throw new InvalidLinkToken("expired");
        }
        return link;
    }

    private static SurveyLink toLink(JsonNode p) throws InvalidLinkToken {
        // signed by us, so malformed here means a bug or a key leak; refuse rather than guess
        if (!(p.path("lid").isTextual() && p.path("reg").isTextual() && p.path("off").isTextual()
                && p.path("sid").isTextual() && p.path("sv").isInt() && p.path("su").isBoolean()
                && p.path("exp").isIntegralNumber() && p.path("exp").canConvertToLong()
                && Math.abs(p.get("exp").asLong()) < MAX_EPOCH_SECOND)) {
            throw new InvalidLinkToken("format");
        }
        return new SurveyLink(p.get("lid").asText(), p.get("reg").asText(), p.get("off").asText(),
                optional(p, "tp"), optional(p, "emp"), p.get("sid").asText(), p.get("sv").asInt(),
                p.get("su").asBoolean(), Instant.ofEpochSecond(p.get("exp").asLong()));
    }

    private static String optional(JsonNode payload, String field) {
        JsonNode node = payload.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static byte[] mac(byte[] secret, String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

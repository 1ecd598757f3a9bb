package ru.otklik.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import ru.otklik.common.http.MediaType;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.Entry;
import ru.otklik.e2e.fuzz.FuzzRequest.Expect;

/**
 * Generators of ingest's write endpoints: responses through the public door and the staff (paper) door,
 * signed and unsigned kiosk batches and heartbeats. Each starts from a valid request, mutates it (or not)
 * and asks the project's rules what must happen to the exact bytes it sends.
 */
final class IngestRequests {

    private static final int MAX_BODY = 65_536;
    private static final int MAX_BATCH = 262_144;
    private static final int MAX_HEARTBEAT = 4_096;
    private static final List<String> KIOSK_REASONS = List.of("waiting_time", "staff_attitude", "information",
            "premises", "other");

    private final FuzzContext fx;
    /** Signatures sent so far: the same body signed in the same second would be a replay, refused rightly. */
    private final Set<String> signatures = ConcurrentHashMap.newKeySet();

    IngestRequests(FuzzContext fx) {
        this.fx = fx;
    }

    /** How a mutated request differs from a valid one at the HTTP level: type, headers, size. */
    private static final class Envelope {
        String contentType = "application/json";
        boolean tooLargeHeader;
    }

    // --- POST /api/v1/responses ---

    RequestSource responses(boolean paper) {
        return (index, r) -> {
            String endpoint = paper ? "responses (paper)" : "responses (api)";
            FuzzRequest.Builder b = new FuzzRequest.Builder(endpoint, "POST", "/api/v1/responses");
            ObjectNode form = fx.validForm(r, fx.id("fz", index), paper ? "paper" : "link", fx.office(r));
            if (paper && r.nextBoolean()) {
                form.put("touchpointId", "window-" + r.nextInt(9)); // staff may bind a paper form
            }
            byte[] body = mutateBody(form, r, b, MAX_BODY);
            Envelope envelope = envelope(b, r, "application/json");
            String token = null;
            switch (r.nextInt(paper ? 5 : 12)) {
                case 0: b.note("no-token"); break;
                case 1: b.header("Authorization", "Bearer wrong-" + fx.stack.staffToken.substring(6)).note("bad-token"); break;
                case 2: b.garbageHeader("Authorization", Mutations.garbageHeaderValue(r)).note("garbage-authorization"); break;
                default:
                    if (paper) {
                        token = fx.stack.staffToken;
                        b.header("Authorization", (r.nextInt(8) == 0 ? "bearer " : "Bearer ") + token);
                    }
            }
            b.body(body);
            if (envelope.tooLargeHeader || !MediaType.admits(envelope.contentType, MediaType.JSON) || body.length > MAX_BODY) {
                return b.expect(Expect.REFUSE);
            }
            Optional<JsonNode> tree = fx.rules.json(body);
            if (tree.isEmpty()) {
                return b.expect(Expect.REFUSE);
            }
            JsonNode channel = tree.get().path("channel");
            boolean paperDoor = channel.isTextual() && channel.textValue().equals("paper");
            if (paperDoor && !authenticates(b)) {
                return b.expect(Expect.REFUSE);
            }
            Entry door = paperDoor ? Entry.STAFF_PAPER : Entry.PUBLIC_API;
            return b.expect(fx.rules.responseValid(tree.get(), door) ? Expect.ACCEPT : Expect.REFUSE);
        };
    }

    /** Whether the request carries the run's staff token as ingest's StaffTokens reads it. */
    private boolean authenticates(FuzzRequest.Builder b) {
        return fx.isStaff(b.headerValue("Authorization"));
    }

    /** Mutates a valid body: 10% left valid, else tree mutations, byte mutations, or a huge body. */
    static byte[] mutateBody(ObjectNode valid, Random r, FuzzRequest.Builder b, int limit) {
        int kind = r.nextInt(100);
        if (kind < 10) { // valid ones cost a Kafka acknowledgement and the job's work: the refusals are the point
            b.note("valid");
            return EventJson.mapper().valueToTree(valid).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (kind < 75) {
            b.note(Mutations.mutateTree(valid, r, 1 + r.nextInt(3)));
            return valid.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (kind < 99) {
            StringBuilder how = new StringBuilder();
            byte[] bytes = Mutations.mutateBytes(valid.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), r, how);
            b.note(how.toString());
            return bytes;
        }
        b.note("oversized");
        valid.put("comment", "z".repeat(limit + r.nextInt(3) * (limit / 2)));
        return valid.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Content-Type (mostly right) and now and then a garbage header. */
    private static Envelope envelope(FuzzRequest.Builder b, Random r, String right) {
        Envelope e = new Envelope();
        int kind = r.nextInt(100);
        if (kind < 8) {
            e.contentType = Mutations.contentTypeMutation(r, right);
            b.note("content-type " + e.contentType);
        } else if (kind < 10) {
            e.contentType = null;
            b.note("no content-type");
        } else {
            e.contentType = r.nextInt(4) == 0 ? right + "; charset=utf-8" : right;
        }
        b.header("Content-Type", e.contentType);
        if (r.nextInt(25) == 0) {
            String value = Mutations.garbageHeaderValue(r);
            e.tooLargeHeader = value.length() > 8_000;
            b.garbageHeader(Mutations.pick(r, List.of("User-Agent", "X-Forwarded-For", "Accept", "X-Request-Id", "Cookie",
                    "Accept-Charset", "Forwarded")), value).note("header-garbage");
        }
        return e;
    }

    // --- POST /api/v1/kiosk/batches and /api/v1/kiosk/heartbeats ---

    /** How a kiosk request is signed. */
    enum Signing { VALID, NONE, NO_SIGNATURE, NO_TIMESTAMP, OTHER_SECRET, TAMPERED, STALE, FUTURE, GARBLED_TIMESTAMP,
        UNKNOWN_DEVICE, REVOKED, GARBAGE_DEVICE, GARBAGE_SIGNATURE }

    RequestSource kioskBatches() {
        return (index, r) -> {
            FuzzRequest.Builder b = new FuzzRequest.Builder("kiosk batches", "POST", "/api/v1/kiosk/batches");
            KioskDevice device = r.nextInt(5) == 0 ? fx.stack.otherDevice : fx.stack.device;
            ObjectNode batch = EventJson.mapper().createObjectNode();
            ArrayNode taps = batch.putArray("taps");
            int n = r.nextInt(50) == 0 ? Mutations.pick(r, List.of(0, 500, 501)) : 1 + r.nextInt(12);
            for (int k = 0; k < n; k++) {
                ObjectNode tap = taps.addObject();
                tap.put("tapId", fx.id("tap", index) + "-" + k);
                tap.put("deviceId", device.deviceId());
                tap.put("button", 1 + r.nextInt(4));
                if (r.nextBoolean()) {
                    tap.put("reason", Mutations.pick(r, KIOSK_REASONS));
                }
                tap.put("clientTs", Instant.now().minusSeconds(1 + r.nextInt(3 * 86_400)).toString());
                if (r.nextBoolean()) {
                    tap.put("suppressedPresses", r.nextInt(4));
                }
            }
            byte[] body = mutateBody(batch, r, b, MAX_BATCH);
            return kiosk(b, r, device, body, MAX_BATCH, true);
        };
    }

    RequestSource heartbeats() {
        return (index, r) -> {
            FuzzRequest.Builder b = new FuzzRequest.Builder("kiosk heartbeats", "POST", "/api/v1/kiosk/heartbeats");
            KioskDevice device = r.nextInt(5) == 0 ? fx.stack.otherDevice : fx.stack.device;
            ObjectNode beat = EventJson.mapper().createObjectNode();
            beat.put("deviceId", device.deviceId());
            beat.put("sentTs", Instant.now().minusSeconds(r.nextInt(60)).toString());
            beat.put("queueLength", r.nextInt(1_000));
            if (r.nextBoolean()) {
                beat.put("oldestUnsentTs", Instant.now().minusSeconds(r.nextInt(30 * 86_400)).toString());
            }
            if (r.nextBoolean()) {
                beat.put("lastSuccessfulSendTs", Instant.now().minusSeconds(r.nextInt(86_400)).toString());
            }
            if (r.nextBoolean()) {
                beat.put("agentVersion", "0.1." + index);
            }
            byte[] body = mutateBody(beat, r, b, MAX_HEARTBEAT);
            return kiosk(b, r, device, body, MAX_HEARTBEAT, false);
        };
    }

    private FuzzRequest kiosk(FuzzRequest.Builder b, Random r, KioskDevice device, byte[] body, int limit, boolean batch) {
        Envelope envelope = envelope(b, r, "application/json");
        Signing signing = r.nextInt(100) < 65 ? Signing.VALID
                : Signing.values()[1 + r.nextInt(Signing.values().length - 1)];
        b.note("signing " + signing).body(body);
        long now = Instant.now().getEpochSecond();
        long ts = switch (signing) {
            case STALE -> now - 301 - r.nextInt(100_000);
            case FUTURE -> now + 301 + r.nextInt(100_000);
            default -> now;
        };
        String claimed = switch (signing) {
            case UNKNOWN_DEVICE -> "kiosk-nobody-" + fx.tag;
            case REVOKED -> fx.stack.revokedDevice.deviceId();
            case GARBAGE_DEVICE -> Mutations.garbageHeaderValue(r).replaceAll("^\\s+|\\s+$", "") + "?";
            default -> device.deviceId();
        };
        String secret = signing == Signing.REVOKED ? fx.stack.revokedDevice.secret() : device.secret();
        String signature;
        while (true) {
            signature = switch (signing) {
                case OTHER_SECRET -> KioskSignature.sign(KioskSignature.newSecret(), ts, body);
                case TAMPERED -> KioskSignature.sign(secret, ts, Mutations.concat(body, new byte[] {' '}));
                case GARBAGE_SIGNATURE -> Mutations.pick(r, List.of("", "zz", "ab".repeat(32) + "0",
                        KioskSignature.sign(secret, ts, body).toUpperCase(java.util.Locale.ROOT) + "x",
                        Mutations.garbageHeaderValue(r)));
                default -> KioskSignature.sign(secret, ts, body);
            };
            if (signing != Signing.VALID || signatures.add(signature)) {
                break;
            }
            ts--; // the same body signed in the same second: sign it a second earlier instead of replaying it
        }
        if (signing == Signing.VALID) {
            fx.secrets.add(signature);
        }
        if (signing != Signing.NONE) {
            b.header(KioskSignature.DEVICE_HEADER, claimed);
            if (signing == Signing.GARBLED_TIMESTAMP) {
                b.header(KioskSignature.TIMESTAMP_HEADER, Mutations.pick(r, List.of("yesterday", "", "-1",
                        Long.toString(Long.MIN_VALUE), Long.toString(Long.MAX_VALUE), "99999999999999999999999",
                        now + ".0", "+" + now + "x", "0x" + Long.toHexString(now), "１７００")));
            } else if (signing != Signing.NO_TIMESTAMP) {
                b.header(KioskSignature.TIMESTAMP_HEADER, Long.toString(ts));
            }
            if (signing != Signing.NO_SIGNATURE) {
                b.header(KioskSignature.SIGNATURE_HEADER, signature);
            }
        }
        if (envelope.tooLargeHeader || !MediaType.admits(envelope.contentType, MediaType.JSON) || body.length > limit
                || signing != Signing.VALID) {
            return b.expect(Expect.REFUSE);
        }
        Optional<JsonNode> tree = fx.rules.json(body);
        if (tree.isEmpty()) {
            return b.expect(Expect.REFUSE);
        }
        if (!batch) {
            return b.expect(fx.rules.heartbeatValid(tree.get(), device.deviceId()) ? Expect.ACCEPT : Expect.REFUSE);
        }
        int accepted = fx.rules.acceptedTaps(tree.get(), device.deviceId());
        return accepted < 0 ? b.expect(Expect.REFUSE) : b.expectTaps(Expect.ACCEPT, accepted);
    }
}

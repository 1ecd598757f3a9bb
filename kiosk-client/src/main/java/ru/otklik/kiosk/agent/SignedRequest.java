package ru.otklik.kiosk.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import ru.otklik.common.kiosk.KioskSignature;

/**
 * A JSON POST to ingest signed with the device's secret (batches and heartbeats alike). A fresh
 * timestamp and signature per attempt: ingest refuses stale or repeated ones as replays.
 */
final class SignedRequest {

    private SignedRequest() {
    }

    static HttpRequest post(URI uri, String deviceId, String secret, byte[] body, Clock clock, Duration timeout) {
        long ts = clock.instant().getEpochSecond();
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(KioskSignature.DEVICE_HEADER, deviceId)
                .header(KioskSignature.TIMESTAMP_HEADER, Long.toString(ts))
                .header(KioskSignature.SIGNATURE_HEADER, KioskSignature.sign(secret, ts, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** The client both senders use: HTTP/1.1 (ingest behind simple proxies), a short connect timeout. */
    static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** {@code base} without trailing slashes, then {@code path}. */
    static URI resolve(URI base, String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }
}

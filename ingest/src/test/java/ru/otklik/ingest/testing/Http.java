package ru.otklik.ingest.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import ru.otklik.common.kiosk.KioskSignature;

/** Plain HTTP calls to a running ingest, and the signed headers of a kiosk. */
public record Http(int port) {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** The three kiosk headers for {@code body}, signed now. */
    public static Map<String, String> signed(String device, String secret, byte[] body) {
        long ts = Instant.now().getEpochSecond();
        Map<String, String> headers = new HashMap<>();
        headers.put(KioskSignature.DEVICE_HEADER, device);
        headers.put(KioskSignature.TIMESTAMP_HEADER, String.valueOf(ts));
        headers.put(KioskSignature.SIGNATURE_HEADER, KioskSignature.sign(secret, ts, body));
        return headers;
    }

    /** A batch of {@code taps} valid taps of the device, tap ids {@code prefix0, prefix1, ...}. */
    public static byte[] batch(String device, int taps, String prefix) {
        StringBuilder json = new StringBuilder("{\"taps\":[");
        for (int i = 0; i < taps; i++) {
            json.append(i == 0 ? "" : ",").append("{\"tapId\":\"").append(prefix).append(i)
                    .append("\",\"deviceId\":\"").append(device).append("\",\"button\":").append(1 + i % 4)
                    .append(",\"clientTs\":\"").append(Instant.now().minusSeconds(60)).append("\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}

package ru.otklik.dashboards.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts a message's JSON to a webhook, signed: {@code X-Otklik-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>">} with the shared secret, {@code X-Otklik-Timestamp} (epoch seconds, so a receiver
 * can refuse replays) and {@code Idempotency-Key} (the same for every attempt of one message, so a
 * receiver can drop a retry it already has). 2xx is delivered; 408, 429, 5xx and no answer are retried;
 * any other 4xx is a refusal.
 */
final class WebhookChannel {

    static final String SIGNATURE = "X-Otklik-Signature";
    static final String TIMESTAMP = "X-Otklik-Timestamp";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final SecretKeySpec key;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    WebhookChannel(String secret, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    /** The signature a receiver computes to check a message (hex HMAC-SHA256 of {@code timestamp + "." + body}). */
    static String signature(String secret, long timestamp, String body) {
        return new WebhookChannel(secret, Clock.systemUTC()).sign(timestamp, body);
    }

    private String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    Delivered send(String url, String idempotencyKey, String body) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Otklik-Alerts/1")
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .header(TIMESTAMP, Long.toString(timestamp))
                .header(SIGNATURE, sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return Delivered.YES;
            }
            return status == 408 || status == 429 || status >= 500 ? Delivered.RETRY : Delivered.REFUSED;
        } catch (IOException e) {
            return Delivered.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivered.RETRY;
        }
    }
}

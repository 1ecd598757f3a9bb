package ru.otklik.kiosk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import ru.otklik.common.kiosk.KioskEnrolment;
import ru.otklik.common.response.EventJson;

/**
 * One-time enrolment of a new kiosk: the installer types a code, the agent trades it once for its
 * device id and secret ({@code POST /api/v1/kiosk/enrolments {"code":...}} -> 201) and keeps them in
 * {@code <journalDir>/device.json} (owner-only, written atomically), so later starts never ask
 * again. The code is spent by then: 409 (already used) and 403 (unknown or expired) cannot heal by
 * retrying and end in {@link EnrolmentRefused}; network trouble and 5xx are for the caller to retry.
 */
public final class Enrolment {

    static final String ENROLMENTS_PATH = "/api/v1/kiosk/enrolments";
    static final String DEVICE_FILE = "device.json";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI uri;
    private final Path deviceFile;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public Enrolment(URI ingest, Path journalDir) {
        this.uri = SignedRequest.resolve(ingest, ENROLMENTS_PATH);
        this.deviceFile = journalDir.resolve(DEVICE_FILE);
    }

    public Path deviceFile() {
        return deviceFile;
    }

    /** The stored enrolment, if this kiosk was enrolled before. */
    public Optional<KioskEnrolment> stored() throws IOException {
        if (!Files.exists(deviceFile)) {
            return Optional.empty();
        }
        KioskEnrolment e = EventJson.fromBytes(Files.readAllBytes(deviceFile), KioskEnrolment.class);
        if (e.deviceId() == null || e.secret() == null) {
            throw new IOException(deviceFile + " lacks deviceId or secret");
        }
        return Optional.of(e);
    }

    /** The stored enrolment, or a fresh one for {@code code}, stored before it is returned. */
    public KioskEnrolment storedOrEnrol(String code) throws IOException, InterruptedException {
        Optional<KioskEnrolment> stored = stored();
        if (stored.isPresent()) {
            return stored.get();
        }
        KioskEnrolment fresh = enrol(code);
        store(fresh);
        LogLine.info("kiosk_enrolled", "device", fresh.deviceId(), "region", fresh.regionCode(),
                "office", fresh.officeCode(), "touchpoint", fresh.touchpointId(), "file", deviceFile);
        return fresh;
    }

    KioskEnrolment enrol(String code) throws IOException, InterruptedException {
        byte[] body = EventJson.mapper().createObjectNode().put("code", code).toString()
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status == 201 || status == 200) {
            KioskEnrolment e = EventJson.fromBytes(response.body().getBytes(StandardCharsets.UTF_8),
                    KioskEnrolment.class);
            if (e.deviceId() == null || e.secret() == null) {
                throw new IOException("enrolment answer lacks deviceId or secret");
            }
            return e;
        }
        String why = switch (status) {
            case 409 -> "the enrolment code was already used";
            case 403 -> "the enrolment code is unknown or expired";
            case 400 -> "the enrolment code was refused as malformed";
            default -> null;
        };
        if (why != null) {
            throw new EnrolmentRefused(why + " (HTTP " + status + detail(response.body())
                    + "); ask for a new code and set OTKLIK_ENROLMENT_CODE");
        }
        throw new IOException("enrolment failed with HTTP " + status);
    }

    /** Temp file (owner-only from its creation), fsync, atomic rename: never a half-written identity. */
    void store(KioskEnrolment enrolment) throws IOException {
        Files.createDirectories(deviceFile.getParent());
        Path tmp = deviceFile.resolveSibling(DEVICE_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(ownerOnly)}
                : new FileAttribute<?>[0];
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                attrs)) {
            ByteBuffer buf = ByteBuffer.wrap(EventJson.toBytes(enrolment));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, deviceFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(deviceFile.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the file itself is forced; a platform that cannot open a directory keeps the rename in its journal
        }
    }

    private static String detail(String body) {
        try {
            JsonNode violations = EventJson.mapper().readTree(body).path("violations");
            if (violations.isArray() && !violations.isEmpty()) {
                return ": " + violations.get(0).path("message").asText(violations.get(0).path("rule").asText());
            }
        } catch (IOException | RuntimeException e) {
            // no JSON detail
        }
        return "";
    }

    /** The code was refused for good: the agent cannot start without a new one. */
    public static final class EnrolmentRefused extends IOException {

        public EnrolmentRefused(String message) {
            super(message);
        }
    }
}

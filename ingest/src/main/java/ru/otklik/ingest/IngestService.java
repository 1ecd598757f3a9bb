package ru.otklik.ingest;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.validation.KioskTapValidator;
import ru.otklik.common.validation.ResponseValidator;
import ru.otklik.ingest.deadletter.DeadLetterWriter;
import ru.otklik.ingest.health.KafkaHealth;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.kafka.ResponsePublisher;
import ru.otklik.ingest.kiosk.DeviceRegistry;
import ru.otklik.ingest.kiosk.KioskAuthenticator;
import ru.otklik.ingest.kiosk.KioskBatchEndpoint;
import ru.otklik.ingest.metrics.IngestMetrics;
import ru.otklik.ingest.response.ResponseEndpoint;

/** The running ingest service: HTTP routes, the Kafka producer, and their wiring. */
public final class IngestService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final Javalin app;
    private final ResponsePublisher publisher;
    private final KafkaHealth kafkaHealth;

    private IngestService(Javalin app, ResponsePublisher publisher, KafkaHealth kafkaHealth) {
        this.app = app;
        this.publisher = publisher;
        this.kafkaHealth = kafkaHealth;
    }

    public static IngestService start(IngestConfig config) {
        return start(config, OfficeDirectory.pilot(), SurveyCatalog.builtIn(), Clock.systemUTC());
    }

    public static IngestService start(IngestConfig config, OfficeDirectory offices, SurveyCatalog surveys, Clock clock) {
        IngestMetrics metrics = new IngestMetrics();
        ResponsePublisher publisher = new ResponsePublisher(config);
        KafkaHealth kafkaHealth = new KafkaHealth(config.kafkaBootstrap(), clock);
        DeadLetterWriter deadLetters = new DeadLetterWriter(publisher, metrics, clock, config.addressSalt());
        DeviceRegistry devices = DeviceRegistry.load(config.devicesFile(), offices);

        ResponseEndpoint responses = new ResponseEndpoint(new ResponseValidator(surveys, offices, clock), publisher,
                deadLetters, metrics, clock, config.maxBodyBytes());
        KioskBatchEndpoint kiosk = new KioskBatchEndpoint(new KioskAuthenticator(devices, clock, config.clockSkew()),
                new KioskTapValidator(surveys, clock), offices, publisher, deadLetters, metrics, clock,
                config.maxKioskBatchBytes());

        Javalin app = Javalin.create(c -> {
            c.jetty.host = "0.0.0.0";
            c.jetty.port = config.port();
            c.http.asyncTimeout = config.kafkaTimeout().toMillis() + 5_000;
            c.startup.showJavalinBanner = false;
            c.routes.post(ResponseEndpoint.PATH, responses::handle);
            c.routes.post(KioskBatchEndpoint.PATH, kiosk::handle);
            c.routes.get("/health", ctx -> {
                boolean up = kafkaHealth.isUp();
                ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                        .json(Map.of("status", up ? "up" : "down", "kafka", up ? "up" : "unreachable"));
            });
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            c.routes.error(404, "*", ctx -> ctx.json(Problem.of("not-found", ctx.path())));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("event=request_failed path={} error=\"{}\"", ctx.path(), e.toString(), e);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Problem.of("internal", "unexpected error"));
            });
        }).start();
        LOG.info("event=ingest_started port={} kafka={} topic={} devices={}", app.port(), config.kafkaBootstrap(),
                config.responsesTopic(), devices.size());
        return new IngestService(app, publisher, kafkaHealth);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        publisher.close();
        kafkaHealth.close();
    }
}

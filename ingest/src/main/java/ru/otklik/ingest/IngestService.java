package ru.otklik.ingest;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.OfficeNetworks;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.validation.KioskTapValidator;
import ru.otklik.common.validation.ResponseValidator;
import ru.otklik.ingest.assessment.AssessmentEndpoint;
import ru.otklik.ingest.assessment.AssessmentStore;
import ru.otklik.ingest.deadletter.DeadLetterWriter;
import ru.otklik.ingest.health.KafkaHealth;
import ru.otklik.ingest.http.BodyType;
import ru.otklik.ingest.http.ClientAddress;
import ru.otklik.ingest.http.ClientText;
import ru.otklik.common.http.Failures;
import ru.otklik.ingest.http.OpenApiDocument;
import ru.otklik.ingest.http.ProblemException;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.http.ServerHardening;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.kafka.ResponsePublisher;
import ru.otklik.ingest.http.RequestMetadata;
import ru.otklik.ingest.http.SaltedHash;
import ru.otklik.ingest.http.StaffGate;
import ru.otklik.ingest.kiosk.DeviceRegistry;
import ru.otklik.ingest.kiosk.EnrolledKiosks;
import ru.otklik.ingest.kiosk.EnrolmentFile;
import ru.otklik.ingest.kiosk.HeartbeatEndpoint;
import ru.otklik.ingest.kiosk.KioskAuthenticator;
import ru.otklik.ingest.kiosk.KioskBatchEndpoint;
import ru.otklik.ingest.kiosk.KioskContacts;
import ru.otklik.ingest.kiosk.KioskDevicesEndpoint;
import ru.otklik.ingest.kiosk.KioskEnrolmentEndpoint;
import ru.otklik.ingest.kiosk.KioskGate;
import ru.otklik.ingest.link.LinkEndpoint;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.common.operational.OperationalStore;
import ru.otklik.ingest.link.FileUsedLinks;
import ru.otklik.ingest.link.StoredUsedLinks;
import ru.otklik.ingest.link.UsedLinks;
import ru.otklik.ingest.link.LinkToken;
import ru.otklik.ingest.link.StaffTokens;
import ru.otklik.ingest.metrics.IngestMetrics;
import ru.otklik.ingest.questionnaire.ContactStore;
import ru.otklik.ingest.questionnaire.FileContactStore;
import ru.otklik.ingest.questionnaire.StoredContacts;
import ru.otklik.ingest.questionnaire.QuestionnaireEndpoint;
import ru.otklik.ingest.ratelimit.RateLimits;
import ru.otklik.ingest.response.ResponseEndpoint;

/**
 * The running ingest service: HTTP routes, the Kafka producer, and their wiring.
 * {@code start} returns once the port is bound; {@code close} stops HTTP first, then flushes Kafka.
 */
public final class IngestService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final Javalin app;
    private final ResponsePublisher publisher;
    private final KafkaHealth kafkaHealth;
    private final OperationalStore store; // null without one

    private IngestService(Javalin app, ResponsePublisher publisher, KafkaHealth kafkaHealth, OperationalStore store) {
        this.app = app;
        this.publisher = publisher;
        this.kafkaHealth = kafkaHealth;
        this.store = store;
    }

    public static IngestService start(IngestConfig config) {
        return start(config, OfficeDirectory.pilot(), SurveyCatalog.builtIn(), Clock.systemUTC());
    }

    public static IngestService start(IngestConfig config, OfficeDirectory offices, SurveyCatalog surveys, Clock clock) {
        DeviceRegistry devices = DeviceRegistry.load(config.devicesFile(), offices,
                EnrolledKiosks.load(new EnrolmentFile(config.enrolledFile())));
        IngestMetrics metrics = new IngestMetrics();
        ResponsePublisher publisher = new ResponsePublisher(config);
        KafkaHealth kafkaHealth = new KafkaHealth(config.kafkaBootstrap(), clock);
        OperationalStore store = null;
        try {
            SaltedHash clientHashes = new SaltedHash(config.addressSalt()); // dead letters and request metadata alike
            DeadLetterWriter deadLetters = new DeadLetterWriter(publisher::publishDeadLetter, metrics, clock,
                    clientHashes);
            OfficeNetworks networks = OfficeNetworks.parse(config.officeNetworks(), offices);
            RequestMetadata requestMeta = new RequestMetadata(clientHashes, networks);
            LOG.info("event=office_networks offices={}", networks.offices());
            StaffTokens staff = StaffTokens.parse(config.staffTokens());
            ResponseEndpoint responses = new ResponseEndpoint(new ResponseValidator(surveys, offices, clock), publisher,
                    deadLetters, metrics, clock, config.maxBodyBytes(), requestMeta, staff);
            // one authenticator, so one replay window for batches and heartbeats
            KioskGate kioskGate = new KioskGate(new KioskAuthenticator(devices, clock, config.clockSkew()), deadLetters,
                    metrics);
            KioskContacts kioskContacts = new KioskContacts();
            KioskBatchEndpoint kiosk = new KioskBatchEndpoint(kioskGate, new KioskTapValidator(surveys, clock),
                    offices, publisher, deadLetters, metrics, clock, config.maxKioskBatchBytes(), requestMeta,
                    kioskContacts);
            HeartbeatEndpoint heartbeats = new HeartbeatEndpoint(kioskGate, publisher, kioskContacts, deadLetters,
                    metrics, clock);

            // spent single-use links: in the operational store when there is one (the run command's case),
            // else in a log file of this instance's own (one instance only, a development fallback)
            UsedLinks usedLinks;
            ContactStore contacts;
            AssessmentStore assessments = null; // 360 rater pages need the store: without it they answer 503
            if (config.operationalStore().configured()) {
                store = OperationalStore.open(config.operationalStore());
                usedLinks = new StoredUsedLinks(store.dataSource());
                contacts = new StoredContacts(store.dataSource());
                assessments = new AssessmentStore(store.dataSource());
            } else {
                LOG.warn("event=operational_store_absent reason=\"OTKLIK_POSTGRES_URL unset\" effect=\"used single-use"
                        + " links and respondents' contacts are kept in files in {} of this instance only\"",
                        config.contactsDir());
                usedLinks = FileUsedLinks.open(config.contactsDir());
                contacts = new FileContactStore(config.contactsDir());
            }
            LinkKeys linkKeys = LinkKeys.parse(config.linkKeys());
            if (linkKeys.isEphemeral()) {
                LOG.warn("event=link_keys_ephemeral reason=\"OTKLIK_LINK_KEYS unset\" effect=\"links issued now stop "
                        + "working at restart\"");
            }
            StaffGate staffGate = new StaffGate(staff, deadLetters);
            KioskEnrolmentEndpoint enrolment = new KioskEnrolmentEndpoint(offices, devices, staffGate, deadLetters, clock);
            KioskDevicesEndpoint kioskDevices = new KioskDevicesEndpoint(devices, kioskContacts, staffGate, deadLetters);
            LinkToken linkTokens = new LinkToken(linkKeys, clock);
            LinkEndpoint links = new LinkEndpoint(offices, surveys, linkTokens, staff, config.publicBaseUrl(), clock);
            QuestionnaireEndpoint questionnaire = new QuestionnaireEndpoint(linkTokens, surveys, offices,
                    new ResponseValidator(surveys, offices, clock), publisher, usedLinks,
                    contacts, metrics, clock, requestMeta, deadLetters,
                    config.maxBodyBytes());
            AssessmentEndpoint assessment = new AssessmentEndpoint(linkKeys, assessments, publisher, deadLetters,
                    metrics, clock, config.maxBodyBytes());

            OpenApiDocument openApi = OpenApiDocument.load();
            RateLimits limits = RateLimits.of(config.ipRateLimit(), config.deviceRateLimit(), deadLetters);

            Javalin app = Javalin.create(c -> {
                ServerHardening.apply(c, config.http(), config.port()); // host, limits, timeouts, slow clients
                // a safety net only: the producer gives up after kafkaTimeout and the handler answers 503
                c.http.asyncTimeout = config.kafkaTimeout().toMillis() + 5_000;
                c.startup.showJavalinBanner = false;
                c.jsonMapper(new JavalinJackson(EventJson.mapper(), false)); // the one mapping of Otklik JSON
                // the client address first: rate limits count it, dead letters and request metadata hash it
                c.routes.before(ctx -> ClientAddress.resolve(ctx, config.http().trustedProxies()));
                c.routes.post(ResponseEndpoint.PATH, limits.perIp("responses",
                        BodyType.json("responses", config.maxBodyBytes(), responses::handle)));
                c.routes.post(KioskBatchEndpoint.PATH, limits.perDeviceAndIp("kiosk-batches",
                        BodyType.json("kiosk-batches", config.maxKioskBatchBytes(), kiosk::handle)));
                c.routes.post(HeartbeatEndpoint.PATH, limits.perDeviceAndIp("kiosk-heartbeats",
                        BodyType.json("kiosk-heartbeats", HeartbeatEndpoint.MAX_BODY_BYTES, heartbeats::handle)));
                c.routes.post(KioskEnrolmentEndpoint.CODES_PATH, limits.perIp("kiosk-enrolment-codes",
                        BodyType.json(KioskEnrolmentEndpoint.CODES_ENDPOINT, KioskEnrolmentEndpoint.MAX_BODY_BYTES,
                                enrolment::issueCode)));
                c.routes.post(KioskEnrolmentEndpoint.ENROLMENTS_PATH, limits.perIp("kiosk-enrolments",
                        BodyType.json(KioskEnrolmentEndpoint.ENROLMENTS_ENDPOINT, KioskEnrolmentEndpoint.MAX_BODY_BYTES,
                                enrolment::enrol)));
                c.routes.get(KioskDevicesEndpoint.PATH, kioskDevices::list);
                c.routes.post(KioskDevicesEndpoint.REVOKE_PATH, limits.perIp("kiosk-devices", kioskDevices::revoke));
                c.routes.post(LinkEndpoint.PATH, limits.perIp("links",
                        BodyType.json("links", LinkEndpoint.MAX_BODY_BYTES, links::issue)));
                c.routes.get(LinkEndpoint.QR_SVG_PATH, links::qrSvg);
                c.routes.get(LinkEndpoint.QR_PNG_PATH, links::qrPng);
                c.routes.get(LinkEndpoint.POSTER_PATH, links::poster);
                c.routes.get(QuestionnaireEndpoint.PATH, questionnaire::show);
                c.routes.post(QuestionnaireEndpoint.PATH, limits.perIp("questionnaire",
                        BodyType.form(QuestionnaireEndpoint.ENDPOINT, config.maxBodyBytes(), questionnaire::submit)));
                c.routes.get(AssessmentEndpoint.HOME_PATH, assessment::home);
                c.routes.get(AssessmentEndpoint.FORM_PATH, assessment::form);
                c.routes.post(AssessmentEndpoint.DRAFT_PATH, limits.perIp("assessment",
                        BodyType.form(AssessmentEndpoint.ENDPOINT, config.maxBodyBytes(), assessment::draft)));
                c.routes.post(AssessmentEndpoint.SUBMIT_PATH, limits.perIp("assessment",
                        BodyType.form(AssessmentEndpoint.ENDPOINT, config.maxBodyBytes(), assessment::submit)));
                c.routes.get(QuestionnaireEndpoint.CSS_PATH, questionnaire::css);
                c.routes.get(QuestionnaireEndpoint.JS_PATH, questionnaire::js);
                c.routes.get("/health", ctx -> {
                    boolean up = kafkaHealth.isUp();
                    ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                            .json(Map.of("status", up ? "up" : "down", "kafka", up ? "up" : "unreachable"));
                });
                c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.scrape()));
                c.routes.get(OpenApiDocument.YAML_PATH, openApi::yaml);
                c.routes.get(OpenApiDocument.JSON_PATH, openApi::json);
                c.routes.error(404, "*", ctx -> {
                    if (AssessmentEndpoint.rendersOwnPages(ctx.path())) {
                        if (!String.valueOf(ctx.res().getContentType()).startsWith("text/html")) {
                            AssessmentEndpoint.notFound(ctx); // /a/ without a token, /a/x/y: no route, the same page
                        }
                    } else if (!QuestionnaireEndpoint.rendersOwnPages(ctx.path())) { // respondents get a page, not JSON
                        ctx.json(Problem.of("not-found", ctx.path()));
                    } else if (!String.valueOf(ctx.res().getContentType()).startsWith("text/html")) {
                        QuestionnaireEndpoint.notFound(ctx); // /s/ without a token, /s/a/b: no route, the same page
                    }
                });
                c.routes.exception(ProblemException.class, (e, ctx) -> {
                    deadLetters.write(e.endpoint(), e.getStatus(), e.reason(),
                            e.problem().violations() == null ? List.of() : e.problem().violations(),
                            new RequestBody(new byte[0], Math.max(0, ctx.contentLength()), false), ClientAddress.of(ctx),
                            ctx.header(ru.otklik.common.kiosk.KioskSignature.DEVICE_HEADER));
                    LOG.info("event=request_refused endpoint={} status={} reason={}", e.endpoint(), e.getStatus(),
                            ClientText.forLog(e.reason()));
                    ctx.status(e.getStatus()).json(e.problem());
                });
                c.routes.exception(ru.otklik.common.operational.OperationalStoreException.class, (e, ctx) -> {
                    LOG.error("event=operational_store_failed route={} error=\"{}\"", ctx.endpoint() == null ? "-"
                            : ctx.endpoint().path, e.getMessage());
                    ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Problem.of("unavailable",
                            "temporarily unavailable, try again shortly"));
                });
                c.routes.exception(Exception.class, (e, ctx) -> {
                    // the route, never the path (/s/{token} carries a link token), and no exception messages
                    LOG.error("event=request_failed route={} method={} error=\"{}\"", ctx.endpoint() == null ? "-"
                            : ctx.endpoint().path, ctx.method(), Failures.describe(e));
                    ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Problem.of("internal", "unexpected error"));
                });
            }).start();
            LOG.info("event=ingest_started host={} port={} kafka={} topic={} dead_letter_topic={} devices={} max_body_bytes={} "
                            + "link_key={} link_keys={} staff={} public_base_url={} contacts_dir={} rate_limit_ip={}/s:{} "
                            + "rate_limit_device={}/s:{} trusted_proxies={} deadlines={} assessment_answers_topic={}",
                    config.http().host(), app.port(), config.kafkaBootstrap(), config.responsesTopic(), config.deadLetterTopic(),
                    devices.size(), config.maxBodyBytes(), linkKeys.currentId(), linkKeys.size(), staff.size(),
                    config.publicBaseUrl(), config.contactsDir(), config.ipRateLimit().perSecond(),
                    config.ipRateLimit().burst(), config.deviceRateLimit().perSecond(), config.deviceRateLimit().burst(),
                    config.http().trustedProxies(), config.http().deadlines(), config.assessmentAnswersTopic());
            LOG.info("event=kiosk_registry devices_file={} enrolled_file={} enrolled={} heartbeats_topic={}",
                    config.devicesFile(), config.enrolledFile().toAbsolutePath(), devices.enrolled().size(),
                    config.heartbeatsTopic());
            return new IngestService(app, publisher, kafkaHealth, store);
        } catch (RuntimeException e) { // e.g. the port is taken: do not leave Kafka clients running
            publisher.close();
            kafkaHealth.close();
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** One registered HTTP route, as Javalin has it ({@code /s/{token}}). */
    public record Route(String method, String path) {
    }

    /** Every HTTP route the router holds, so tests can hold the OpenAPI document against the real thing. */
    public List<Route> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> new Route(endpoint.method.name(), endpoint.path))
                .toList();
    }

    @Override
    public void close() {
        app.stop();
        publisher.close();
        kafkaHealth.close();
        if (store != null) {
            store.close();
        }
        LOG.info("event=ingest_stopped");
    }
}

package ru.otklik.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar otklik-ingest.jar}: configuration from the environment (see {@link IngestConfig}). */
public final class IngestMain {

    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

    private IngestMain() {
    }

    public static void main(String[] args) {
        IngestConfig config;
        try {
            config = IngestConfig.load(System.getenv());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            LOG.error("event=ingest_config_invalid error=\"{}\"", e.getMessage()); // an operator error, not a bug
            System.exit(2);
            return;
        }
        IngestService service = IngestService.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "ingest-shutdown"));
    }
}

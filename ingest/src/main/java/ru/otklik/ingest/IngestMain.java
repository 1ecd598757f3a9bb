package ru.otklik.ingest;

/** {@code java -jar otklik-ingest.jar}: configuration from the environment (see {@link IngestConfig}). */
public final class IngestMain {

    private IngestMain() {
    }

    public static void main(String[] args) {
        IngestService service = IngestService.start(IngestConfig.load(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "ingest-shutdown"));
    }
}

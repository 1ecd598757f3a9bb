package ru.otklik.infra.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** server.properties of a single KRaft node that is broker and controller at once. */
record KafkaConfig(Path dir, int port, int controllerPort) {

    static final String PROPERTIES_FILE = "server.properties";
    static final String PID_FILE = "broker.pid";

    Path propertiesFile() {
        return dir.resolve(PROPERTIES_FILE);
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    Path pidFile() {
        return dir.resolve(PID_FILE);
    }

    Path logDir() {
        return dir.resolve("logs");
    }

    Path log4jFile() {
        return dir.resolve("log4j2.properties");
    }

    /** Present once the storage is formatted; then start must not format again (it would lose data). */
    Path metaProperties() {
        return dataDir().resolve("meta.properties");
    }

    /** The controller port an earlier run wrote into {@code dir}, so a reused directory keeps it. */
    static Optional<Integer> previousControllerPort(Path dir) {
        Path file = dir.resolve(PROPERTIES_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        String voters = properties.getProperty("controller.quorum.voters", "");
        int colon = voters.lastIndexOf(':');
        try {
            return colon < 0 ? Optional.empty() : Optional.of(Integer.parseInt(voters.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    void write() {
        try {
            Files.createDirectories(dataDir());
            Files.createDirectories(logDir());
            Files.writeString(propertiesFile(), serverProperties(), StandardCharsets.UTF_8);
            Files.writeString(log4jFile(), LOG4J, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Kafka config into " + dir, e);
        }
    }

    private String serverProperties() {
        return """
                # written by ru.otklik.infra.local.KafkaBroker on every start
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                default.replication.factor=1
                min.insync.replicas=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=4
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                auto.create.topics.enable=false
                group.initial.rebalance.delay.ms=0
                num.network.threads=2
                num.io.threads=4
                num.recovery.threads.per.data.dir=1
                log.retention.ms=-1
                """.formatted(port, controllerPort, dataDir().toAbsolutePath());
    }

    // the broker logs to stdout, which goes to logs/broker.out; quiet per-request chatter
    private static final String LOG4J = """
            status = warn
            appender.out.type = Console
            appender.out.name = out
            appender.out.layout.type = PatternLayout
            appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n
            rootLogger.level = info
            rootLogger.appenderRef.out.ref = out
            logger.kafka.name = kafka
            logger.kafka.level = info
            logger.request.name = kafka.request.logger
            logger.request.level = warn
            logger.state.name = state.change.logger
            logger.state.level = warn
            """;
}

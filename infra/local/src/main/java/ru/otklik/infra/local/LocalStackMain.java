package ru.otklik.infra.local;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import ru.otklik.common.response.Topics;

/**
 * The run command's infrastructure: ClickHouse, Kafka and PostgreSQL (the operational store) on
 * fixed ports with data kept in {@code --dir} across runs, schema migrated, topics created. Prints
 * {@code READY ...} once usable and runs until SIGTERM/Ctrl-C, then stops all three servers; one of
 * them dying under it ends the run with exit code 1.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    record Options(Path dir, int clickHouseHttp, int clickHouseTcp, int kafka, int postgres) {

        static Options parse(String[] args) {
            Path dir = Path.of(".local-run");
            int http = 18123;
            int tcp = 19000;
            int kafka = 19092;
            int postgres = 15432;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("-h") || name.equals("--help")) {
                    throw new IllegalArgumentException(usage());
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name + "\n" + usage());
                }
                String value = args[++i];
                switch (name) {
                    case "--dir" -> dir = Path.of(value);
                    case "--clickhouse-http" -> http = port(name, value);
                    case "--clickhouse-tcp" -> tcp = port(name, value);
                    case "--kafka" -> kafka = port(name, value);
                    case "--postgres" -> postgres = port(name, value);
                    default -> throw new IllegalArgumentException("unknown option " + name + "\n" + usage());
                }
            }
            return new Options(dir, http, tcp, kafka, postgres);
        }

        private static int port(String name, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " needs a port number, got: " + value);
        }

        static String usage() {
            return "usage: LocalStackMain [--dir .local-run] [--clickhouse-http 18123] [--clickhouse-tcp 19000] [--kafka 19092]"
                    + " [--postgres 15432]";
        }
    }

    public static void main(String[] args) {
        // our one-line console config, unless the caller chose one; must precede the first logger
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:otklik-local-log4j2.xml");
        }
        Logger log = LogManager.getLogger(LocalStackMain.class);
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path dir = ClickHouseServer.absolute(options.dir());
        ClickHouseServer clickHouse = null;
        KafkaBroker kafka = null;
        PostgresServer postgres = null;
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        try {
            log.info("event=local_stack_starting dir={}", dir);
            clickHouse = ClickHouseServer.start(dir.resolve("clickhouse"), options.clickHouseHttp(), options.clickHouseTcp());
            List<String> applied = ClickHouseMigrations.apply(clickHouse.http());
            log.info("event=migrations_applied now={}", applied);
            kafka = KafkaBroker.start(dir.resolve("kafka"), options.kafka());
            kafka.createTopics(TestStack.TOPIC_PARTITIONS, Topics.RESPONSES, Topics.DEAD_LETTER, Topics.KIOSK_HEARTBEATS,
                    Topics.ALERTS, Topics.NEGATIVE_FEEDBACK, Topics.LINKS_REUSED);
            kafka.createTopics(TestStack.TOPIC_PARTITIONS, Topics.KEPT_FOREVER, Topics.ALERT_REVIEWS,
                    Topics.ASSESSMENT_ASSIGNMENTS, Topics.ASSESSMENT_ANSWERS, Topics.CHECKLIST_REPORTS, Topics.METHODOLOGY_VERSIONS);
            postgres = PostgresServer.start(dir.resolve("postgres"), options.postgres());
        } catch (RuntimeException e) {
            log.error("event=local_stack_failed reason=\"{}\"", e.getMessage());
            close(postgres, kafka, clickHouse);
            System.exit(1);
            return;
        }
        ClickHouseServer startedClickHouse = clickHouse;
        KafkaBroker startedKafka = kafka;
        PostgresServer startedPostgres = postgres;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            log.info("event=local_stack_stopping");
            close(startedPostgres, startedKafka, startedClickHouse);
            log.info("event=local_stack_stopped");
            LogManager.shutdown();
            stopped.countDown();
        }, "otklik-local-stop"));
        System.out.println("READY clickhouse=" + clickHouse.httpUrl() + " kafka=" + kafka.bootstrapServers()
                + " postgres=" + postgres.jdbcUrl() + " clickhouse_analyst=" + ClickHouseAnalyst.USER
                + " clickhouse_analyst_password=" + clickHouse.analyst().source());
        System.out.flush();
        // a server dying under us is a failure of the whole run, not something to sit through silently
        while (stopped.getCount() > 0) {
            if (!stopping.get() && (!startedClickHouse.isRunning() || !startedKafka.isRunning()
                    || !startedPostgres.isRunning())) {
                log.error("event=local_stack_child_died clickhouse_running={} kafka_running={} postgres_running={}",
                        startedClickHouse.isRunning(), startedKafka.isRunning(), startedPostgres.isRunning());
                System.exit(1);
            }
            try {
                stopped.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Newest first; one failing to stop is logged and does not keep the others running. */
    private static void close(PostgresServer postgres, KafkaBroker kafka, ClickHouseServer clickHouse) {
        closeQuietly("postgres", postgres);
        closeQuietly("kafka", kafka);
        closeQuietly("clickhouse", clickHouse);
    }

    private static void closeQuietly(String name, AutoCloseable server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            LogManager.getLogger(LocalStackMain.class).error("event=local_stack_stop_failed server={} reason=\"{}\"",
                    name, e.toString());
        }
    }
}

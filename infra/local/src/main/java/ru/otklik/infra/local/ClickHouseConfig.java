package ru.otklik.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Our own config.xml and users.xml for one server in one directory: nothing from /etc, loopback
 * only, no interserver port, UTC, small caches (a laptop or a CI box, not a cluster node).
 */
record ClickHouseConfig(Path dir, int httpPort, int tcpPort, ClickHouseAnalyst analyst) {

    Path configFile() {
        return dir.resolve("config.xml");
    }

    Path usersFile() {
        return dir.resolve("users.xml");
    }

    /** Our own record of the child's pid (not ClickHouse's pid_file, which 18.16 handles itself). */
    Path pidFile() {
        return dir.resolve("server.pid");
    }

    Path logDir() {
        return dir.resolve("logs");
    }

    Path serverLog() {
        return logDir().resolve("clickhouse-server.log");
    }

    Path errorLog() {
        return logDir().resolve("clickhouse-server.err.log");
    }

    Path stdoutLog() {
        return logDir().resolve("stdout.log");
    }

    Path stderrLog() {
        return logDir().resolve("stderr.log");
    }

    /** Creates the directories and (re)writes both files; existing data is kept. */
    void write() {
        try {
            for (String sub : new String[] {"data", "tmp", "user_files", "format_schemas", "logs"}) {
                Files.createDirectories(dir.resolve(sub));
            }
            Files.writeString(configFile(), configXml(), StandardCharsets.UTF_8);
            Files.writeString(usersFile(), usersXml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ClickHouse config into " + dir, e);
        }
    }

    private String configXml() {
        // paths need the trailing slash on 18.16
        return """
                <?xml version="1.0"?>
                <yandex>
                    <logger>
                        <level>information</level>
                        <log>%1$s</log>
                        <errorlog>%2$s</errorlog>
                        <size>100M</size>
                        <count>3</count>
                    </logger>
                    <listen_host>127.0.0.1</listen_host>
                    <http_port>%3$d</http_port>
                    <tcp_port>%4$d</tcp_port>
                    <path>%5$s/data/</path>
                    <tmp_path>%5$s/tmp/</tmp_path>
                    <user_files_path>%5$s/user_files/</user_files_path>
                    <format_schema_path>%5$s/format_schemas/</format_schema_path>
                    <users_config>%6$s</users_config>
                    <default_profile>default</default_profile>
                    <default_database>default</default_database>
                    <timezone>UTC</timezone>
                    <mlock_executable>false</mlock_executable>
                    <max_connections>1024</max_connections>
                    <!-- longer than any client keeps an idle connection (the JDK's HttpClient: 1200 s), so the
                         client closes first: with 3 s, a connection the server closed just as the client reused
                         it failed a test under load ("header parser received no bytes") -->
                    <keep_alive_timeout>3600</keep_alive_timeout>
                    <max_concurrent_queries>100</max_concurrent_queries>
                    <uncompressed_cache_size>268435456</uncompressed_cache_size>
                    <mark_cache_size>268435456</mark_cache_size>
                    <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
                    <max_session_timeout>3600</max_session_timeout>
                    <default_session_timeout>60</default_session_timeout>
                    <!-- librdkafka settings of the Kafka table engine (the benchmark's peer of the Flink job):
                         a new consumer group reads a topic from its beginning, as Flink's source does -->
                    <kafka>
                        <auto_offset_reset>smallest</auto_offset_reset>
                    </kafka>
                    <!-- a merged-away part stays on disk for 8 min by default: with the job's sinks flushing
                         every 200 ms a test stack held ~280,000 files (1.4 GB), which takes minutes to delete -->
                    <merge_tree>
                        <old_parts_lifetime>30</old_parts_lifetime>
                    </merge_tree>
                </yandex>
                """.formatted(serverLog().toAbsolutePath(), errorLog().toAbsolutePath(), httpPort, tcpPort,
                dir.toAbsolutePath(), usersFile().toAbsolutePath());
    }

    /**
     * {@code default}: the services and the migrations, loopback only, no password (the server listens on
     * loopback only). {@code analyst}: readonly=1 (no INSERT, DDL, or changing settings, so not its own
     * limits either), the {@code otklik} database only (plus {@code system}, which ClickHouse always allows),
     * a query time and memory limit so one heavy query cannot starve the job's sinks, and a quota.
     */
    private String usersXml() {
        return """
            <?xml version="1.0"?>
            <yandex>
                <profiles>
                    <default>
                        <max_memory_usage>4000000000</max_memory_usage>
                        <use_uncompressed_cache>0</use_uncompressed_cache>
                        <load_balancing>random</load_balancing>
                    </default>
                    <analyst>
                        <readonly>1</readonly>
                        <max_memory_usage>2000000000</max_memory_usage>
                        <max_execution_time>300</max_execution_time>
                        <max_concurrent_queries_for_user>4</max_concurrent_queries_for_user>
                        <use_uncompressed_cache>0</use_uncompressed_cache>
                    </analyst>
                </profiles>
                <users>
                    <default>
                        <password></password>
                        <networks>
                            <ip>127.0.0.1</ip>
                        </networks>
                        <profile>default</profile>
                        <quota>default</quota>
                    </default>
                    <%1$s>
                        <password_sha256_hex>%2$s</password_sha256_hex>
                        <networks>
                            <ip>127.0.0.1</ip>
                            <ip>::1</ip>
                        </networks>
                        <profile>analyst</profile>
                        <quota>analyst</quota>
                        <allow_databases>
                            <database>otklik</database>
                        </allow_databases>
                    </%1$s>
                </users>
                <quotas>
                    <default>
                        <interval>
                            <duration>3600</duration>
                            <queries>0</queries>
                            <errors>0</errors>
                            <result_rows>0</result_rows>
                            <read_rows>0</read_rows>
                            <execution_time>0</execution_time>
                        </interval>
                    </default>
                    <analyst>
                        <interval>
                            <duration>3600</duration>
                            <queries>10000</queries>
                            <errors>0</errors>
                            <result_rows>0</result_rows>
                            <read_rows>0</read_rows>
                            <execution_time>0</execution_time>
                        </interval>
                    </analyst>
                </quotas>
            </yandex>
            """.formatted(ClickHouseAnalyst.USER, analyst.passwordSha256Hex());
    }
}

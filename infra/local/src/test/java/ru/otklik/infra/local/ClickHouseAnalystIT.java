package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysts' account on a real, migrated server: the README's ready queries run as {@code analyst} and
 * give the figures of the seeded rows; writes, DDL, other databases and a wrong password are refused; the
 * generated password survives a restart of the same directory.
 */
class ClickHouseAnalystIT {

    private static final Path README = Path.of("../../README.md");
    private static final String SECTION = "### The analysts' account and ready queries";

    @TempDir
    static Path dir;
    static ClickHouseServer server;

    @BeforeAll
    static void start() {
        server = ClickHouseServer.start(dir);
        ClickHouseMigrations.apply(server.http());
        seed(server.http());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void seed(ClickHouseHttp ch) {
        ch.execute("INSERT INTO otklik.indicator_window (scope_level, scope_code, audience, window, survey_id, question_id,"
                + " as_of, n, positive, share, low, high, sufficient, version) VALUES"
                + " ('office', 'BRY-01', 'seeker', '30d', 'jc-seeker', 'Q1', now(), 40, 36, 0.9, 0.77, 0.96, 1, 1),"
                + " ('office', 'BRY-02', 'seeker', '30d', 'jc-seeker', 'Q1', now(), 40, 20, 0.5, 0.35, 0.65, 1, 1),"
                + " ('office', 'BRY-03', 'seeker', '30d', 'jc-seeker', 'Q1', now(), 5, 5, 1.0, 0.57, 1.0, 0, 1),"
                + " ('office', 'BRY-01', 'seeker', '7d', 'jc-seeker', 'Q1', now(), 40, 10, 0.25, 0.1, 0.4, 1, 1)");
        // two days of one week and one day of the week before, in the region BRY
        ch.execute("INSERT INTO otklik.indicator_history (scope_level, scope_code, audience, granularity, bucket_start,"
                + " survey_id, question_id, n, positive, version) VALUES"
                + " ('region', 'BRY', 'seeker', 'day', toDateTime(toMonday(today() - 7)), 'jc-seeker', 'Q1', 10, 5, 1),"
                + " ('region', 'BRY', 'seeker', 'day', toDateTime(toMonday(today() - 7) + 1), 'jc-seeker', 'Q1', 10, 9, 1),"
                + " ('region', 'BRY', 'seeker', 'day', toDateTime(toMonday(today() - 14)), 'jc-seeker', 'Q1', 4, 1, 1)");
        ch.execute("INSERT INTO otklik.responses (response_id, survey_id, survey_version, audience, channel, mode,"
                + " region_code, office_code, client_ts, received_ts, answer_count, age_band, category, version) VALUES"
                + " ('r-one', 'jc-seeker', 1, 'seeker', 'link', 'remote', 'BRY', 'BRY-01', now() - 3600, now(), 2, '30-39', 'none', 1),"
                + " ('r-two', 'jc-seeker', 1, 'seeker', 'link', 'remote', 'BRY', 'BRY-01', now() - 3600, now(), 1, '30-39', 'disability', 1),"
                + " ('r-three', 'jc-seeker', 1, 'seeker', 'link', 'remote', 'BRY', 'BRY-02', now() - 3600, now(), 1, '18-29', 'none', 1)");
        ch.execute("INSERT INTO otklik.answers (response_id, survey_id, survey_version, question_id, audience, channel, mode,"
                + " region_code, office_code, score, choice, client_ts, version) VALUES"
                + " ('r-one', 'jc-seeker', 1, 'Q1', 'seeker', 'link', 'remote', 'BRY', 'BRY-01', 9, '', now() - 3600, 1),"
                + " ('r-one', 'jc-seeker', 1, 'Q4', 'seeker', 'link', 'remote', 'BRY', 'BRY-01', NULL, 'yes', now() - 3600, 1),"
                + " ('r-two', 'jc-seeker', 1, 'Q1', 'seeker', 'link', 'remote', 'BRY', 'BRY-01', 5, '', now() - 3600, 1),"
                + " ('r-three', 'jc-seeker', 1, 'Q1', 'seeker', 'link', 'remote', 'BRY', 'BRY-02', 10, '', now() - 3600, 1)");
    }

    @Test
    void readmeQueriesRunAsTheAnalystAndGiveTheSeededFigures() throws IOException {
        List<String> queries = readmeQueries();
        assertEquals(4, queries.size(), "the README's ready queries: " + queries);
        ClickHouseHttp analyst = server.analystHttp();

        List<Map<String, Object>> top = analyst.select(queries.get(0));
        assertEquals(List.of("BRY-01", "BRY-02"), top.stream().map(r -> r.get("office")).toList(),
                "offices below the minimum sample and other windows are left out, best first");
        assertEquals(0.9, ClickHouseHttp.asDouble(top.get(0).get("share")), 1e-9);

        List<Map<String, Object>> trend = analyst.select(queries.get(1));
        assertEquals(2, trend.size(), trend::toString);
        assertEquals(4, ClickHouseHttp.asLong(trend.get(0).get("answered")));
        assertEquals(20, ClickHouseHttp.asLong(trend.get(1).get("answered")), "two days of one week are one point");
        assertEquals(0.7, ClickHouseHttp.asDouble(trend.get(1).get("share")), 1e-9);

        List<Map<String, Object>> byAge = analyst.select(queries.get(2));
        assertEquals(List.of("18-29", "30-39"), byAge.stream().map(r -> r.get("age_band")).toList());
        assertEquals(2, ClickHouseHttp.asLong(byAge.get(1).get("answers")));
        assertEquals(1, ClickHouseHttp.asLong(byAge.get(1).get("positive")));

        List<Map<String, Object>> byCategory = analyst.select(queries.get(3));
        assertEquals(List.of("disability|Q1|1", "none|Q1|2"), byCategory.stream()
                        .map(r -> r.get("category") + "|" + r.get("question_id") + "|" + ClickHouseHttp.asLong(r.get("answers")))
                        .toList(), "choice items (Q4) carry no score and are left out");
    }

    @Test
    void theAnalystCannotWriteAlterOrReadOtherDatabases() {
        server.http().execute("CREATE TABLE IF NOT EXISTS default.not_for_analysts (x UInt8) ENGINE = Memory");
        ClickHouseHttp analyst = server.analystHttp();
        assertEquals(3, analyst.selectLong("SELECT count() FROM otklik.responses FINAL"));

        ClickHouseException insert = assertThrows(ClickHouseException.class, () -> analyst.execute(
                "INSERT INTO otklik.alerts (alert_id) VALUES ('forged')"));
        assertTrue(insert.getMessage().toLowerCase().contains("readonly"), insert::getMessage);
        ClickHouseException create = assertThrows(ClickHouseException.class, () -> analyst.execute(
                "CREATE TABLE otklik.analyst_scratch (x UInt8) ENGINE = Memory"));
        assertTrue(create.getMessage().toLowerCase().contains("readonly"), create::getMessage);
        ClickHouseException drop = assertThrows(ClickHouseException.class, () -> analyst.execute("DROP TABLE otklik.responses"));
        assertTrue(drop.getMessage().toLowerCase().contains("readonly"), drop::getMessage);
        ClickHouseException other = assertThrows(ClickHouseException.class, () -> analyst.select(
                "SELECT count() FROM default.not_for_analysts"));
        assertTrue(other.getMessage().contains("default"), other::getMessage);
        assertEquals(3, server.http().selectLong("SELECT count() FROM otklik.responses FINAL"), "nothing was written");

        ClickHouseHttp guessing = new ClickHouseHttp(server.httpUrl(), ClickHouseAnalyst.USER, "not-the-password");
        ClickHouseException wrong = assertThrows(ClickHouseException.class, () -> guessing.selectLong("SELECT 1"));
        assertTrue(wrong.getMessage().toLowerCase().contains("password"), wrong::getMessage);
    }

    @Test
    void theGeneratedPasswordIsKeptPrivateAndSurvivesARestart(@TempDir Path own) throws IOException {
        String password;
        try (ClickHouseServer first = ClickHouseServer.start(own)) {
            Path file = first.analyst().passwordFile();
            assertTrue(Files.isRegularFile(file), "generated at the first start: " + file);
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(file));
            password = first.analyst().password();
            assertTrue(password.length() >= 32, "24 random bytes, base64url");
            String users = Files.readString(own.resolve("users.xml"), StandardCharsets.UTF_8);
            assertFalse(users.contains(password), "users.xml holds only the password's SHA-256");
            assertEquals(1, first.analystHttp().selectLong("SELECT 1"));
        }
        try (ClickHouseServer second = ClickHouseServer.start(own)) {
            assertEquals(password, second.analyst().password());
            assertEquals(1, second.analystHttp().selectLong("SELECT 1"));
        }
    }

    @Test
    void everyExampleQueryOfTheSchemaSectionRunsAsTheAnalyst() throws IOException {
        // the whole "For analysts" chapter, up to the next chapter: a query that no longer matches the
        // tables (a renamed column, an alias shadowing a column) fails here, not in an analyst's hands
        List<String> queries = statements(section("## For analysts: the ClickHouse schema", "\n## "));
        assertTrue(queries.size() >= 10, "the chapter's example queries: " + queries.size());
        ClickHouseHttp analyst = server.analystHttp();
        List<String> failed = new ArrayList<>();
        for (String sql : queries) {
            try {
                analyst.query(sql);
            } catch (ClickHouseException e) {
                failed.add(e.getMessage());
            }
        }
        assertEquals(List.of(), failed);
    }

    /** The statements of the README's ```sql blocks in the analysts' section, comments dropped. */
    private static List<String> readmeQueries() throws IOException {
        return statements(section(SECTION, "\n### "));
    }

    private static String section(String heading, String next) throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(heading);
        assertTrue(start >= 0, "README has the section " + heading);
        int end = readme.indexOf(next, start + heading.length());
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static List<String> statements(String section) {
        List<String> queries = new ArrayList<>();
        Matcher block = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (block.find()) {
            StringBuilder sql = new StringBuilder();
            for (String line : block.group(1).split("\n")) {
                if (line.strip().startsWith("--")) {
                    continue;
                }
                sql.append(line).append('\n');
                if (line.strip().endsWith(";")) {
                    queries.add(sql.toString().strip());
                    sql.setLength(0);
                }
            }
        }
        return queries;
    }
}

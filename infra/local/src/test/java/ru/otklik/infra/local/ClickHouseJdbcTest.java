package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What clickhouse-jdbc 0.11 (the streaming job's writer) can do against ClickHouse 18.16: batch
 * INSERTs into otklik.answers with DateTime bound as epoch seconds and a Nullable(Int16) set to
 * NULL either way. Reads go over HTTP (the driver cannot SELECT on 18.16).
 */
class ClickHouseJdbcTest {

    private static final String INSERT = "INSERT INTO otklik.answers (response_id, survey_id, survey_version,"
            + " question_id, audience, channel, mode, region_code, office_code, touchpoint_id, employee_id, score,"
            + " choice, client_ts, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final TestStack stack = TestStack.shared();

    @Test
    void preparedStatementBatchInsertIntoAnswers() throws Exception {
        String id = "jdbc-" + UUID.randomUUID();
        long clientTs = 1_795_000_000L; // 2026-11-18 11:06:40 UTC
        Properties props = new Properties();
        props.setProperty("user", "default");
        props.setProperty("password", "");
        try (Connection connection = DriverManager.getConnection(stack.clickHouse().jdbcUrl(), props);
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, id, "q1", clientTs, 7L);
            insert.setShort(12, (short) 9);
            insert.addBatch();
            bind(insert, id, "q2", clientTs, 7L);
            insert.setNull(12, Types.SMALLINT);
            insert.addBatch();
            bind(insert, id, "q3", clientTs, 7L);
            insert.setObject(12, null);
            insert.addBatch();
            bind(insert, id, "q4", clientTs, Long.MAX_VALUE);
            insert.setObject(12, 10);
            insert.addBatch();
            bind(insert, id, "q5", clientTs, 7L);
            insert.setNull(12, Types.SMALLINT);
            insert.setString(14, "2026-11-18 11:06:40"); // DateTime as text also works
            insert.addBatch();
            int[] counts = insert.executeBatch();
            assertEquals(5, counts.length);
        }
        List<Map<String, Object>> rows = stack.clickHouseHttp().select("SELECT question_id, score, client_ts, event_date,"
                + " survey_version, version FROM otklik.answers WHERE response_id = " + ClickHouseHttp.quote(id)
                + " ORDER BY question_id");
        assertEquals(5, rows.size(), rows::toString);
        assertEquals(9, ClickHouseHttp.asLong(rows.get(0).get("score")));
        assertNull(rows.get(1).get("score"));
        assertNull(rows.get(2).get("score"));
        assertEquals(10, ClickHouseHttp.asLong(rows.get(3).get("score")));
        assertEquals("2026-11-18 11:06:40", rows.get(0).get("client_ts"));
        assertEquals("2026-11-18", rows.get(0).get("event_date"));
        assertEquals(3, ClickHouseHttp.asLong(rows.get(0).get("survey_version")));
        assertEquals(Long.MAX_VALUE, ClickHouseHttp.asLong(rows.get(3).get("version")));
        assertEquals("2026-11-18 11:06:40", rows.get(4).get("client_ts"));
    }

    private static void bind(PreparedStatement insert, String id, String question, long clientTs, long version)
            throws Exception {
        insert.setString(1, id);
        insert.setString(2, "s1");
        insert.setInt(3, 3);
        insert.setString(4, question);
        insert.setString(5, "citizen");
        insert.setString(6, "kiosk");
        insert.setString(7, "full");
        insert.setString(8, "77");
        insert.setString(9, "o1");
        insert.setString(10, "t1");
        insert.setString(11, "");
        insert.setString(13, "");
        insert.setLong(14, clientTs);
        insert.setLong(15, version);
    }
}

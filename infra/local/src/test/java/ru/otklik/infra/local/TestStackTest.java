package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.Topics;

class TestStackTest {

    @Test
    void sharedStackIsMigratedWithTopics() throws Exception {
        TestStack stack = TestStack.shared();
        assertSame(stack, TestStack.shared());
        assertEquals(ClickHouseMigrations.classpathMigrations().size(),
                stack.clickHouseHttp().selectLong("SELECT count() FROM otklik.schema_migrations"));
        assertEquals("http://127.0.0.1:" + stack.clickHouse().httpPort(), stack.clickHouse().httpUrl());
        assertEquals("jdbc:clickhouse:http://127.0.0.1:" + stack.clickHouse().httpPort() + "/otklik", stack.clickHouse().jdbcUrl());
        try (Admin admin = Admin.create(stack.kafka().clientProperties())) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.RESPONSES, Topics.DEAD_LETTER))
                    .allTopicNames().get(10, TimeUnit.SECONDS);
            assertEquals(3, topics.get(Topics.RESPONSES).partitions().size());
            assertEquals(3, topics.get(Topics.DEAD_LETTER).partitions().size());
        }
    }
}

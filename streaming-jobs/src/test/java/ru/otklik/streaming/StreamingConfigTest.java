package ru.otklik.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.otklik.common.feedback.LowScoreRule;
import ru.otklik.common.response.Topics;

/** The settings of the cases the job publishes: their defaults, an override, and a refusal that names the setting. */
class StreamingConfigTest {

    @Test
    void casesGoToTheirTopicWithTheRulesDefaultLowEnd() {
        StreamingConfig config = StreamingConfig.load(Map.of());
        assertEquals(Topics.NEGATIVE_FEEDBACK, config.negativeFeedbackTopic());
        assertEquals(LowScoreRule.defaults(), config.lowScoreRule());
    }

    @Test
    void theTopicAndTheLowEndCanBeSet() {
        StreamingConfig config = StreamingConfig.load(Map.of("OTKLIK_NEGATIVE_FEEDBACK_TOPIC", "cases.test",
                "OTKLIK_CASE_LOW_AGREEMENT", "6"));
        assertEquals("cases.test", config.negativeFeedbackTopic());
        assertEquals(new LowScoreRule(6), config.lowScoreRule());
        assertEquals(config.lowScoreRule(), config.withRebuild(true).lowScoreRule(), "kept by withRebuild");
        assertEquals("cases.test", config.withRebuild(true).negativeFeedbackTopic());
    }

    @Test
    void the360TopicsHaveTheirDefaultsAndCanBeSet() {
        StreamingConfig defaults = StreamingConfig.load(Map.of());
        assertEquals(Topics.ASSESSMENT_ANSWERS, defaults.assessmentAnswersTopic());
        assertEquals(Topics.ASSESSMENT_ASSIGNMENTS, defaults.assessmentAssignmentsTopic());
        StreamingConfig set = StreamingConfig.load(Map.of("OTKLIK_ASSESSMENT_ANSWERS_TOPIC", "a.test",
                "OTKLIK_ASSESSMENT_ASSIGNMENTS_TOPIC", "m.test")).withRebuild(true);
        assertEquals("a.test", set.assessmentAnswersTopic());
        assertEquals("m.test", set.assessmentAssignmentsTopic());
    }

    @Test
    void aLowEndOffTheScaleIsRefusedByName() {
        for (String value : new String[] {"0", "10", "four"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StreamingConfig.load(Map.of("OTKLIK_CASE_LOW_AGREEMENT", value)));
            assertTrue(e.getMessage().contains("case.low-agreement (OTKLIK_CASE_LOW_AGREEMENT)")
                    && e.getMessage().contains("\"" + value + "\""), e.getMessage());
        }
    }
}

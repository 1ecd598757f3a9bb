package ru.otklik.streaming.source;

import java.io.IOException;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;

/**
 * Reads {@code responses} records. Ingest validated them already, so an undecodable record means
 * a producer bug: it is logged (offset and reason) and skipped rather than failing the job forever.
 */
public final class ResponseDeserializer extends AbstractDeserializationSchema<SurveyResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseDeserializer.class);

    @Override
    public SurveyResponse deserialize(byte[] message) throws IOException {
        try {
            return EventJson.mapper().readValue(message, SurveyResponse.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("event=undecodable_response bytes={} reason=\"{}\"", message == null ? 0 : message.length,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
            return null; // Flink's deserialization contract: null skips the record
        }
    }
}

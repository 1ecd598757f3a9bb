package ru.otklik.common.survey;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.MapperFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The questionnaires the product knows, loaded from versioned JSON definitions on the classpath. */
public final class SurveyCatalog {

    /** Definitions shipped with the product: {@code otklik/surveys/<id>.v<version>.json}. */
    public static final List<String> BUILT_IN = List.of(
            "jc-seeker.v1", "jc-employer.v1", "kiosk-quick.v1", "pulse.v1");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .propertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE)
            .build();

    private final Map<String, SurveyDefinition> byKey;

    public SurveyCatalog(Collection<SurveyDefinition> surveys) {
        this.byKey = surveys.stream().collect(Collectors.toUnmodifiableMap(SurveyDefinition::key, Function.identity()));
    }

    public static SurveyCatalog builtIn() {
        return new SurveyCatalog(BUILT_IN.stream().map(SurveyCatalog::load).toList());
    }

    private static SurveyDefinition load(String name) {
        String path = "/otklik/surveys/" + name + ".json";
        try (InputStream in = SurveyCatalog.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("survey definition missing: " + path);
            }
            return JSON.readValue(in, SurveyDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read survey definition " + path, e);
        }
    }

    public Optional<SurveyDefinition> find(String surveyId, int version) {
        return Optional.ofNullable(byKey.get(surveyId + "@" + version));
    }

    public boolean knowsSurvey(String surveyId) {
        return byKey.values().stream().anyMatch(s -> s.id().equals(surveyId));
    }

    public Collection<SurveyDefinition> all() {
        return byKey.values();
    }
}

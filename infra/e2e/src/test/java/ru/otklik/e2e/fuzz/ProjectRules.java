package ru.otklik.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.otklik.common.http.FormBody;
import ru.otklik.common.http.MalformedInput;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Entry;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.common.validation.KioskTapValidator;
import ru.otklik.common.validation.ResponseValidator;
import ru.otklik.common.validation.Validated;
import ru.otklik.common.validation.Violation;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.link.SurveyLink;

/**
 * The project's own rules, asked whether a generated body is valid: the strict body reader, the
 * validators of {@code common}, and the few checks ingest keeps package-private (the door rules, the
 * batch shape, the heartbeat reader, the questionnaire's form reading). Those are called by reflection
 * rather than copied: a fuzz oracle that re-implements a rule loosely would accept what the service
 * refuses, or the other way round, and report noise instead of bugs.
 */
final class ProjectRules {

    private final SurveyCatalog surveys = SurveyCatalog.builtIn();
    private final OfficeDirectory offices = OfficeDirectory.pilot();
    private final ResponseValidator responses = new ResponseValidator(surveys, offices, Clock.systemUTC());
    private final KioskTapValidator taps = new KioskTapValidator(surveys, Clock.systemUTC());
    private final Method entryRules;
    private final Method batchShape;
    private final Method heartbeat;
    private final Constructor<?> formSubmission;
    private final Method formToResponse;
    private final Method formOwnViolations;

    ProjectRules() {
        try {
            entryRules = method("ru.otklik.ingest.response.EntryRules", "check", JsonNode.class, Entry.class);
            batchShape = method("ru.otklik.ingest.kiosk.KioskBatchEndpoint", "batchShape", JsonNode.class);
            heartbeat = method("ru.otklik.ingest.kiosk.HeartbeatReader", "read", JsonNode.class, String.class,
                    Instant.class);
            Class<?> form = Class.forName("ru.otklik.ingest.questionnaire.FormSubmission");
            formSubmission = form.getDeclaredConstructor(Map.class);
            formSubmission.setAccessible(true);
            formToResponse = form.getDeclaredMethod("toResponse", SurveyLink.class, SurveyDefinition.class,
                    Instant.class);
            formToResponse.setAccessible(true);
            formOwnViolations = form.getDeclaredMethod("ownViolations");
            formOwnViolations.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ingest's rules moved: update the fuzz oracle", e);
        }
    }

    private static Method method(String type, String name, Class<?>... parameters) throws ReflectiveOperationException {
        Method m = Class.forName(type).getDeclaredMethod(name, parameters);
        m.setAccessible(true);
        return m;
    }

    OfficeDirectory offices() {
        return offices;
    }

    SurveyCatalog surveys() {
        return surveys;
    }

    /** The body as ingest's strict reader sees it (strict UTF-8, no repeated keys, one document), or empty. */
    Optional<JsonNode> json(byte[] body) {
        try {
            return Optional.of(new RequestBody(body, body.length, false).json());
        } catch (RequestBody.Unreadable e) {
            return Optional.empty();
        }
    }

    /** Whether {@code POST /api/v1/responses} must accept the body at {@code door}: validator and door rules. */
    boolean responseValid(JsonNode tree, Entry door) {
        return responses.validate(tree).isValid() && invoke(entryRules, null, tree, door) instanceof List<?> v
                && v.isEmpty();
    }

    /** Taps of a batch the kiosk endpoint must accept, or -1 when it must refuse the whole batch. */
    int acceptedTaps(JsonNode tree, String device) {
        if (!(invoke(batchShape, null, tree) instanceof List<?> shape) || !shape.isEmpty()) {
            return -1;
        }
        JsonNode list = tree.get("taps");
        int valid = 0;
        for (int i = 0; i < list.size(); i++) {
            if (taps.validate(list.get(i), "taps[" + i + "]", device).isValid()) {
                valid++;
            }
        }
        return valid;
    }

    boolean heartbeatValid(JsonNode tree, String device) {
        return ((Validated<?>) invoke(heartbeat, null, tree, device, Instant.now())).isValid();
    }

    /** Whether the questionnaire must take this form body for {@code link}: form reading, validator, own rules. */
    boolean formValid(byte[] body, SurveyLink link) {
        Map<String, List<String>> fields;
        try {
            fields = FormBody.parse(body);
        } catch (MalformedInput e) {
            return false;
        }
        SurveyDefinition survey = surveys.find(link.surveyId(), link.surveyVersion()).orElseThrow();
        Object form = construct(fields);
        ObjectNode submitted = (ObjectNode) invoke(formToResponse, form, link, survey, Instant.now());
        List<?> own = (List<?>) invoke(formOwnViolations, form);
        return own.isEmpty() && responses.validate(submitted).isValid();
    }

    List<Violation> responseViolations(JsonNode tree) {
        return responses.validate(tree).violations();
    }

    private Object construct(Map<String, List<String>> fields) {
        try {
            return formSubmission.newInstance(fields);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object invoke(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }
}

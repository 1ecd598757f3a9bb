package ru.otklik.common.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.Profile;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;

/**
 * Checks a submitted response body against the schema, the survey definition it names and the
 * office directory, and reports every violation with its field path, not just the first.
 */
public final class ResponseValidator {

    public static final Pattern RESPONSE_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    public static final int MAX_COMMENT_CHARS = 4000;

    private static final Set<String> FIELDS = Set.of("responseId", "surveyId", "surveyVersion", "audience",
            "channel", "mode", "regionCode", "officeCode", "touchpointId", "employeeId", "clientTs", "receivedTs",
            "answers", "profile", "comment", "suppressedPresses", "startedTs", "meta");
    /** A form kept open longer than this is a forgotten tab; its start time says nothing about filling it in. */
    public static final Duration MAX_FILL_TIME = Duration.ofDays(1);

    private final SurveyCatalog surveys;
    private final OfficeDirectory offices;
    private final Clock clock;

    public ResponseValidator(SurveyCatalog surveys, OfficeDirectory offices, Clock clock) {
        this.surveys = surveys;
        this.offices = offices;
        this.clock = clock;
    }

    public Validated<SurveyResponse> validate(JsonNode body) {
        JsonChecks c = new JsonChecks();
        if (body == null || !body.isObject()) {
            c.add("$", "type", "body must be a JSON object");
            return Validated.invalid(c.violations());
        }
        c.onlyKnownFields(body, "", FIELDS);
        if (body.has("receivedTs")) {
            c.add("receivedTs", "server-assigned", "set by the server when the response arrives; do not send it");
        }
        if (body.has("meta")) {
            c.add("meta", "server-assigned", "request metadata is recorded by the server; do not send it");
        }
        String responseId = c.requiredText(body, "responseId", "responseId", RESPONSE_ID);
        Optional<SurveyDefinition> survey = survey(body, c);
        Audience audience = c.code(body, "audience", "audience", Audience.class, true);
        if (audience != null && survey.isPresent() && !survey.get().audiences().contains(audience.code())) {
            c.add("audience", "survey-audience", "survey " + survey.get().id() + " is for " + survey.get().audiences());
        }
        Channel channel = c.code(body, "channel", "channel", Channel.class, true);
        Mode mode = c.code(body, "mode", "mode", Mode.class, false);
        Office office = office(body, c);
        String touchpoint = c.optionalText(body, "touchpointId", "touchpointId", CODE);
        String employee = c.optionalText(body, "employeeId", "employeeId", CODE);
        Instant now = clock.instant();
        Instant clientTs = c.clientTime(body, "clientTs", "clientTs", now);
        Instant startedTs = startedTs(body, clientTs, now, c);
        Map<String, Answer> answers = survey.map(s -> answers(body, s, mode == null ? Mode.IN_PERSON : mode, c))
                .orElse(Map.of());
        Profile profile = survey.map(s -> profile(body, s, c)).orElse(null);
        String comment = comment(body, c);
        int suppressed = suppressedPresses(body, channel, c);

        if (!c.violations().isEmpty()) {
            return Validated.invalid(c.violations());
        }
        return Validated.valid(new SurveyResponse(responseId, survey.get().id(), survey.get().version(), audience,
                channel, mode, office.regionCode(), office.code(), touchpoint, employee, clientTs, null, answers,
                profile, comment, suppressed, startedTs, null));
    }

    private static Instant startedTs(JsonNode body, Instant clientTs, Instant now, JsonChecks c) {
        JsonNode node = body.get("startedTs");
        if (node == null || node.isNull()) {
            return null;
        }
        Instant started = c.clientTime(body, "startedTs", "startedTs", now);
        if (started == null || clientTs == null) {
            return started;
        }
        if (started.isAfter(clientTs)) {
            c.add("startedTs", "order", "the form cannot be opened after it was submitted (clientTs)");
        } else if (started.isBefore(clientTs.minus(MAX_FILL_TIME))) {
            c.add("startedTs", "max-fill-time", "lies more than " + MAX_FILL_TIME.toHours() + " hours before clientTs");
        }
        return started;
    }

    private Optional<SurveyDefinition> survey(JsonNode body, JsonChecks c) {
        String surveyId = c.requiredText(body, "surveyId", "surveyId", CODE);
        JsonNode versionNode = body.get("surveyVersion");
        Integer version = null;
        if (versionNode == null || versionNode.isNull()) {
            c.add("surveyVersion", "required", "field is required");
        } else {
            version = c.integer(versionNode, "surveyVersion", 1, 10_000);
        }
        if (surveyId == null) {
            return Optional.empty();
        }
        if (!surveys.knowsSurvey(surveyId)) {
            c.add("surveyId", "unknown-survey", "no survey with id " + surveyId);
            return Optional.empty();
        }
        if (version == null) {
            return Optional.empty();
        }
        Optional<SurveyDefinition> found = surveys.find(surveyId, version);
        if (found.isEmpty()) {
            c.add("surveyVersion", "unknown-version", "survey " + surveyId + " has no version " + version);
        }
        return found;
    }

    private Office office(JsonNode body, JsonChecks c) {
        String region = c.requiredText(body, "regionCode", "regionCode", CODE);
        String code = c.requiredText(body, "officeCode", "officeCode", CODE);
        if (code == null) {
            return null;
        }
        Optional<Office> office = offices.office(code);
        if (office.isEmpty()) {
            c.add("officeCode", "unknown-office", "no office with code " + code);
            return null;
        }
        if (region != null && !office.get().regionCode().equals(region)) {
            c.add("regionCode", "office-region", "office " + code + " belongs to region " + office.get().regionCode());
            return null;
        }
        return office.get();
    }

    private Map<String, Answer> answers(JsonNode body, SurveyDefinition survey, Mode mode, JsonChecks c) {
        JsonNode node = body.get("answers");
        if (node == null || node.isNull()) {
            c.add("answers", "required", "field is required (an empty object when nothing was answered)");
            return Map.of();
        }
        if (!node.isObject()) {
            c.add("answers", "type", "must be an object of question id to answer");
            return Map.of();
        }
        Map<String, Question> questions = survey.questionsById();
        Map<String, Answer> answers = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = "answers." + field.getKey();
            Question question = questions.get(field.getKey());
            if (question == null) {
                c.add(path, "unknown-question", "survey " + survey.key() + " has no question " + field.getKey());
                continue;
            }
            if (field.getValue().isNull()) {
                continue; // explicitly not answered
            }
            if (question.inPersonOnly() && mode == Mode.REMOTE) {
                c.add(path, "skipped-for-remote", "asked only of clients served in person");
                continue;
            }
            Answer answer = answer(question, field.getValue(), path, c);
            if (answer != null) {
                answers.put(question.id(), answer);
            }
        }
        for (Map.Entry<String, Answer> entry : answers.entrySet()) {
            Question.Condition condition = questions.get(entry.getKey()).showIf();
            if (condition != null) {
                Answer gate = answers.get(condition.question());
                if (gate == null || !condition.equals().equals(gate.choice())) {
                    c.add("answers." + entry.getKey(), "conditional",
                            "answered only when " + condition.question() + " is \"" + condition.equals() + "\"");
                }
            }
        }
        return answers;
    }

    private static Answer answer(Question question, JsonNode value, String path, JsonChecks c) {
        if (question.type().isScored()) {
            Integer score = c.integer(value, path, question.type().min(), question.type().max());
            return score == null ? null : Answer.score(score);
        }
        if (!value.isTextual()) {
            c.add(path, "type", "must be one of " + question.allowedChoices());
            return null;
        }
        if (!question.allowedChoices().contains(value.textValue())) {
            c.add(path, "enum", "must be one of " + question.allowedChoices());
            return null;
        }
        return Answer.choice(value.textValue());
    }

    private static Profile profile(JsonNode body, SurveyDefinition survey, JsonChecks c) {
        JsonNode node = body.get("profile");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            c.add("profile", "type", "must be an object");
            return null;
        }
        c.onlyKnownFields(node, "profile.", survey.profile().keySet());
        Map<String, String> single = new LinkedHashMap<>();
        List<String> multi = null;
        for (Map.Entry<String, List<String>> field : survey.profile().entrySet()) {
            JsonNode value = node.get(field.getKey());
            String path = "profile." + field.getKey();
            if (value == null || value.isNull()) {
                continue;
            }
            if (survey.multiChoiceProfileFields().contains(field.getKey())) {
                multi = multiChoice(value, path, field.getValue(), c);
            } else if (!value.isTextual() || !field.getValue().contains(value.textValue())) {
                c.add(path, "enum", "must be one of " + field.getValue());
            } else {
                single.put(field.getKey(), value.textValue());
            }
        }
        return new Profile(single.get("gender"), single.get("ageBand"), single.get("category"),
                single.get("ownership"), single.get("orgSize"), multi);
    }

    private static List<String> multiChoice(JsonNode value, String path, List<String> allowed, JsonChecks c) {
        if (!value.isArray()) {
            c.add(path, "type", "must be an array of " + allowed);
            return null;
        }
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || !allowed.contains(item.textValue())) {
                c.add(path + "[" + i + "]", "enum", "must be one of " + allowed);
            } else if (!chosen.contains(item.textValue())) {
                chosen.add(item.textValue());
            }
        }
        return chosen;
    }

    private static String comment(JsonNode body, JsonChecks c) {
        return comment(body, "comment", c);
    }

    /** The free-text comment at {@code path} (field {@code comment}): at most 4,000 characters, blank is none. */
    static String comment(JsonNode body, String path, JsonChecks c) {
        String comment = c.optionalText(body, "comment", path, null);
        if (comment != null && comment.length() > MAX_COMMENT_CHARS) {
            c.add(path, "max-length", "at most " + MAX_COMMENT_CHARS + " characters");
            return null;
        }
        return comment == null || comment.isBlank() ? null : comment.strip();
    }

    private static int suppressedPresses(JsonNode body, Channel channel, JsonChecks c) {
        JsonNode node = body.get("suppressedPresses");
        if (node == null || node.isNull()) {
            return 0;
        }
        if (channel != null && channel != Channel.KIOSK) {
            c.add("suppressedPresses", "kiosk-only", "only kiosk taps count suppressed presses");
            return 0;
        }
        Integer value = c.integer(node, "suppressedPresses", 0, 10_000);
        return value == null ? 0 : value;
    }
}

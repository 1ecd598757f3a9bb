package ru.otklik.e2e.fuzz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import ru.otklik.common.office.Office;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.ingest.link.StaffTokens;

/**
 * What every generator shares: the running stack, the project's rules, the seed's tag in ids, and the
 * secrets the run hands out or is handed (issued link tokens, enrolment codes, device secrets, session
 * cookies, signatures, e-mails), which the log scan looks for afterwards.
 */
final class FuzzContext {

    final FuzzStack stack;
    final ProjectRules rules;
    final String tag;
    final Set<String> secrets = ConcurrentHashMap.newKeySet();
    /** Offices the generators may name: all but the sentinel's. */
    final List<Office> offices;
    final List<SurveyDefinition> formSurveys;

    private final StaffTokens staff;

    FuzzContext(FuzzStack stack, ProjectRules rules, long seed) {
        this.staff = StaffTokens.parse("fuzzer:" + stack.staffToken);
        this.stack = stack;
        this.rules = rules;
        this.tag = Long.toString(seed & 0xFFFFFFL, 36) + stack.run.substring(0, 4);
        this.offices = rules.offices().offices().stream()
                .filter(o -> !o.code().equals(FuzzStack.SENTINEL_OFFICE)).toList();
        this.formSurveys = List.of(survey("jc-seeker"), survey("jc-employer"), survey("pulse"));
        secrets.addAll(stack.fixedSecrets());
    }

    /** Whether ingest's staff gate lets this Authorization header in (its own parser decides). */
    boolean isStaff(String authorization) {
        return authorization != null && staff.authenticate(authorization.strip()).isPresent();
    }

    private SurveyDefinition survey(String id) {
        return rules.surveys().find(id, 1).orElseThrow();
    }

    /** A unique id of the form the API takes ({@code [A-Za-z0-9_-]{8,64}}). */
    String id(String kind, long index) {
        return kind + "-" + tag + "-" + index;
    }

    Office office(Random r) {
        return offices.get(r.nextInt(offices.size()));
    }

    /**
     * A response the API should accept: a questionnaire survey, an office with its region, answers in
     * range for the survey's items (in-person items only in person, Q12/Q13 only after their gate "yes"),
     * sometimes a profile, a comment and a start time. The oracle still decides, on the bytes.
     */
    ObjectNode validForm(Random r, String responseId, String channel, Office office) {
        SurveyDefinition survey = formSurveys.get(r.nextInt(formSurveys.size()));
        String audience = survey.audiences().get(r.nextInt(Math.min(2, survey.audiences().size())));
        boolean remote = r.nextInt(3) == 0;
        ObjectNode form = EventJson.mapper().createObjectNode();
        form.put("responseId", responseId);
        form.put("surveyId", survey.id());
        form.put("surveyVersion", survey.version());
        form.put("audience", audience);
        form.put("channel", channel);
        form.put("mode", remote ? "remote" : "in_person");
        form.put("regionCode", office.regionCode());
        form.put("officeCode", office.code());
        Instant clientTs = Instant.now().minusSeconds(5 + r.nextInt(3_000));
        form.put("clientTs", clientTs.toString());
        if (r.nextInt(3) == 0) {
            form.put("startedTs", clientTs.minus(Duration.ofSeconds(r.nextInt(3_600))).toString());
        }
        answers(form.putObject("answers"), survey, remote, r);
        if (r.nextInt(3) == 0) {
            profile(form.putObject("profile"), survey, r);
        }
        if (r.nextInt(3) == 0) {
            form.put("comment", Mutations.humanText(r));
        }
        return form;
    }

    private static void answers(ObjectNode answers, SurveyDefinition survey, boolean remote, Random r) {
        for (Question q : survey.questions()) {
            if ((q.inPersonOnly() && remote) || r.nextInt(4) == 0 && answers.size() > 0) {
                continue;
            }
            if (q.showIf() != null && !q.showIf().equals().equals(answers.path(q.showIf().question()).asText())) {
                continue;
            }
            if (q.type().isScored()) {
                answers.put(q.id(), q.type().min() + r.nextInt(q.type().max() - q.type().min() + 1));
            } else {
                List<String> choices = q.allowedChoices();
                answers.put(q.id(), choices.get(r.nextInt(choices.size())));
            }
        }
    }

    private static void profile(ObjectNode profile, SurveyDefinition survey, Random r) {
        for (Map.Entry<String, List<String>> field : survey.profile().entrySet()) {
            if (field.getValue().isEmpty() || r.nextBoolean()) {
                continue;
            }
            String value = field.getValue().get(r.nextInt(field.getValue().size()));
            if (survey.multiChoiceProfileFields().contains(field.getKey())) {
                ArrayNode values = profile.putArray(field.getKey());
                values.add(value);
            } else {
                profile.put(field.getKey(), value);
            }
        }
    }

    /** The form fields the web questionnaire posts for {@code survey}: answers as text, maybe a profile and an e-mail. */
    List<String[]> validFormFields(Random r, String responseId, SurveyDefinition survey, long index) {
        boolean remote = r.nextInt(3) == 0;
        ObjectNode answers = EventJson.mapper().createObjectNode();
        answers(answers, survey, remote, r);
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"responseId", responseId});
        fields.add(new String[] {"startedTs", Instant.now().minusSeconds(30 + r.nextInt(600)).toString()});
        fields.add(new String[] {"mode", remote ? "remote" : "in_person"});
        if (r.nextBoolean()) {
            fields.add(new String[] {"lang", r.nextBoolean() ? "en" : "ru"});
        }
        answers.fields().forEachRemaining(e -> fields.add(new String[] {e.getKey(), e.getValue().asText()}));
        if (r.nextInt(3) == 0) {
            ObjectNode profile = EventJson.mapper().createObjectNode();
            profile(profile, survey, r);
            profile.fields().forEachRemaining(e -> fields.add(new String[] {"profile." + e.getKey(),
                    e.getValue().isArray() ? e.getValue().get(0).asText() : e.getValue().asText()}));
        }
        if (r.nextInt(4) == 0) {
            String email = "respondent-" + tag + "-" + index + "@example.org";
            secrets.add(email);
            fields.add(new String[] {"email", email});
        }
        if (r.nextInt(3) == 0) {
            fields.add(new String[] {"comment", Mutations.humanText(r)});
        }
        return fields;
    }
}

package ru.otklik.common.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.ClientTimes;
import ru.otklik.common.response.Entry;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.Profile;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;

/**
 * The second check of a response, on the decoded record as it comes out of Kafka rather than on a
 * request: what ingest promised about every record of {@code responses} (ids and codes well formed,
 * office and survey known, every answer in its range, times plausible, the channel admitted by the
 * door it came through). The streaming job runs it on every record, so a future producer or ingest
 * bug ends in a dead letter instead of stopping or corrupting the figures. Pure and allocation-light:
 * it runs on every record.
 */
public final class ResponseRecordCheck {

    private final SurveyCatalog surveys;
    private final OfficeDirectory offices;

    public ResponseRecordCheck(SurveyCatalog surveys, OfficeDirectory offices) {
        this.surveys = surveys;
        this.offices = offices;
    }

    /** Every broken promise; empty when the record may be counted. */
    public List<Violation> check(SurveyResponse r) {
        List<Violation> v = new ArrayList<>(0);
        if (r.responseId() == null || !ResponseValidator.RESPONSE_ID.matcher(r.responseId()).matches()) {
            v.add(new Violation("responseId", "format", "must match " + ResponseValidator.RESPONSE_ID.pattern()));
        }
        if (r.audience() == null) {
            v.add(new Violation("audience", "required", "field is required"));
        }
        if (r.channel() == null) {
            v.add(new Violation("channel", "required", "field is required"));
        }
        code(r.touchpointId(), "touchpointId", v);
        code(r.employeeId(), "employeeId", v);
        office(r, v);
        Instant received = r.receivedTs();
        if (received == null || received.isBefore(ClientTimes.EARLIEST) || received.isAfter(ClientTimes.LATEST)) {
            v.add(new Violation("receivedTs", received == null ? "required" : "range",
                    "set by ingest when it accepted the response, between " + ClientTimes.EARLIEST + " and "
                            + ClientTimes.LATEST));
        } else {
            String rule = ClientTimes.violation(r.clientTs(), received);
            if (rule != null) {
                v.add(new Violation("clientTs", rule, ClientTimes.message(rule) + " of receivedTs"));
            } else if (r.startedTs() != null && (r.startedTs().isAfter(r.clientTs())
                    || r.startedTs().isBefore(r.clientTs().minus(ResponseValidator.MAX_FILL_TIME)))) {
                v.add(new Violation("startedTs", "order", "must lie within a day before clientTs"));
            }
        }
        if (r.comment() != null && r.comment().length() > ResponseValidator.MAX_COMMENT_CHARS) {
            v.add(new Violation("comment", "max-length", "at most " + ResponseValidator.MAX_COMMENT_CHARS + " characters"));
        }
        if (r.suppressedPresses() < 0 || r.suppressedPresses() > 10_000
                || (r.suppressedPresses() > 0 && r.channel() != Channel.KIOSK)) {
            v.add(new Violation("suppressedPresses", "range", "0..10000, kiosk taps only"));
        }
        Optional<SurveyDefinition> survey = r.surveyId() == null ? Optional.empty()
                : surveys.find(r.surveyId(), r.surveyVersion());
        if (survey.isEmpty()) {
            v.add(new Violation("surveyId", "unknown-survey", "no survey " + r.surveyId() + " v" + r.surveyVersion()));
        } else {
            SurveyDefinition s = survey.get();
            if (r.audience() != null && !s.audiences().contains(r.audience().code())) {
                v.add(new Violation("audience", "survey-audience", "survey " + s.id() + " is for " + s.audiences()));
            }
            answers(r, s, v);
            profile(r.profile(), s, v);
        }
        entry(r, v);
        return v;
    }

    private static void code(String value, String field, List<Violation> v) {
        if (value != null && !ResponseValidator.CODE.matcher(value).matches()) {
            v.add(new Violation(field, "format", "must match " + ResponseValidator.CODE.pattern()));
        }
    }

    private void office(SurveyResponse r, List<Violation> v) {
        Optional<Office> office = r.officeCode() == null ? Optional.empty() : offices.office(r.officeCode());
        if (office.isEmpty()) {
            v.add(new Violation("officeCode", "unknown-office", "no office " + r.officeCode()));
        } else if (!office.get().regionCode().equals(r.regionCode())) {
            v.add(new Violation("regionCode", "office-region", "office " + r.officeCode() + " belongs to region "
                    + office.get().regionCode()));
        }
    }

    private static void answers(SurveyResponse r, SurveyDefinition s, List<Violation> v) {
        Map<String, Question> questions = s.questionsById();
        for (Map.Entry<String, Answer> e : r.answers().entrySet()) {
            Question q = questions.get(e.getKey());
            String path = "answers." + e.getKey();
            Answer a = e.getValue();
            if (q == null) {
                v.add(new Violation(path, "unknown-question", "survey " + s.key() + " has no question " + e.getKey()));
                continue;
            }
            if (a == null) {
                v.add(new Violation(path, "type", "an answer is a number or a code"));
                continue;
            }
            if (q.inPersonOnly() && r.mode() == Mode.REMOTE) {
                v.add(new Violation(path, "skipped-for-remote", "asked only of clients served in person"));
            }
            if (q.type().isScored()) {
                if (a.score() == null || a.score() < q.type().min() || a.score() > q.type().max()) {
                    v.add(new Violation(path, "range", "a score " + q.type().min() + ".." + q.type().max()));
                }
            } else if (a.choice() == null || !q.allowedChoices().contains(a.choice())) {
                v.add(new Violation(path, "enum", "one of " + q.allowedChoices()));
            }
            if (q.showIf() != null) {
                Answer gate = r.answers().get(q.showIf().question());
                if (gate == null || !q.showIf().equals().equals(gate.choice())) {
                    v.add(new Violation(path, "conditional", "answered only when " + q.showIf().question() + " is \""
                            + q.showIf().equals() + "\""));
                }
            }
        }
    }

    private static void profile(Profile p, SurveyDefinition s, List<Violation> v) {
        if (p == null) {
            return;
        }
        single(p.gender(), "gender", s, v);
        single(p.ageBand(), "ageBand", s, v);
        single(p.category(), "category", s, v);
        single(p.ownership(), "ownership", s, v);
        single(p.orgSize(), "orgSize", s, v);
        if (p.traits() != null) {
            List<String> allowed = s.profile().get("traits");
            for (String t : p.traits()) {
                if (allowed == null || !allowed.contains(t)) {
                    v.add(new Violation("profile.traits", "enum", "one of " + allowed));
                }
            }
        }
    }

    private static void single(String value, String field, SurveyDefinition s, List<Violation> v) {
        if (value == null) {
            return;
        }
        List<String> allowed = s.profile().get(field);
        if (allowed == null || !allowed.contains(value)) {
            v.add(new Violation("profile." + field, "enum", "one of " + allowed));
        }
    }

    private static void entry(SurveyResponse r, List<Violation> v) {
        String code = r.meta() == null ? null : r.meta().entry();
        if (code == null || r.channel() == null) {
            return; // written before ingest recorded its doors: nothing to hold the channel against
        }
        Entry door;
        try {
            door = Entry.fromCode(code);
        } catch (IllegalArgumentException e) {
            v.add(new Violation("meta.entry", "enum", "unknown ingest door " + code));
            return;
        }
        if (!door.admits(r.channel(), r.surveyId())) {
            v.add(new Violation("channel", "entry-channel", door.code() + " does not admit " + r.channel().code()
                    + " responses to " + r.surveyId()));
        }
    }

    /** The violations in one line for a dead letter: {@code field rule; field rule}. */
    public static String summary(List<Violation> violations) {
        StringBuilder s = new StringBuilder();
        for (Violation x : violations) {
            s.append(s.length() == 0 ? "" : "; ").append(x.field()).append(' ').append(x.rule());
        }
        return s.toString();
    }
}

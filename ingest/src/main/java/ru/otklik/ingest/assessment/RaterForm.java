package ru.otklik.ingest.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.otklik.common.assessment.AnswerOption;
import ru.otklik.common.assessment.Competency;
import ru.otklik.common.assessment.CompetencyModel;
import ru.otklik.common.assessment.ExtraAnswer;
import ru.otklik.common.assessment.ExtraQuestion;
import ru.otklik.common.assessment.Indicator;
import ru.otklik.common.assessment.IndicatorAnswer;
import ru.otklik.common.assessment.RaterSubmission;
import ru.otklik.common.validation.Violation;

/**
 * The fields of a rater's form about one target, checked against the competency model and the rater's role,
 * and turned into a {@link RaterSubmission}. Field names: {@code i.<indicator>} (an option code),
 * {@code c.<indicator>} (the comment), {@code x.<extra question>} (free text); {@code lang} is the page's
 * language. A draft keeps exactly these fields ({@link #values()}).
 *
 * <p>Two levels of checks: {@link #shapeViolations} (what even a draft must satisfy: known fields, option codes
 * of the scale, indicators asked of this role, bounded lengths) and {@link #violations} (a submission: also
 * every asked indicator answered, a required comment given, a required extra question answered).
 */
public final class RaterForm {

    public static final String INDICATOR = "i.";
    public static final String COMMENT = "c.";
    public static final String EXTRA = "x.";
    public static final int MAX_COMMENT_CHARS = 2000;
    public static final int MAX_EXTRA_CHARS = 4000;
    /** More fields than any model could have is not a form of ours. */
    public static final int MAX_FIELDS = 1000;

    private final CompetencyModel model;
    private final String roleCode;
    private final Map<String, String> values;
    private final List<Violation> malformed = new ArrayList<>();

    /** From the posted fields: first non-blank value of each, stripped; {@code lang} and unknown names noted. */
    public static RaterForm of(CompetencyModel model, String roleCode, Map<String, List<String>> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        List<Violation> malformed = new ArrayList<>();
        if (fields.size() > MAX_FIELDS) {
            malformed.add(new Violation("$", "too-many-fields", "at most " + MAX_FIELDS + " fields"));
            return new RaterForm(model, roleCode, Map.of(), malformed);
        }
        fields.forEach((name, list) -> {
            if ("lang".equals(name)) {
                return;
            }
            if (list.size() > 1 && list.stream().filter(v -> v != null && !v.isBlank()).distinct().count() > 1) {
                malformed.add(new Violation(name, "single-value", "give one value"));
            }
            list.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).findFirst()
                    .ifPresent(v -> values.put(name, v));
        });
        return new RaterForm(model, roleCode, values, malformed);
    }

    /** A saved draft (the values it kept). */
    public static RaterForm ofValues(CompetencyModel model, String roleCode, Map<String, String> values) {
        return new RaterForm(model, roleCode, values, List.of());
    }

    private RaterForm(CompetencyModel model, String roleCode, Map<String, String> values, List<Violation> malformed) {
        this.model = model;
        this.roleCode = roleCode;
        this.values = Map.copyOf(values);
        this.malformed.addAll(malformed);
    }

    public Map<String, String> values() {
        return values;
    }

    public String value(String field) {
        return values.get(field);
    }

    /** The indicators asked of this rater's role, by competency, in the model's order (empty competencies left out). */
    public static Map<Competency, List<Indicator>> asked(CompetencyModel model, String roleCode) {
        Map<Competency, List<Indicator>> asked = new LinkedHashMap<>();
        for (Competency c : model.competencies()) {
            List<Indicator> mine = c.indicators().stream().filter(i -> i.askedOf(roleCode)).toList();
            if (!mine.isEmpty()) {
                asked.put(c, mine);
            }
        }
        return asked;
    }

    /** What a draft must satisfy too: nothing unknown, nothing out of bounds. */
    public List<Violation> shapeViolations() {
        List<Violation> out = new ArrayList<>(malformed);
        Map<String, Indicator> all = model.indicatorsByCode();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (name.startsWith(INDICATOR)) {
                Indicator indicator = all.get(name.substring(INDICATOR.length()));
                if (indicator == null) {
                    out.add(new Violation(name, "unknown-indicator", "the model has no such indicator"));
                } else if (!indicator.askedOf(roleCode)) {
                    out.add(new Violation(name, "not-asked", "not asked of role " + roleCode));
                } else if (model.scale().option(value).isEmpty()) {
                    out.add(new Violation(name, "option", "not an option of the scale"));
                }
            } else if (name.startsWith(COMMENT)) {
                Indicator indicator = all.get(name.substring(COMMENT.length()));
                if (indicator == null || !indicator.askedOf(roleCode)) {
                    out.add(new Violation(name, "unknown-indicator", "no such indicator asked of this role"));
                } else if (value.length() > MAX_COMMENT_CHARS) {
                    out.add(new Violation(name, "max-length", "at most " + MAX_COMMENT_CHARS + " characters"));
                }
            } else if (name.startsWith(EXTRA)) {
                if (extra(name.substring(EXTRA.length())).isEmpty()) {
                    out.add(new Violation(name, "unknown-question", "the model has no such extra question"));
                } else if (value.length() > MAX_EXTRA_CHARS) {
                    out.add(new Violation(name, "max-length", "at most " + MAX_EXTRA_CHARS + " characters"));
                }
            } else {
                out.add(new Violation(name, "unknown-field", "not a field of the form"));
            }
        }
        return out;
    }

    /** Every problem of a submission: the shape, then what is missing. */
    public List<Violation> violations() {
        List<Violation> out = shapeViolations();
        for (List<Indicator> indicators : asked(model, roleCode).values()) {
            for (Indicator i : indicators) {
                String chosen = values.get(INDICATOR + i.code());
                if (chosen == null) {
                    out.add(new Violation(INDICATOR + i.code(), "required", "choose an answer"));
                    continue;
                }
                Optional<AnswerOption> option = model.scale().option(chosen);
                boolean commented = values.get(COMMENT + i.code()) != null;
                if (option.isPresent() && option.get().commentRequired() && !commented) {
                    out.add(new Violation(COMMENT + i.code(), "comment-required",
                            "option " + chosen + " needs a comment"));
                } else if (option.isPresent() && !option.get().asksComment() && commented) {
                    // the page shows the field for every option (no script): say so rather than drop the text
                    out.add(new Violation(COMMENT + i.code(), "comment-not-asked",
                            "option " + chosen + " takes no comment"));
                }
            }
        }
        for (ExtraQuestion q : model.extraQuestions()) {
            if (q.required() && values.get(EXTRA + q.code()) == null) {
                out.add(new Violation(EXTRA + q.code(), "required", "answer this question"));
            }
        }
        return out;
    }

    /**
     * The submission of a valid form ({@link #violations()} empty): points from the options (cannot judge: null),
     * a comment only where the chosen option asks for one (a valid form has none elsewhere).
     */
    public RaterSubmission toSubmission(String sessionId, String targetPseudonym, String raterKey, long modelVersion,
                                        Instant submittedAt) {
        List<IndicatorAnswer> answers = new ArrayList<>();
        asked(model, roleCode).forEach((competency, indicators) -> {
            for (Indicator i : indicators) {
                AnswerOption option = model.scale().option(values.get(INDICATOR + i.code())).orElseThrow(
                        () -> new IllegalStateException("not validated: " + i.code()));
                String comment = option.asksComment() ? values.get(COMMENT + i.code()) : null;
                answers.add(new IndicatorAnswer(i.code(), competency.code(), option.code(), option.points(), comment));
            }
        });
        List<ExtraAnswer> extras = new ArrayList<>();
        for (ExtraQuestion q : model.extraQuestions()) {
            String text = values.get(EXTRA + q.code());
            if (text != null) {
                extras.add(new ExtraAnswer(q.code(), text));
            }
        }
        return new RaterSubmission(RaterSubmission.idOf(sessionId, targetPseudonym, raterKey), sessionId,
                targetPseudonym, raterKey, roleCode, modelVersion, model.scale().max(), submittedAt, answers, extras);
    }

    /** Whether any option of the scale asks for a comment (else no comment fields are shown). */
    public static boolean commentsAsked(CompetencyModel model) {
        return model.scale().options().stream().anyMatch(AnswerOption::asksComment);
    }

    private Optional<ExtraQuestion> extra(String code) {
        return model.extraQuestions().stream().filter(q -> q.code().equals(code)).findFirst();
    }
}

package ru.otklik.kiosk.simulator.population;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import ru.otklik.common.office.Office;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.Profile;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.QuestionType;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;

/**
 * A link / QR code bound to one office, through which a stream of different people fill in
 * forms: each call is a new person (seeker or employer, remote or in person, own profile).
 * Holds no mutable state, so one instance can serve any number of forms.
 */
public final class OnlineRespondent {

    /** Not in the pilot data: a guess that about a quarter of online respondents were served remotely. */
    public static final double REMOTE_SHARE = 0.25;
    /** Share of respondents who fill in the profile block at all. */
    public static final double PROFILE_SHARE = 0.9;
    static final double PROFILE_FIELD_SKIP = 0.04;
    /** Gates are yes/no items; a few respondents leave even those empty. */
    static final double GATE_SKIP = 0.02;
    /**
     * Staff who know the form by heart: 3.5–8 s an item, a minute or two for the questionnaire (honest
     * people take about 12 s an item). Brisk, not a bot's seconds for the whole form (domain §8).
     */
    static final double[] FAKE_SECONDS_PER_ITEM = {3.5, 8.0};

    private static final WeightedChoice Q4 = WeightedChoice.pairs("yes", 48.0, "dont_know", 17.0, "no", 35.0);
    private static final WeightedChoice Q14_IN_PERSON = WeightedChoice.pairs(
            "office_visit", 58.0, "website", 17.0, "social_networks", 5.0, "contact_centre", 15.0, "other", 5.0);
    private static final WeightedChoice Q14_REMOTE = WeightedChoice.pairs(
            "office_visit", 20.0, "website", 38.0, "social_networks", 12.0, "contact_centre", 25.0, "other", 5.0);
    private static final List<String> PRAISE = List.of(
            "Спасибо консультанту, всё объяснили понятно.", "Быстро и вежливо, всё устроило.",
            "Хорошая организация работы, спасибо.", "Помогли подобрать вакансию, благодарю.");
    private static final List<String> COMPLAINTS = List.of(
            "Долго ждал в очереди.", "Не хватает информации на сайте.",
            "Пришлось несколько раз приносить документы.", "Трудно дозвониться в контакт-центр.",
            "Хотелось бы больше вакансий по моей специальности.");

    private final Office office;
    private final SurveyDefinition seekerForm;
    private final SurveyDefinition employerForm;
    private final SurveyDefinition pulseForm;
    private final ProfileWeights weights;
    private final WeightedChoice gender;
    private final WeightedChoice ageBand;
    private final WeightedChoice category;
    private final WeightedChoice ownership;
    private final WeightedChoice orgSize;

    public OnlineRespondent(Office office, SurveyCatalog catalog, ProfileWeights weights) {
        this.office = office;
        this.seekerForm = catalog.find("jc-seeker", 1).orElseThrow();
        this.employerForm = catalog.find("jc-employer", 1).orElseThrow();
        this.pulseForm = catalog.find("pulse", 1).orElseThrow();
        this.weights = weights;
        this.gender = WeightedChoice.of(weights.seekers().gender());
        this.ageBand = WeightedChoice.of(weights.seekers().ageBand());
        this.category = WeightedChoice.of(weights.seekers().category());
        this.ownership = WeightedChoice.of(weights.employers().ownership());
        this.orgSize = WeightedChoice.of(weights.employers().size());
    }

    public Office office() {
        return office;
    }

    /** One job-centre questionnaire by a new person; {@code quality} is the office's current latent quality. */
    public SurveyResponse nextForm(String responseId, Instant now, double quality, RandomGenerator rng) {
        boolean employer = rng.nextDouble() < weights.employerShare();
        Mode mode = rng.nextDouble() < REMOTE_SHARE ? Mode.REMOTE : Mode.IN_PERSON;
        SurveyDefinition form = employer ? employerForm : seekerForm;
        double halo = AnswerDistribution.halo(rng);
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (Question q : form.questions()) {
            if (q.inPersonOnly() && mode == Mode.REMOTE) {
                continue;
            }
            if (q.showIf() != null) {
                Answer gate = answers.get(q.showIf().question());
                if (gate == null || !q.showIf().equals().equals(gate.choice())) {
                    continue;
                }
            }
            Answer answer = answer(q, employer, mode, quality, halo, rng);
            if (answer != null) {
                answers.put(q.id(), answer);
            }
        }
        Profile profile = rng.nextDouble() < PROFILE_SHARE ? (employer ? employerProfile(rng) : seekerProfile(rng)) : null;
        String comment = rng.nextDouble() < weights.commentShare() ? comment(quality + halo, rng) : null;
        Instant started = now.minus(honestFillTime(answers.size() + (comment == null ? 0 : 3), rng));
        return new SurveyResponse(responseId, form.id(), form.version(),
                employer ? Audience.EMPLOYER : Audience.SEEKER, Channel.LINK, mode,
                office.regionCode(), office.code(), null, null, now, null, answers, profile, comment, 0,
                started, null);
    }

    /** A short NPS / CES / CSAT pulse, sent now and then instead of the long questionnaire. */
    public SurveyResponse nextPulse(String responseId, Instant now, double quality, RandomGenerator rng) {
        Audience audience = rng.nextDouble() < weights.employerShare() ? Audience.EMPLOYER : Audience.SEEKER;
        Mode mode = rng.nextDouble() < REMOTE_SHARE ? Mode.REMOTE : Mode.IN_PERSON;
        double halo = AnswerDistribution.halo(rng);
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (Question q : pulseForm.questions()) {
            if (AnswerDistribution.skipped(q.id(), rng)) {
                continue;
            }
            int score = AnswerDistribution.onScale(q.type().min(), q.type().max(), quality, halo, rng);
            // CES runs the other way: 1 is "very easy"
            answers.put(q.id(), Answer.score(q.type() == QuestionType.EFFORT_5 ? q.type().max() + q.type().min() - score : score));
        }
        Instant started = now.minus(honestFillTime(answers.size(), rng));
        return new SurveyResponse(responseId, pulseForm.id(), pulseForm.version(), audience, Channel.LINK, mode,
                office.regionCode(), office.code(), null, null, now, null, answers, null, null, 0, started, null);
    }

    /**
     * A staff-entered fake (fraud-burst), as staff polishing an office's figures fill one in: a seeker
     * served in person, every shown item answered high but not uniformly (mostly 9–10, some 8, an
     * occasional 7, so no two vectors need be alike), the gates mostly "no", the first contact an
     * office visit, sometimes a profile; filled in briskly by someone who knows the form, yet at a
     * human pace ({@link #FAKE_SECONDS_PER_ITEM}).
     */
    public SurveyResponse fakeForm(String responseId, Instant now, RandomGenerator rng) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (Question q : seekerForm.questions()) {
            if (q.showIf() != null) {
                Answer gate = answers.get(q.showIf().question());
                if (gate == null || !q.showIf().equals().equals(gate.choice())) {
                    continue;
                }
            }
            Answer answer = switch (q.type()) {
                // the items honest people skip most (social networks, contact centre) staff skip too
                case SCALE_1_10 -> AnswerDistribution.skipped(q.id(), rng) ? null : Answer.score(fakeScore(rng));
                case YES_NO -> Answer.choice(rng.nextDouble() < 0.15 ? "yes" : "no");
                case YES_NO_DONT_KNOW -> Answer.choice(rng.nextDouble() < 0.9 ? "yes" : "dont_know");
                case CHOICE -> Answer.choice(rng.nextDouble() < 0.8 ? "office_visit" : "website");
                default -> null;
            };
            if (answer != null) {
                answers.put(q.id(), answer);
            }
        }
        Profile profile = rng.nextDouble() < 0.5 ? seekerProfile(rng) : null;
        Instant started = now.minus(fillTime(answers.size(), FAKE_SECONDS_PER_ITEM[0], FAKE_SECONDS_PER_ITEM[1], rng));
        return new SurveyResponse(responseId, seekerForm.id(), seekerForm.version(), Audience.SEEKER, Channel.LINK,
                Mode.IN_PERSON, office.regionCode(), office.code(), null, null, now, null, answers, profile, null, 0,
                started, null);
    }

    /** A fake's score: 10 (60 %), 9 (28 %), 8 (10 %), 7 (2 %); mean about 9.5. */
    static int fakeScore(RandomGenerator rng) {
        double u = rng.nextDouble();
        return u < 0.60 ? 10 : u < 0.88 ? 9 : u < 0.98 ? 8 : 7;
    }

    /** A fill time of {@code items} answers at a per-item pace drawn from [min, max) seconds. */
    static Duration fillTime(int items, double minSecondsPerItem, double maxSecondsPerItem, RandomGenerator rng) {
        double perItem = rng.nextDouble(minSecondsPerItem, maxSecondsPerItem);
        return Duration.ofMillis((long) (Math.max(1, items) * perItem * 1000));
    }

    /** An honest respondent's pace: about 12 s an item (reading, thinking), 5–40 s. */
    static Duration honestFillTime(int items, RandomGenerator rng) {
        double perItem = Math.max(5, Math.min(40, Math.exp(Math.log(12) + rng.nextGaussian() * 0.5)));
        return Duration.ofMillis((long) (Math.max(1, items) * perItem * 1000));
    }

    private Answer answer(Question q, boolean employer, Mode mode, double quality, double halo, RandomGenerator rng) {
        return switch (q.type()) {
            case SCALE_1_10 -> AnswerDistribution.skipped(q.id(), rng) ? null
                    : Answer.score(AnswerDistribution.score(q.id(), quality, halo, rng));
            case YES_NO -> {
                if (rng.nextDouble() < GATE_SKIP) {
                    yield null;
                }
                yield Answer.choice(rng.nextDouble() < gateShare(q.id(), employer) ? "yes" : "no");
            }
            case YES_NO_DONT_KNOW -> AnswerDistribution.skipped(q.id(), rng) ? null : Answer.choice(Q4.draw(rng));
            case CHOICE -> AnswerDistribution.skipped(q.id(), rng) ? null
                    : Answer.choice((mode == Mode.REMOTE ? Q14_REMOTE : Q14_IN_PERSON).draw(rng));
            default -> null;
        };
    }

    /** Share of "yes" for a gate, from the pilot (contacted management, used pre-booking). */
    public double gateShare(String gateId, boolean employer) {
        return switch (gateId) {
            case "Q12_gate" -> (employer ? weights.employers().contactedManagementShare()
                    : weights.seekers().contactedManagementShare()) / 100.0;
            case "Q13_gate" -> (employer ? weights.employers().usedPreBookingShare()
                    : weights.seekers().usedPreBookingShare()) / 100.0;
            default -> 0.5;
        };
    }

    private Profile seekerProfile(RandomGenerator rng) {
        return Profile.seeker(field(gender, rng), field(ageBand, rng), field(category, rng));
    }

    private Profile employerProfile(RandomGenerator rng) {
        List<String> traits = null;
        if (rng.nextDouble() >= PROFILE_FIELD_SKIP) {
            traits = new ArrayList<>();
            for (Map.Entry<String, Double> trait : weights.traitsWithoutNone().entrySet()) {
                if (rng.nextDouble() * 100 < trait.getValue()) {
                    traits.add(trait.getKey());
                }
            }
            if (traits.isEmpty()) {
                traits.add("none");
            }
        }
        return Profile.employer(field(ownership, rng), field(orgSize, rng), traits);
    }

    private static String field(WeightedChoice choice, RandomGenerator rng) {
        return rng.nextDouble() < PROFILE_FIELD_SKIP ? null : choice.draw(rng);
    }

    private static String comment(double mood, RandomGenerator rng) {
        List<String> pool = mood > 0.3 ? PRAISE : COMPLAINTS;
        return pool.get(rng.nextInt(pool.size()));
    }
}

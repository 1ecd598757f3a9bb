package ru.otklik.common.response;

import java.util.Set;

/**
 * Which door of ingest a response came through ({@code meta.entry}, column {@code entry} of
 * {@code responses}). Channels are authentic because each door admits only its own: kiosk taps only
 * through signed kiosk batches, paper forms only with a staff credential, 360 answers only through
 * rater links; the public endpoint and the questionnaire take link responses of the questionnaires.
 * Ingest sets it; the streaming job checks it again.
 */
public enum Entry {
    /** {@code POST /api/v1/responses} without a credential. */
    PUBLIC_API("api", Set.of(Channel.LINK)),
    /** The web questionnaire {@code /s/{token}}: the office comes from the signed link. */
    QUESTIONNAIRE("questionnaire", Set.of(Channel.LINK)),
    /** Signed kiosk batches ({@code /api/v1/kiosk/batches}). */
    KIOSK_BATCH("kiosk", Set.of(Channel.KIOSK)),
    /** Paper forms typed in by staff with their bearer token. */
    STAFF_PAPER("paper", Set.of(Channel.PAPER)),
    /** Personal 360 rater links. */
    RATER_LINK("rater", Set.of(Channel.RATER360));

    private final String code;
    private final Set<Channel> channels;

    Entry(String code, Set<Channel> channels) {
        this.code = code;
        this.channels = channels;
    }

    public String code() {
        return code;
    }

    public Set<Channel> channels() {
        return channels;
    }

    /**
     * Whether a response of {@code channel} answering {@code surveyId} may come through this door: the
     * kiosk survey only from kiosks, kiosks only the kiosk survey.
     */
    public boolean admits(Channel channel, String surveyId) {
        boolean kioskSurvey = KioskTap.SURVEY_ID.equals(surveyId);
        return channels.contains(channel) && kioskSurvey == (this == KIOSK_BATCH);
    }

    /** Exact code, as everywhere in Otklik's JSON: {@code "KIOSK"} is not {@code "kiosk"}. */
    public static Entry fromCode(String code) {
        for (Entry e : values()) {
            if (e.code.equals(code)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown entry " + code);
    }
}

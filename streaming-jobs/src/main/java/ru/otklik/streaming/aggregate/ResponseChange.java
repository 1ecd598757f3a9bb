package ru.otklik.streaming.aggregate;

import ru.otklik.common.response.SurveyResponse;

/**
 * What the office stage is asked to do with a response: count it (the first time its id is seen),
 * take it out of every figure again (a response excluded later, e.g. under a fraud flag), or put a
 * taken-out response back. A retraction carries the whole response, so the windows can subtract
 * exactly what it added.
 */
public record ResponseChange(Kind kind, SurveyResponse response) {

    public enum Kind { ADD, RETRACT, READMIT }

    public static ResponseChange add(SurveyResponse r) {
        return new ResponseChange(Kind.ADD, r);
    }

    public static ResponseChange retract(SurveyResponse r) {
        return new ResponseChange(Kind.RETRACT, r);
    }

    public static ResponseChange readmit(SurveyResponse r) {
        return new ResponseChange(Kind.READMIT, r);
    }

    public String officeCode() {
        return response.officeCode();
    }
}

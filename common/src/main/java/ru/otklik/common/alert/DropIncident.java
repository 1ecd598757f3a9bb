package ru.otklik.common.alert;

/**
 * One scope's drop test as incidents, not alarms: the CUSUM statistic of a {@link BernoulliCusum.Design}
 * moves with every observation; an incident <em>opens</em> when it reaches the limit, <em>escalates</em>
 * once when it reaches {@code escalateAt} times the limit (the fall goes on), and <em>closes</em>
 * when the statistic is back at zero (the recent observations are again as likely under the baseline as
 * under the drop). While an incident is open the statistic is capped at the escalation level, so a long
 * incident does not take correspondingly long to close after the office recovers; no second incident
 * opens until the first has closed. A value, so a Flink operator keeps it in state as it is.
 *
 * @param statistic  the CUSUM statistic in lattice units
 * @param phase      where the scope is
 * @param observed   observations since the statistic last left zero (the evidence of an open incident:
 *                   the run of observations that raised it)
 * @param bad        bad observations among them
 */
public record DropIncident(int statistic, Phase phase, long observed, long bad) {

    public enum Phase { WATCHING, OPEN, ESCALATED }

    /** What an observation did to the incident. */
    public enum Change { NONE, OPENED, ESCALATED, CLOSED }

    /** What {@link #observe} returns: the scope's new state and the change it made. */
    public record Step(DropIncident incident, Change change) {
    }

    public static final DropIncident WATCHING = new DropIncident(0, Phase.WATCHING, 0, 0);

    public DropIncident {
        if (statistic < 0 || observed < 0 || bad < 0 || bad > observed) {
            throw new IllegalArgumentException("invalid drop incident state: statistic=" + statistic + " observed="
                    + observed + " bad=" + bad);
        }
    }

    public boolean isOpen() {
        return phase != Phase.WATCHING;
    }

    /** One observation ({@code isBad}: not happy / not positive) under the test {@code design}. */
    public Step observe(BernoulliCusum.Design design, double escalateAt, boolean isBad) {
        int cap = (int) Math.min(Integer.MAX_VALUE / 2, Math.ceil(design.limit() * escalateAt));
        int s = design.next(statistic, isBad);
        long n = observed + 1;
        long b = bad + (isBad ? 1 : 0);
        return switch (phase) {
            // the evidence of an incident counts from the observations that opened it
            case WATCHING -> s >= design.limit()
                    ? new Step(new DropIncident(Math.min(s, cap), Phase.OPEN, n, b), Change.OPENED)
                    : new Step(new DropIncident(s, Phase.WATCHING, s == 0 ? 0 : n, s == 0 ? 0 : b), Change.NONE);
            case OPEN -> s == 0 ? new Step(new DropIncident(0, Phase.WATCHING, 0, 0), Change.CLOSED)
                    : s >= cap ? new Step(new DropIncident(cap, Phase.ESCALATED, n, b), Change.ESCALATED)
                    : new Step(new DropIncident(s, Phase.OPEN, n, b), Change.NONE);
            case ESCALATED -> s == 0 ? new Step(new DropIncident(0, Phase.WATCHING, 0, 0), Change.CLOSED)
                    : new Step(new DropIncident(Math.min(s, cap), Phase.ESCALATED, n, b), Change.NONE);
        };
    }
}

package ru.otklik.dashboards.figures;

import ru.otklik.common.indicator.NetScore;

/** A {@link NetScore} (NPS, CES) in points −100..100, null when nobody answered. */
public record Net(long good, long neutral, long bad, long n, Double score, boolean sufficient) {

    public static Net of(NetScore net) {
        return new Net(net.good(), net.neutral(), net.bad(), net.n(), Share.orNull(net.score()), net.sufficient());
    }
}

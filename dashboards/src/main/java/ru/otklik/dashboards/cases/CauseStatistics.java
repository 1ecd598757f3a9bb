package ru.otklik.dashboards.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The causes recorded in a place (an office or a region) over a period: per cause the number of cases, its share,
 * and its weighted share — each case counted with its cause's weight, so the causes the office can act on stand
 * out. Also how many cases are open, in progress, closed and overdue.
 */
public record CauseStatistics(List<Row> causes, int open, int inProgress, int closed, int overdue, Double medianDaysToClose) {

    public record Row(CaseCause cause, int cases, double share, double weightedShare) {
    }

    public CauseStatistics {
        causes = List.copyOf(causes);
    }

    /** @param counts cases per cause code among those recorded; causes of the catalogue without a case count 0 */
    static List<Row> rows(List<CaseCause> catalogue, Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        BigDecimal weighted = BigDecimal.ZERO;
        for (CaseCause c : catalogue) {
            weighted = weighted.add(c.weight().multiply(BigDecimal.valueOf(counts.getOrDefault(c.code(), 0))));
        }
        List<Row> rows = new ArrayList<>();
        for (CaseCause c : catalogue) {
            int n = counts.getOrDefault(c.code(), 0);
            double share = total == 0 ? 0 : (double) n / total;
            double weightedShare = weighted.signum() == 0 ? 0
                    : c.weight().multiply(BigDecimal.valueOf(n)).divide(weighted, 6, RoundingMode.HALF_EVEN).doubleValue();
            rows.add(new Row(c, n, share, weightedShare));
        }
        return rows;
    }
}

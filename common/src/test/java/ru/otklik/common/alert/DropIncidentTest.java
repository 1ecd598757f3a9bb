package ru.otklik.common.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DropIncidentTest {

    private final BernoulliCusum.Design design = BernoulliCusum.design(0.2, 0.4, 2_000);

    @Test
    void anIncidentOpensEscalatesAndClosesOnceEach() {
        DropIncident state = DropIncident.WATCHING;
        Map<DropIncident.Change, Integer> changes = new EnumMap<>(DropIncident.Change.class);
        int toOpen = (design.limit() + design.up() - 1) / design.up();
        int cap = (int) Math.ceil(design.limit() * 2.0);
        for (int i = 1; i <= toOpen; i++) {
            DropIncident.Step step = state.observe(design, 2.0, true);
            state = step.incident();
            assertEquals(i == toOpen ? DropIncident.Change.OPENED : DropIncident.Change.NONE, step.change(), "bad #" + i);
        }
        assertEquals(toOpen, state.observed(), "the evidence is the run that raised the statistic");
        assertEquals(toOpen, state.bad());
        for (int i = 0; i < 500; i++) { // the fall goes on: one escalation, then nothing more
            DropIncident.Step step = state.observe(design, 2.0, true);
            changes.merge(step.change(), 1, Integer::sum);
            state = step.incident();
        }
        assertEquals(1, changes.get(DropIncident.Change.ESCALATED));
        assertEquals(499, changes.get(DropIncident.Change.NONE));
        assertEquals(cap, state.statistic(), "capped at the escalation level");
        int toClose = (cap + design.down() - 1) / design.down();
        for (int i = 1; i <= toClose; i++) { // the office recovers
            DropIncident.Step step = state.observe(design, 2.0, false);
            state = step.incident();
            assertEquals(i == toClose ? DropIncident.Change.CLOSED : DropIncident.Change.NONE, step.change(), "good #" + i);
        }
        assertFalse(state.isOpen());
        assertEquals(DropIncident.WATCHING, state);
    }

    @Test
    void aRealDropIsOneIncidentAndNormalTrafficAroundItNone() {
        // one false alarm in 50,000 observations: about 4 % over the 2,000 normal ones below
        BernoulliCusum.Design design = BernoulliCusum.design(0.2, 0.4, 50_000);
        assertTrue(design.runLength(0.4) < 100, "the drop is found within " + design.runLength(0.4) + " on average");
        Random random = new Random(7);
        DropIncident state = DropIncident.WATCHING;
        int opened = 0;
        int closed = 0;
        long openedAt = -1;
        // 1,000 observations at the baseline, 400 at the drop, 1,000 back
        for (int i = 0; i < 2_400; i++) {
            double p = i >= 1_000 && i < 1_400 ? 0.4 : 0.2;
            DropIncident.Step step = state.observe(design, 2.0, random.nextDouble() < p);
            state = step.incident();
            if (step.change() == DropIncident.Change.OPENED) {
                opened++;
                openedAt = i;
            } else if (step.change() == DropIncident.Change.CLOSED) {
                closed++;
            }
        }
        assertEquals(1, opened, "one incident for one drop");
        assertTrue(openedAt >= 1_000 && openedAt < 1_400, "opened during the drop, at " + openedAt);
        assertEquals(1, closed, "closed after the recovery");
        assertFalse(state.isOpen());
    }
}

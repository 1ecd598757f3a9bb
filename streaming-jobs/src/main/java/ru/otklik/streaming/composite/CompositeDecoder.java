package ru.otklik.streaming.composite;

import java.time.Clock;
import java.util.Optional;
import ru.otklik.common.checklist.ObjectiveReport;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.methodology.Methodology;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.streaming.source.DeadLetters;

/**
 * Turns the bytes of one record of {@code checklists.reports} or {@code methodology.versions} into a
 * {@link CompositeInput} or a dead letter, and never throws. A report must name an office of the directory, the
 * office's own region, a period that parses, a revision of 0 or more and when it changed; a methodology version must
 * be one the contract's constructor accepts.
 */
public final class CompositeDecoder {


    private final OfficeDirectory offices;
    private final DeadLetters deadLetters;

    public CompositeDecoder(OfficeDirectory offices, Clock clock) {
        this.offices = offices;
        this.deadLetters = new DeadLetters(clock);
    }

    public CompositeInput report(String topic, int partition, long offset, long kafkaTs, byte[] value) {
        if (value == null || value.length == 0) {
            return dead(topic, partition, offset, kafkaTs, value, "empty", "the record has no value");
        }
        ObjectiveReport r;
        try {
            r = EventJson.mapper().readValue(value, ObjectiveReport.class);
        } catch (Exception | StackOverflowError e) {
            return dead(topic, partition, offset, kafkaTs, value, "undecodable", DeadLetters.firstLine(e));
        }
        if (r == null) {
            return dead(topic, partition, offset, kafkaTs, value, "undecodable", "JSON null");
        }
        String problem;
        try {
            problem = problem(r);
        } catch (RuntimeException e) {
            problem = DeadLetters.firstLine(e);
        }
        return problem != null ? dead(topic, partition, offset, kafkaTs, value, "invalid", problem) : CompositeInput.of(r);
    }

    public CompositeInput methodology(String topic, int partition, long offset, long kafkaTs, byte[] value) {
        if (value == null || value.length == 0) {
            return dead(topic, partition, offset, kafkaTs, value, "empty", "the record has no value");
        }
        Methodology m;
        try {
            m = EventJson.mapper().readValue(value, Methodology.class);
        } catch (Exception | StackOverflowError e) {
            return dead(topic, partition, offset, kafkaTs, value, "undecodable", DeadLetters.firstLine(e));
        }
        if (m == null) {
            return dead(topic, partition, offset, kafkaTs, value, "undecodable", "JSON null");
        }
        return CompositeInput.of("", m);
    }

    /** Why the job cannot use this report, or null. */
    String problem(ObjectiveReport r) {
        if (r.officeCode() == null || r.regionCode() == null) {
            return "officeCode and regionCode are required";
        }
        Optional<Office> office = offices.office(r.officeCode());
        if (office.isEmpty()) {
            return "unknown office " + r.officeCode();
        }
        if (!office.get().regionCode().equals(r.regionCode())) {
            return "office " + r.officeCode() + " is in region " + office.get().regionCode() + ", not "
                    + r.regionCode();
        }
        if (!ReportingPeriod.isCode(r.period())) {
            return "period must look like 2026-Q4, 2026-11 or 2026, got " + r.period();
        }
        if (r.revision() < 0) {
            return "revision must be 0 or more";
        }
        if (r.changedAt() == null) {
            return "changedAt is required";
        }
        for (ObjectiveReport.ChecklistFacts c : r.checklists()) {
            if (c == null || c.indicator() == null) {
                return "every checklist needs an indicator";
            }
        }
        return null;
    }

    private CompositeInput dead(String topic, int partition, long offset, long kafkaTs, byte[] value, String reason,
                              String detail) {
        return CompositeInput.dead(deadLetters.row(topic, partition, offset, kafkaTs, value, reason, detail));
    }
}

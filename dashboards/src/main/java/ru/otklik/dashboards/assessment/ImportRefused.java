package ru.otklik.dashboards.assessment;

import java.util.List;

/** An import refused as a whole, with every problem found (not only the first), so one fix round suffices. */
public final class ImportRefused extends RuntimeException {

    private final transient List<ImportProblem> problems;

    public ImportRefused(List<ImportProblem> problems) {
        super(problems.size() + " problem(s), first: row " + problems.get(0).row() + " " + problems.get(0).column()
                + ": " + problems.get(0).rule());
        this.problems = List.copyOf(problems);
    }

    public static ImportRefused of(String rule) {
        return new ImportRefused(List.of(new ImportProblem(0, "", rule)));
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}

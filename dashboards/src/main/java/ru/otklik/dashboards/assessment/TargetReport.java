package ru.otklik.dashboards.assessment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.otklik.common.assessment.AnonymityMerge;
import ru.otklik.common.assessment.Classification360;
import ru.otklik.common.assessment.Competency;
import ru.otklik.common.assessment.CompetencyModel;
import ru.otklik.common.assessment.GroupFigures;
import ru.otklik.common.assessment.Indicator;
import ru.otklik.common.assessment.RaterRole;

/**
 * One target's 360 report (domain §5) as every page, export and API answer shows it: averages per indicator and
 * competency, per role group and for "others", the classes, how often each answer was chosen, and the comments —
 * all after {@link AnonymityMerge}, so what is withheld is withheld everywhere, not only on the page. Built from
 * the streaming job's aggregates; nothing here reads a single rater's answers.
 */
public record TargetReport(String sessionId, String targetName, int scaleMax, List<String> groups,
                           List<CompetencyLine> competencies, String previousSessionId) {

    /**
     * This report compared with the same target's previous report (domain §5: better / worse per indicator), on
     * "others" of both — each already through the anonymity merge, so the comparison shows nothing either hides.
     * Items are matched by code; an item that either lacks is not compared.
     */
    public TargetReport comparedWith(TargetReport before) {
        if (before == null) {
            return this;
        }
        Map<String, ItemLine> old = new LinkedHashMap<>();
        before.competencies().forEach(c -> {
            old.put("c:" + c.competency().code(), c.competency());
            c.indicators().forEach(i -> old.put("i:" + i.code(), i));
        });
        List<CompetencyLine> lines = competencies.stream().map(c -> new CompetencyLine(
                c.competency().against(old.get("c:" + c.competency().code())),
                c.indicators().stream().map(i -> i.against(old.get("i:" + i.code()))).toList())).toList();
        return new TargetReport(sessionId, targetName, scaleMax, groups, lines, before.sessionId());
    }

    /** The figures of one group for one item, as shown. */
    public record Figure(String group, long raters, double average) {
    }

    /** A comment with the group it may be attributed to (its own, or "others" when its group is too small). */
    public record Comment(String group, String text) {
    }

    /**
     * One item's line.
     *
     * @param counts   raters per points value among the counted raters (indicator only; empty for a competency)
     * @param withheld answers left out to protect a small group
     */
    public record ItemLine(String code, String text, List<Figure> figures, Figure others, List<String> classes,
                           List<Long> counts, long withheld, List<Comment> comments, Double previousOthers,
                           String change) {

        /** This line with "others" of the target's previous session beside it: better, worse or same. */
        ItemLine against(ItemLine before) {
            if (before == null || before.others() == null || others == null) {
                return this;
            }
            double diff = others.average() - before.others().average();
            String change = Math.abs(diff) < 1e-9 ? "same" : diff > 0 ? "better" : "worse";
            return new ItemLine(code, text, figures, others, classes, counts, withheld, comments,
                    before.others().average(), change);
        }
    }

    public record CompetencyLine(ItemLine competency, List<ItemLine> indicators) {
    }

    /** One aggregate row of {@code otklik.assessment_items} (FINAL) for this target. */
    public record ItemRow(String competencyCode, String indicatorCode, GroupFigures figures) {
    }

    /** One comment row of {@code otklik.assessment_comments}. */
    public record CommentRow(String indicatorCode, String group, String text) {
    }

    public static TargetReport build(String sessionId, String targetName, CompetencyModel model, List<ItemRow> rows,
                                     List<CommentRow> comments, Map<String, Long> submittedByGroup,
                                     Map<String, RaterRole> roles, String language) {
        int scaleMax = model.scale().max();
        Map<String, List<GroupFigures>> byItem = new LinkedHashMap<>();
        for (ItemRow r : rows) {
            byItem.computeIfAbsent(r.competencyCode() + "\n" + r.indicatorCode(), k -> new ArrayList<>()).add(r.figures());
        }
        Map<String, List<Comment>> visibleComments = comments(comments, submittedByGroup, roles);
        List<String> groups = new ArrayList<>();
        List<CompetencyLine> lines = new ArrayList<>();
        for (Competency c : model.competencies()) {
            ItemLine competency = line(c.code(), c.name().in(language), byItem.get(c.code() + "\n"), roles, scaleMax,
                    List.of(), groups);
            List<ItemLine> indicators = new ArrayList<>();
            for (Indicator i : c.indicators()) {
                indicators.add(line(i.code(), i.text().in(language), byItem.get(c.code() + "\n" + i.code()), roles,
                        scaleMax, visibleComments.getOrDefault(i.code(), List.of()), groups));
            }
            lines.add(new CompetencyLine(competency, indicators));
        }
        // the submissions per group decide which comments show; they are not part of the report (a group's size is
        // not for the target to read)
        return new TargetReport(sessionId, targetName, scaleMax, groups, lines, null);
    }

    private static ItemLine line(String code, String text, List<GroupFigures> groupFigures, Map<String, RaterRole> roles,
                                 int scaleMax, List<Comment> comments, List<String> groupsSeen) {
        List<GroupFigures> ordered = new ArrayList<>(groupFigures == null ? List.of() : groupFigures);
        ordered.sort(java.util.Comparator.comparingInt((GroupFigures g) -> rank(g.group())).thenComparing(GroupFigures::group));
        AnonymityMerge.Visible v = AnonymityMerge.apply(ordered, roles);
        List<Figure> figures = new ArrayList<>();
        for (GroupFigures g : v.shown()) {
            figures.add(new Figure(g.group(), g.raters(), g.average()));
            if (!groupsSeen.contains(g.group())) {
                groupsSeen.add(g.group());
            }
        }
        Figure others = v.others() == null ? null : new Figure(RaterRole.OTHERS, v.others().raters(), v.others().average());
        List<String> classes = Classification360.classify(v, scaleMax).stream().map(Classification360.ItemClass::code).toList();
        return new ItemLine(code, text, figures, others, classes,
                v.counted() == null ? List.of() : v.counted().distribution(), v.withheld(), comments, null, null);
    }

    /** The order of the groups in every report: self, manager, peers, subordinates, then custom roles by code. */
    private static int rank(String group) {
        return switch (group) {
            case RaterRole.SELF -> 0;
            case RaterRole.MANAGER -> 1;
            case RaterRole.PEER -> 2;
            case RaterRole.SUBORDINATE -> 3;
            default -> 4;
        };
    }

    /**
     * Comments by indicator: attributed to their group when the group's submissions reach the role's comment
     * threshold (self and manager always); the rest together as "others" when they reach the smallest threshold
     * among them; otherwise not shown.
     */
    private static Map<String, List<Comment>> comments(List<CommentRow> rows, Map<String, Long> submitted,
                                                       Map<String, RaterRole> roles) {
        Map<String, Boolean> own = new LinkedHashMap<>();
        long smallPool = 0;
        int smallest = Integer.MAX_VALUE;
        for (Map.Entry<String, Long> e : submitted.entrySet()) {
            String g = e.getKey();
            boolean known = RaterRole.SELF.equals(g) || RaterRole.MANAGER.equals(g);
            RaterRole role = roles.get(g);
            int threshold = known ? 1 : role == null ? RaterRole.DEFAULT_THRESHOLD : role.commentThreshold();
            boolean enough = e.getValue() >= threshold;
            own.put(g, enough);
            if (!enough && e.getValue() > 0) {
                smallPool += e.getValue();
                smallest = Math.min(smallest, threshold);
            }
        }
        boolean poolShown = smallPool > 0 && smallPool >= smallest;
        Map<String, List<Comment>> byIndicator = new LinkedHashMap<>();
        for (CommentRow c : rows) {
            String label;
            if (Boolean.TRUE.equals(own.get(c.group()))) {
                label = c.group();
            } else if (poolShown && own.containsKey(c.group())) {
                label = RaterRole.OTHERS;
            } else {
                continue;
            }
            byIndicator.computeIfAbsent(c.indicatorCode(), k -> new ArrayList<>()).add(new Comment(label, c.text()));
        }
        // the order of the table is the comment ids' order, not the raters': nothing to learn from it
        return byIndicator;
    }
}

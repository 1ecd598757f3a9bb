package ru.otklik.dashboards.methodology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ru.otklik.common.methodology.IndexGroup;
import ru.otklik.common.methodology.IndexIndicator;
import ru.otklik.common.methodology.Methodology;
import ru.otklik.common.methodology.MethodologyVariant;
import ru.otklik.common.office.RegionNetwork;

/**
 * What changed between two methodology versions: the version-wide settings (validity, period, minimum sample,
 * objective rules) and, per variant, the group weights and the indicators (added, removed, moved to another group,
 * suspended, resumed).
 */
public final class MethodologyDiff {

    /**
     * One change. {@code variant} is {@code centralised}/{@code decentralised}, or null for version-wide settings;
     * {@code subject} the group or indicator code or the setting's name; {@code from}/{@code to} as text (null when
     * the thing did not exist on that side).
     */
    public record Change(String variant, String kind, String subject, String from, String to) {
    }

    public record Result(int from, int to, List<Change> changes) {
    }

    public static final String VALID_FROM = "valid_from";
    public static final String VALID_TO = "valid_to";
    public static final String PERIOD = "period";
    public static final String MINIMUM_SAMPLE = "minimum_sample";
    public static final String VACANCY_K = "vacancy_coefficient";
    public static final String VACANCY_MAX = "vacancy_max";
    public static final String GROUP_WEIGHT = "group_weight";
    public static final String GROUP_ADDED = "group_added";
    public static final String GROUP_REMOVED = "group_removed";
    public static final String INDICATOR_ADDED = "indicator_added";
    public static final String INDICATOR_REMOVED = "indicator_removed";
    public static final String INDICATOR_MOVED = "indicator_moved";
    public static final String INDICATOR_SUSPENDED = "indicator_suspended";
    public static final String INDICATOR_RESUMED = "indicator_resumed";

    private MethodologyDiff() {
    }

    public static Result between(Methodology a, Methodology b) {
        List<Change> out = new ArrayList<>();
        setting(out, VALID_FROM, a.validFrom(), b.validFrom());
        setting(out, VALID_TO, a.validTo(), b.validTo());
        setting(out, PERIOD, a.period().name().toLowerCase(java.util.Locale.ROOT),
                b.period().name().toLowerCase(java.util.Locale.ROOT));
        setting(out, MINIMUM_SAMPLE, a.minimumSample(), b.minimumSample());
        setting(out, VACANCY_K, a.objectiveRules().vacancyCoefficient(), b.objectiveRules().vacancyCoefficient());
        setting(out, VACANCY_MAX, a.objectiveRules().vacancyMax(), b.objectiveRules().vacancyMax());
        for (RegionNetwork n : RegionNetwork.values()) {
            variant(out, n.name().toLowerCase(java.util.Locale.ROOT), a.variant(n), b.variant(n));
        }
        return new Result(a.version(), b.version(), List.copyOf(out));
    }

    private static void variant(List<Change> out, String v, MethodologyVariant a, MethodologyVariant b) {
        Map<String, IndexGroup> ga = new LinkedHashMap<>();
        a.groups().forEach(g -> ga.put(g.code(), g));
        Map<String, IndexGroup> gb = new LinkedHashMap<>();
        b.groups().forEach(g -> gb.put(g.code(), g));
        for (IndexGroup g : a.groups()) {
            IndexGroup other = gb.get(g.code());
            if (other == null) {
                out.add(new Change(v, GROUP_REMOVED, g.code(), num(g.weight()), null));
            } else if (Double.compare(g.weight(), other.weight()) != 0) {
                out.add(new Change(v, GROUP_WEIGHT, g.code(), num(g.weight()), num(other.weight())));
            }
        }
        for (IndexGroup g : b.groups()) {
            if (!ga.containsKey(g.code())) {
                out.add(new Change(v, GROUP_ADDED, g.code(), null, num(g.weight())));
            }
        }
        Map<String, IndexIndicator> ia = new LinkedHashMap<>();
        a.indicators().forEach(i -> ia.put(i.code(), i));
        Map<String, IndexIndicator> ib = new LinkedHashMap<>();
        b.indicators().forEach(i -> ib.put(i.code(), i));
        for (IndexIndicator i : a.indicators()) {
            IndexIndicator other = ib.get(i.code());
            if (other == null) {
                out.add(new Change(v, INDICATOR_REMOVED, i.code(), i.group(), null));
                continue;
            }
            if (!i.group().equals(other.group())) {
                out.add(new Change(v, INDICATOR_MOVED, i.code(), i.group(), other.group()));
            }
            if (!i.suspended() && other.suspended()) {
                out.add(new Change(v, INDICATOR_SUSPENDED, i.code(), "active", "suspended"));
            } else if (i.suspended() && !other.suspended()) {
                out.add(new Change(v, INDICATOR_RESUMED, i.code(), "suspended", "active"));
            }
        }
        for (IndexIndicator i : b.indicators()) {
            if (!ia.containsKey(i.code())) {
                out.add(new Change(v, INDICATOR_ADDED, i.code(), null, i.group()));
            }
        }
    }

    private static void setting(List<Change> out, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(new Change(null, name, name, a instanceof Double d ? num(d) : a == null ? null : a.toString(),
                    b instanceof Double d ? num(d) : b == null ? null : b.toString()));
        }
    }

    static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
    }
}

package ru.otklik.common.methodology;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ru.otklik.common.checklist.ChecklistIndicator;

/** The index of one kind of region (centralised or decentralised network, domain §1, §7). */
public record MethodologyVariant(List<IndexGroup> groups, List<IndexIndicator> indicators) {

    public MethodologyVariant {
        groups = List.copyOf(groups);
        indicators = List.copyOf(indicators);
        Set<String> groupCodes = new HashSet<>();
        for (IndexGroup g : groups) {
            if (!groupCodes.add(g.code())) {
                throw new IllegalArgumentException("group " + g.code() + " is listed twice");
            }
        }
        if (groups.isEmpty() || groups.stream().mapToDouble(IndexGroup::weight).sum() <= 0) {
            throw new IllegalArgumentException("the groups' weights must add up to more than 0");
        }
        Set<String> codes = new HashSet<>();
        for (IndexIndicator i : indicators) {
            if (!codes.add(i.code())) {
                throw new IllegalArgumentException("indicator " + i.code() + " is listed twice");
            }
            if (!groupCodes.contains(i.group())) {
                throw new IllegalArgumentException("indicator " + i.code() + ": unknown group " + i.group());
            }
            if (i.kind() == IndicatorKind.OBJECTIVE && !ChecklistIndicator.isCode(i.source())) {
                throw new IllegalArgumentException("indicator " + i.code() + ": unknown checklist " + i.source());
            }
            if (i.kind() == IndicatorKind.SUBJECTIVE && (i.source() == null || !i.source().matches("[A-Za-z0-9_]{1,40}"))) {
                throw new IllegalArgumentException("indicator " + i.code() + ": question id must be letters, digits and _");
            }
        }
    }

    public List<IndexIndicator> indicatorsOf(String group) {
        return indicators.stream().filter(i -> i.group().equals(group)).toList();
    }
}

package ru.otklik.dashboards.cases;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One cause of the weighted catalogue (domain §8): its code, its titles in Russian and English, and the weight
 * one case of it carries in the cause statistics.
 */
public record CaseCause(String code, String titleRu, String titleEn, BigDecimal weight) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{1,39}");

    /**
     * The pilot's catalogue. Causes the office controls weigh more (waiting, conduct: 3) than those it partly
     * controls (2, 1.5, 1) and than those outside its reach (law, employers: 0.5), so the weighted share points
     * the office head at what they can change.
     */
    public static final String DEFAULTS = "waiting:3:Очередь и ожидание|Queue and waiting;"
            + "staff_conduct:3:Поведение сотрудника|Staff conduct;"
            + "competence:2:Компетентность консультанта|Consultant's competence;"
            + "procedures:2:Сложные процедуры и документы|Complicated procedures and documents;"
            + "information:1.5:Непонятная или недоступная информация|Unclear or inaccessible information;"
            + "it_systems:1.5:Сбой ИТ-систем или записи|IT or booking system failure;"
            + "premises:1:Помещение и удобства|Premises and comfort;"
            + "outside_office:0.5:Вне влияния центра (законодательство, работодатели)|Outside the centre's control (law, employers);"
            + "other:1:Другое|Other";

    public CaseCause {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("cause code '" + code + "' must be 2-40 of a-z, 0-9, _ starting with a letter");
        }
        if (titleRu == null || titleRu.isBlank() || titleEn == null || titleEn.isBlank()) {
            throw new IllegalArgumentException("cause " + code + " needs a Russian and an English title (ru|en)");
        }
        if (weight == null || weight.signum() <= 0 || weight.compareTo(BigDecimal.valueOf(1000)) >= 0) {
            throw new IllegalArgumentException("cause " + code + ": weight must be above 0 and below 1000");
        }
    }

    public String title(String lang) {
        return "en".equals(lang) ? titleEn : titleRu;
    }

    /** {@code code:weight:Russian title|English title;...}, in the order the pages list them. */
    public static List<CaseCause> parseCatalogue(String text) {
        List<CaseCause> causes = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split(":", 3);
            if (parts.length != 3 || !parts[2].contains("|")) {
                throw new IllegalArgumentException("'" + entry.strip() + "' is not code:weight:Russian title|English title");
            }
            BigDecimal weight;
            try {
                weight = new BigDecimal(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cause " + parts[0].strip() + ": weight '" + parts[1].strip()
                        + "' is not a number");
            }
            String[] titles = parts[2].split("\\|", 2);
            CaseCause cause = new CaseCause(parts[0].strip(), titles[0].strip(), titles[1].strip(), weight);
            if (!codes.add(cause.code())) {
                throw new IllegalArgumentException("cause " + cause.code() + " is listed twice");
            }
            causes.add(cause);
        }
        if (causes.isEmpty()) {
            throw new IllegalArgumentException("the catalogue needs at least one cause");
        }
        return List.copyOf(causes);
    }
}

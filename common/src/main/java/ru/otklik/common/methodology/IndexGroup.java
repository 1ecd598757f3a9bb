package ru.otklik.common.methodology;

import ru.otklik.common.survey.LocalizedText;

/** One of the index's indicator groups (domain §3: friendliness, usefulness, effort, personalisation, comfort). */
public record IndexGroup(String code, double weight, LocalizedText title) {

    public IndexGroup {
        if (code == null || !code.matches("[a-z][a-z0-9_]{0,39}")) {
            throw new IllegalArgumentException("group code must be lower-case letters, digits and _, got " + code);
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("group " + code + ": weight must be 0 or more");
        }
    }
}

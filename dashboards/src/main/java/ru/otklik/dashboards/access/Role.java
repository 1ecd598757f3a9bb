package ru.otklik.dashboards.access;

import java.util.Locale;

/** What a dashboard user may see: one office, one region's offices, or everything (domain §1). */
public enum Role {
    OFFICE, REGION, FEDERAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromCode(String code) {
        for (Role role : values()) {
            if (role.code().equals(code)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + code + "' (office, region or federal)");
    }
}

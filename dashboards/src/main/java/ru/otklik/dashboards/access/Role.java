package ru.otklik.dashboards.access;

import java.util.Locale;

/**
 * What a dashboard user may see: one office, one region's offices, or everything (domain §1); an admin sees what a
 * federal user sees and manages the accounts.
 */
public enum Role {
    OFFICE, REGION, FEDERAL, ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromCode(String code) {
        for (Role role : values()) {
            if (role.code().equals(code)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + code + "' (office, region, federal or admin)");
    }
}

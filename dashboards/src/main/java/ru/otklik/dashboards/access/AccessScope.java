package ru.otklik.dashboards.access;

import ru.otklik.common.office.OfficeDirectory;

/**
 * The scope rules, in one place for pages and the API alike: an office user sees their office, a
 * region user the offices of their region, a federal user everything. Unknown codes are never
 * allowed to non-federal users, so a 403 does not reveal which codes exist.
 */
public record AccessScope(Role role, String scope, OfficeDirectory directory) {

    public boolean allowsOffice(String officeCode) {
        return switch (role) {
            case FEDERAL, ADMIN -> true;
            case REGION -> directory.office(officeCode).map(o -> o.regionCode().equals(scope)).orElse(false);
            case OFFICE -> scope.equals(officeCode);
        };
    }

    public boolean allowsRegion(String regionCode) {
        return switch (role) {
            case FEDERAL, ADMIN -> true;
            case REGION -> scope.equals(regionCode);
            case OFFICE -> false;
        };
    }

    public boolean allowsAllRegions() {
        return role == Role.FEDERAL || role == Role.ADMIN;
    }

    /** Where "/" sends the user. */
    public String homePath() {
        return switch (role) {
            case FEDERAL, ADMIN -> "/regions";
            case REGION -> "/regions/" + scope;
            case OFFICE -> "/offices/" + scope;
        };
    }
}

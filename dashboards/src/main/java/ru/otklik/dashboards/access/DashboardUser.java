package ru.otklik.dashboards.access;

/** A signed-in user: name, role and scope code (office or region code; null for federal). */
public record DashboardUser(String username, Role role, String scope) {
}

package ru.otklik.dashboards.web;

import ru.otklik.dashboards.access.AccessScope;
import ru.otklik.dashboards.access.DashboardUser;

/** The signed-in user of a request and what they may see. */
record Viewer(DashboardUser user, AccessScope scope) {
}

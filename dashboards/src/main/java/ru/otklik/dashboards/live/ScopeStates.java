package ru.otklik.dashboards.live;

/** Reads a scope's {@link ScopeState}: one query per call (the watchers count calls as queries). */
@FunctionalInterface
public interface ScopeStates {

    ScopeState read(LiveScope scope);
}

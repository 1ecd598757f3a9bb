package ru.otklik.dashboards.live;

/**
 * What a watcher compares tick by tick: how many rows the scope's tables hold and their newest version and
 * as-of. Not the figures themselves: any write of the streaming job adds a row (a new version, before merges
 * fold it) and raises a version or an as-of, so a different state means "read again". A background merge
 * lowers the row count alone; that makes one needless reload, never a missed one.
 */
public record ScopeState(long rows, long topVersion, long topAsOf) {
}

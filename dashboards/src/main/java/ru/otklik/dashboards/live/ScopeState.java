package ru.otklik.dashboards.live;

/**
 * What a watcher compares tick by tick: how many rows the scope's tables hold, the sum of their versions, and
 * their newest version and as-of. Not the figures themselves: any write of the streaming job adds a row (a new
 * version, before merges fold it), so a different state means "read again". The version sum is there because a
 * background merge between two ticks can take away as many rows as a write added: the count alone then stayed
 * equal and the change was missed (DashboardPagesIT saw it under CI load); a merge drops the lower versions of a key
 * and a write adds a higher one, so the sum moves with both. A merge alone makes one needless reload, never a
 * missed one.
 */
public record ScopeState(long rows, long topVersion, long topAsOf, long versionSum) {

    public ScopeState(long rows, long topVersion, long topAsOf) {
        this(rows, topVersion, topAsOf, 0);
    }
}

package ru.otklik.ingest.link;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link UsedLinks} in this process's memory: correct for one ingest instance until it restarts.
 * Several instances, or surviving a restart, need a shared store (a later task); until then a
 * restart lets a spent single-use link answer once more.
 */
public final class InMemoryUsedLinks implements UsedLinks {

    private final Set<String> used = ConcurrentHashMap.newKeySet();

    @Override
    public boolean markUsed(String linkId) {
        return used.add(Objects.requireNonNull(linkId, "linkId")); // atomic: exactly one caller gets true
    }

    @Override
    public boolean isUsed(String linkId) {
        return used.contains(linkId);
    }
}

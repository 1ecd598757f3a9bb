package ru.otklik.ingest.link;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link UsedLinks} in this process's memory: correct for one ingest instance until it restarts,
 * which lets a spent single-use link answer once more. For tests and tools; the service uses
 * {@link FileUsedLinks}, which survives a restart. Several instances still need a shared store.
 */
public final class InMemoryUsedLinks implements UsedLinks {

    private final Map<String, String> usedBy = new ConcurrentHashMap<>();

    @Override
    public boolean markUsed(String linkId, String responseId) {
        // atomic: exactly one caller gets true
        return usedBy.putIfAbsent(Objects.requireNonNull(linkId, "linkId"),
                Objects.requireNonNull(responseId, "responseId")) == null;
    }

    @Override
    public Optional<String> usedBy(String linkId) {
        return Optional.ofNullable(usedBy.get(linkId));
    }
}

package ru.otklik.common.response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What ingest knew about the request that carried a response, kept for fraud analysis (domain §8).
 *
 * <p>Addresses and user agents are never stored as such: both are salted SHA-256 hashes, so a burst
 * from one guest PC is visible as one repeated value without revealing who sent it.
 * {@code fillMillis} is the time from opening the form to submitting it, when the client told us
 * when the form was opened; kiosk taps have none. {@code entry} is the door of ingest it came
 * through ({@link Entry#code()}); records written before it existed have none. {@code officeNetwork}:
 * whether the sender's address was in the office's own network ({@code OfficeNetworks}, decided by ingest
 * before hashing the address); null when no range is configured for the office.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestMeta(String ipHash, String userAgentHash, Long fillMillis, String entry,
                          Boolean officeNetwork) {

    /** Metadata without the office-network outcome (older records, tests). */
    public RequestMeta(String ipHash, String userAgentHash, Long fillMillis, String entry) {
        this(ipHash, userAgentHash, fillMillis, entry, null);
    }

    /** Metadata without the entry (older records, tests). */
    public RequestMeta(String ipHash, String userAgentHash, Long fillMillis) {
        this(ipHash, userAgentHash, fillMillis, null, null);
    }

    public RequestMeta withEntry(Entry door) {
        return new RequestMeta(ipHash, userAgentHash, fillMillis, door.code(), officeNetwork);
    }
}

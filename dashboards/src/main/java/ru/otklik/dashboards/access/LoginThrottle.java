package ru.otklik.dashboards.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing (issue 14 §6): after {@link #ACCOUNT_FAILURES} failed logins of one name
 * within {@link #PERIOD}, or {@link #ADDRESS_FAILURES} from one client address (one guesser trying many
 * names), further attempts are refused without checking the password for a lock that doubles with each
 * further failure, from {@link #FIRST_LOCK} up to {@link #LONGEST_LOCK}. A lock of the name hits its owner
 * too (the price of stopping a guesser who changes addresses); it never lasts longer than 15 minutes, and a
 * successful login clears the name's count. The counts are this instance's memory: a restart forgets them,
 * and behind a load balancer each instance counts its own share — still a few guesses a minute at most.
 */
public final class LoginThrottle {

    /** Five wrong passwords: more than a typo or a forgotten keyboard layout (ru/en), far less than a guess. */
    public static final int ACCOUNT_FAILURES = 5;
    /** From one address: a whole office behind one NAT may mistype, a guesser cycling names may not. */
    public static final int ADDRESS_FAILURES = 20;
    /** Failures older than this are forgotten. */
    public static final Duration PERIOD = Duration.ofMinutes(15);
    public static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    public static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    /** Bounds the memory an attacker can make us spend by trying random names from random addresses. */
    static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** When a login of {@code username} from {@code address} may be tried again; empty when it may now. */
    public Optional<Duration> refusedFor(String username, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] {accountKey(username), addressKey(address)}) {
            Failures f = key == null ? null : failures.get(key);
            if (f != null && f.lockedUntil != null && now.isBefore(f.lockedUntil)) {
                Duration left = Duration.between(now, f.lockedUntil);
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** A wrong name or password. */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_TRACKED) {
            failures.values().removeIf(f -> f.forgotten(now));
        }
        count(accountKey(username), ACCOUNT_FAILURES, now);
        count(addressKey(address), ADDRESS_FAILURES, now);
    }

    /** A correct login: the name starts afresh (the address does not: a guesser may own one account). */
    public void succeeded(String username) {
        String key = accountKey(username);
        if (key != null) {
            failures.remove(key);
        }
    }

    /** How many names and addresses are being counted (tests: the memory stays bounded). */
    int tracked() {
        return failures.size();
    }

    private void count(String key, int allowed, Instant now) {
        if (key == null || (failures.size() >= MAX_TRACKED && !failures.containsKey(key))) {
            return;
        }
        failures.compute(key, (k, f) -> {
            Failures next = f == null || f.forgotten(now) ? new Failures() : f;
            next.count++;
            next.last = now;
            if (next.count >= allowed) {
                long doublings = Math.min(next.count - allowed, 10);
                Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
                next.lockedUntil = now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
            }
            return next;
        });
    }

    private static String accountKey(String username) {
        return username == null || username.isBlank() ? null : "user:" + username.strip().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return address == null || address.isBlank() ? null : "addr:" + address;
    }

    private static final class Failures {
        int count;
        Instant last;
        Instant lockedUntil;

        boolean forgotten(Instant now) {
            boolean stillLocked = lockedUntil != null && now.isBefore(lockedUntil);
            return !stillLocked && last != null && Duration.between(last, now).compareTo(PERIOD) > 0;
        }
    }
}

package ru.otklik.dashboards;

import java.time.Duration;

/** Waits for a state, never for a time: polls a check until it holds, and fails naming what did not happen. */
final class Eventually {

    /** A state to wait for. */
    interface Check {
        boolean holds() throws Exception;
    }

    private Eventually() {
    }

    /** Polls {@code check} every 100 ms for up to {@code within}; fails naming {@code what}. */
    static void waitUntil(String what, Duration within, Check check) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }
}

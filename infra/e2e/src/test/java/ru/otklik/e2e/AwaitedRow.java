package ru.otklik.e2e;

import java.time.Duration;

/** Waits for what a read returns (a ClickHouse row as text) to be the expected one: a state, never a sleep. */
final class AwaitedRow {

    /** A read that may fail while the server catches up. */
    interface Read {
        String get() throws Exception;
    }

    private AwaitedRow() {
    }

    /** Polls {@code read} until it returns {@code expected}; on time-out fails naming {@code what} and the last read. */
    static void await(String what, Duration wait, Read read, String expected) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (last.equals(expected)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + ": expected " + expected + ", last read " + last);
    }
}

package ru.otklik.e2e;

/**
 * Closing several things where one failing must not skip the rest: every step runs, the first
 * failure is thrown with the later ones attached as suppressed.
 */
final class Teardown {

    /** One closing step. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private Teardown() {
    }

    static void all(Step... steps) throws Exception {
        Exception first = null;
        for (Step step : steps) {
            try {
                step.run();
            } catch (Exception | AssertionError e) {
                Exception failure = e instanceof Exception exception ? exception : new Exception(e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

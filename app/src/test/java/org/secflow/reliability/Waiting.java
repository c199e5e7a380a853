package org.secflow.reliability;

import java.time.Duration;
import java.util.function.BooleanSupplier;

final class Waiting {

    private Waiting() {
    }

    /** Polls every half second until the condition holds; fails after the timeout. */
    static void until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(500);
        }
    }
}

package org.secflow.decision;

import java.util.concurrent.atomic.AtomicReference;

import org.kie.api.runtime.KieContainer;
import org.springframework.stereotype.Component;

/**
 * The rule set every decision runs on: one container and its version, swapped atomically when an
 * administrator applies a new version or another node did. A decision takes {@link #current()} once and
 * finishes on it, so decisions in flight during a swap end on the old container.
 */
@Component
public class RuleSets {

    /** A built rule set and the version of the database it was built from. */
    public record Active(int version, KieContainer container) {
    }

    private final AtomicReference<Active> active = new AtomicReference<>();

    /** A holder with a fixed container, for decisions outside the application (tests, benchmarks). */
    public static RuleSets of(int version, KieContainer container) {
        RuleSets ruleSets = new RuleSets();
        ruleSets.active.set(new Active(version, container));
        return ruleSets;
    }

    /** @throws IllegalStateException before start-up has loaded a rule set */
    public Active current() {
        Active current = active.get();
        if (current == null) {
            throw new IllegalStateException("The rule set is not loaded yet");
        }
        return current;
    }

    /** Whether a rule set has been loaded. */
    public boolean isLoaded() {
        return active.get() != null;
    }

    /** Makes the given rule set the one decisions run on; answers the one it replaced (null at start-up). */
    public Active swap(Active next) {
        return active.getAndSet(next);
    }
}

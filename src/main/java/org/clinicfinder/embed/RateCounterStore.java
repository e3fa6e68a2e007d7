package org.clinicfinder.embed;

import java.time.Duration;

/**
 * Where request counters live. The in-memory store counts per instance; several instances behind one load
 * balancer share their limits once another implementation (a shared store such as Redis or PostgreSQL)
 * replaces it as the one bean of this type.
 */
public interface RateCounterStore {

    /**
     * Adds one to the named counter and answers its new value. A counter starts at zero and may be
     * forgotten once {@code lifetime} has passed since it started.
     */
    long increment(String counter, Duration lifetime);

    /** The named counter's value, without changing it: zero when it never started or has been forgotten. */
    long current(String counter);

    /** Takes one back from the named counter, for something counted in advance that turned out not to count. */
    void decrement(String counter);

    /**
     * Whether the store answers at once, from memory. A store that asks another server (Redis, PostgreSQL) may
     * block, and the public search's requests then count on a worker thread rather than on the HTTP event loop.
     */
    default boolean answersWithoutBlocking() {
        return false;
    }
}

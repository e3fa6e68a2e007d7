package org.clinicfinder.embed;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Fixed-window request limits: each client (a partner key, a visitor with a key, or the address of an
 * anonymous caller) may make {@code limit} requests per window, counted in the {@link RateCounterStore}.
 * Each client's windows start at an offset of their own, so that clients do not all start over in the same
 * second.
 */
@ApplicationScoped
public class RateLimiter {

    /** The outcome of one request under one policy: what is left, and when the window starts over. */
    public record Decision(String policyName, RatePolicy policy, long remaining, long resetSeconds, boolean allowed) {

        /** An item of the IETF RateLimit-Policy field: quota and window of the named policy. */
        public String policyItem() {
            return "\"" + policyName + "\";q=" + policy.limit() + ";w=" + policy.windowSeconds();
        }

        /** An item of the IETF RateLimit field: remaining quota and seconds until it is reset. */
        public String limitItem() {
            return "\"" + policyName + "\";r=" + remaining + ";t=" + resetSeconds;
        }
    }

    @Inject
    RateCounterStore store;

    Clock clock = Clock.systemUTC();

    /** Whether counting may run where nothing may wait (the HTTP event loop): see RateCounterStore. */
    public boolean countsWithoutBlocking() {
        return store.answersWithoutBlocking();
    }

    public Decision consume(String policyName, String client, RatePolicy policy) {
        String counter = policyName + ':' + client;
        long window = policy.windowSeconds();
        long shifted = clock.instant().getEpochSecond() + Math.floorMod(counter.hashCode(), window);
        long windowIndex = shifted / window;
        long count = store.increment(counter + ':' + window + ':' + windowIndex, Duration.ofSeconds(window + 1));
        long reset = (windowIndex + 1) * window - shifted;
        return new Decision(policyName, policy, Math.max(0, policy.limit() - count), reset, count <= policy.limit());
    }
}

package org.clinicfinder.embed;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.arc.DefaultBean;

/**
 * Counters in this process's memory, each dropped when its window is over. Bounded, so that a flood of
 * client addresses cannot exhaust memory; under such a flood the oldest counters go first.
 */
@ApplicationScoped
@DefaultBean
public class InMemoryRateCounterStore implements RateCounterStore {

    private record Counter(AtomicLong value, long lifetimeNanos) {
    }

    private final Cache<String, Counter> counters = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfter(new Expiry<String, Counter>() {
                @Override
                public long expireAfterCreate(String key, Counter counter, long now) {
                    return counter.lifetimeNanos();
                }

                @Override
                public long expireAfterUpdate(String key, Counter counter, long now, long remaining) {
                    return remaining;
                }

                @Override
                public long expireAfterRead(String key, Counter counter, long now, long remaining) {
                    return remaining;
                }
            })
            .build();

    @Override
    public long increment(String counter, Duration lifetime) {
        return counters.get(counter, name -> new Counter(new AtomicLong(), lifetime.toNanos()))
                .value().incrementAndGet();
    }

    @Override
    public void decrement(String counter) {
        Counter found = counters.getIfPresent(counter);
        if (found != null) {
            found.value().decrementAndGet();
        }
    }

    @Override
    public long current(String counter) {
        Counter found = counters.getIfPresent(counter);
        return found == null ? 0 : found.value().get();
    }

    @Override
    public boolean answersWithoutBlocking() {
        return true;
    }
}

package org.clinicfinder.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.clinicfinder.common.ClinicFinderConfig;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Lets a few searches (a page with its facets, a provider's details) into the database at once
 * ({@code clinic-finder.search.concurrent-queries}) and queues the others, first come first served. More searches
 * at once than the database has cores to run them make it switch between backends rather than answer: on a 2-core
 * machine under 32 clients, a pool of four connections answered 20-60% more searches than a pool of ten, and four
 * turns in front of ten connections cut the slowest percent in most shapes (docs/benchmarks.md). The pool itself
 * stays larger, so that the imports and exports holding a connection for minutes leave room for every turn, and
 * searches never fill it.
 */
// Created at start, so that its gauge is on /q/metrics before the first search.
@Startup
@Singleton
public class SearchTurns {

    /** Work done with a search's connection. */
    @FunctionalInterface
    public interface InDatabase<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(SearchTurns.class);

    private final AgroalDataSource dataSource;
    private final Semaphore turns;
    private final long waitMillis;

    @Inject
    public SearchTurns(AgroalDataSource dataSource, ClinicFinderConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        // The pool's own settings, as Agroal runs with them.
        AgroalConnectionPoolConfiguration pool = dataSource.getConfiguration().connectionPoolConfiguration();
        int poolSize = pool.maxSize();
        Duration connectionWait = pool.acquisitionTimeout();
        int concurrent = config.search().concurrentQueries();
        if (concurrent >= poolSize) {
            LOG.warnf("clinic-finder.search.concurrent-queries (%d) is not below the pool's %d connections: searches"
                    + " can take every connection, and imports and exports then wait behind them", concurrent,
                    poolSize);
        }
        this.turns = new Semaphore(concurrent, true);
        this.waitMillis = connectionWait.toMillis();
        Gauge.builder("clinicfinder.search.waiting", turns, Semaphore::getQueueLength)
                .description("Searches waiting for their turn in the database")
                .register(registry);
    }

    /**
     * Runs the work on a connection once the search's turn has come. A search whose turn does not come within the
     * pool's acquisition timeout fails as if the pool were exhausted: 503, with Retry-After. (A timeout of 0 is
     * the pool's "wait as long as it takes", here too.)
     */
    public <T> T run(InDatabase<T> work) throws SQLException {
        try {
            if (waitMillis == 0) {
                turns.acquire();
            } else if (!turns.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException(
                        "No turn in the database within the acquisition timeout of " + waitMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("Interrupted while waiting for a turn in the database", e);
        }
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } finally {
            turns.release();
        }
    }

    /** Searches waiting for a turn, for tests. */
    int waiting() {
        return turns.getQueueLength();
    }
}

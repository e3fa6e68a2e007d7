package org.clinicfinder.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
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
 * machine under 32 clients, a pool of four connections answered 20-60% more searches than a pool of ten
 * (docs/benchmarks.md). The pool itself stays larger, so that the imports and exports holding a connection for
 * minutes leave room for every turn, and searches never fill it.
 * <p>
 * The turns are threads of their own: a search waits for one in a queue, holding no thread. With a thread per
 * waiting search (the worker pool, in front of a semaphore), the threads parking and waking each other cost the
 * service about 40% of its CPU per search (docs/benchmarks.md).
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
    private final ThreadPoolExecutor turns;
    /** Ends the wait of searches whose turn does not come in time. */
    private final ScheduledThreadPoolExecutor deadlines;
    private final long waitMillis;
    /** Searches queued and not yet started or expired; expired ones stay in the queue until a thread skips them. */
    private final AtomicInteger waiting = new AtomicInteger();

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
        // The application's class loader for the turns' threads, as Quarkus's own threads have it.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        this.turns = new ThreadPoolExecutor(concurrent, concurrent, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), threads("search-turn", loader));
        this.deadlines = new ScheduledThreadPoolExecutor(1, threads("search-turn-deadline", loader));
        this.deadlines.setRemoveOnCancelPolicy(true);
        this.waitMillis = connectionWait.toMillis();
        Gauge.builder("clinicfinder.search.waiting", waiting, AtomicInteger::get)
                .description("Searches waiting for their turn in the database")
                .register(registry);
    }

    private static ThreadFactory threads(String name, ClassLoader loader) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        };
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
        // Searches still queued are answered, not left hanging.
        for (Runnable queued : turns.shutdownNow()) {
            ((Turn<?>) queued).expire(new SQLTransientConnectionException("The service is stopping"));
        }
    }

    /**
     * Runs the search on one of the turns' threads once its turn has come. A search whose turn does not come
     * within the pool's acquisition timeout fails as if the pool were exhausted (503, with Retry-After) and is
     * skipped when its turn comes. (A timeout of 0 is the pool's "wait as long as it takes", here too.) The search
     * runs without the request's CDI context: read what it needs from the request first.
     */
    public <T> CompletionStage<T> submit(Callable<T> search) {
        Turn<T> turn = new Turn<>(search);
        waiting.incrementAndGet();
        if (waitMillis > 0) {
            // Set before the turn can start, so that a started search always cancels it.
            turn.deadline = deadlines.schedule(() -> turn.expire(new SQLTransientConnectionException(
                    "No turn in the database within the acquisition timeout of " + waitMillis + " ms")),
                    waitMillis, TimeUnit.MILLISECONDS);
        }
        try {
            turns.execute(turn);
        } catch (RejectedExecutionException e) {
            turn.expire(new SQLTransientConnectionException("The service is stopping", e));
        }
        return turn.result;
    }

    /** Work on a connection of the pool, from a turn's thread (or a test's). */
    public <T> T run(InDatabase<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        }
    }

    /** Searches waiting for a turn. */
    int waiting() {
        return waiting.get();
    }

    /** A search in the queue: started by its turn or expired by its deadline, whichever comes first. */
    private final class Turn<T> implements Runnable {

        private static final int WAITING = 0;
        private static final int STARTED = 1;
        private static final int EXPIRED = 2;

        private final Callable<T> search;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private volatile ScheduledFuture<?> deadline;

        Turn(Callable<T> search) {
            this.search = search;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(WAITING, STARTED)) {
                return; // it gave up waiting
            }
            waiting.decrementAndGet();
            ScheduledFuture<?> pending = deadline;
            if (pending != null) {
                pending.cancel(false);
            }
            if (result.isDone()) {
                return; // its request was cancelled: the client went away
            }
            try {
                result.complete(search.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }

        void expire(SQLTransientConnectionException reason) {
            if (state.compareAndSet(WAITING, EXPIRED)) {
                waiting.decrementAndGet();
                result.completeExceptionally(reason);
            }
        }
    }
}

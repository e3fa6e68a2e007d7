package org.clinicfinder.common;

import java.util.Optional;

import jakarta.validation.constraints.Positive;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The product's own settings, under {@code clinic-finder.*}. Limits and defaults of the public API are not
 * here: they live in openapi.yaml, which the service enforces as written.
 */
@ConfigMapping(prefix = "clinic-finder")
public interface ClinicFinderConfig {

    Database database();

    Search search();

    /**
     * The address clients reach the service at (https://directory.example), where a proxy in front of it
     * changes scheme or host. The widget's frame and its calls are recognised as the service's own by it.
     * Unset: each request's own scheme and Host.
     */
    Optional<String> publicUrl();

    /**
     * The largest request body, except on operations that stream their body to disk and bound it themselves
     * ({@link StreamedBody}, such as an import upload).
     */
    @WithDefault("1M")
    MemorySize maxRequestBody();

    interface Database {
        /** Upper bound of every statement the service runs, in PostgreSQL's interval syntax ("5s"). */
        String statementTimeout();

        /** Retry-After, in seconds, sent with 503 answers while the database is unreachable or too slow. */
        @WithDefault("5")
        int retryAfterSeconds();
    }

    interface Search {
        /**
         * pg_trgm similarity (0 to 1) from which a word of free text is taken for a word of the directory; lower
         * tolerates more typos.
         */
        double textMatchThreshold();

        /**
         * Key that signs paging cursors so that a client cannot forge one. Instances behind one load balancer
         * must share it. When unset, each process draws its own, and cursors do not survive a restart.
         */
        Optional<String> cursorSecret();

        /**
         * How many searches may run in the database at once; the others wait their turn, first come first served,
         * as long as a request may wait for a connection. About twice the database server's cores.
         */
        @WithDefault("4")
        @Positive
        int concurrentQueries();
    }
}

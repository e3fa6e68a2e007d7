package org.clinicfinder.admin;

import java.nio.file.Path;
import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Admin sign-in and imports over HTTP, under {@code clinic-finder.admin.*}. */
@ConfigMapping(prefix = "clinic-finder.admin")
public interface AdminConfig {

    Login login();

    Imports imports();

    Export export();

    interface Export {
        /** Exports this instance streams at once (each holds a database connection); more get 429. */
        @WithDefault("2")
        int concurrent();

        /** How long an export waits for a client that has stopped reading before it gives up. */
        @WithDefault("60s")
        Duration idleTimeout();
    }

    interface Imports {
        /**
         * The largest list an upload takes. quarkus.http.limits.max-body-size must allow it (with room for a
         * multipart form's headers); other requests are held to clinic-finder.max-request-body.
         */
        @WithDefault("50M")
        MemorySize maxUploadSize();

        /** Imports this instance runs at once; more are refused (409) until one finishes. */
        @WithDefault("2")
        int concurrent();

        /** Where uploaded lists are kept while they are imported, and checked ones until they are published. */
        @WithDefault("${java.io.tmpdir}/clinic-finder-imports")
        Path directory();

        /** How long the file of a checked dry run is kept for publishing. */
        @WithDefault("24h")
        Duration keepCheckedFor();
    }

    interface Login {
        /** Failed sign-ins for one account after which each further attempt for it waits. */
        @WithDefault("3")
        int accountFailuresBeforeDelay();

        /** Failed sign-ins from one address after which each further attempt from it waits. */
        @WithDefault("10")
        int addressFailuresBeforeDelay();

        /** How long each attempt waits once failures pile up. */
        @WithDefault("1s")
        Duration delay();

        /** Failed sign-ins for one account within the lock window after which it is locked. */
        @WithDefault("10")
        int accountFailuresBeforeLock();

        /** Failed sign-ins from one address within the lock window after which it is locked out. */
        @WithDefault("30")
        int addressFailuresBeforeLock();

        /** The window failures are counted in; a lock lasts until the window is over. */
        @WithDefault("15m")
        Duration lockWindow();

        /**
         * bcrypt's cost (each step doubles the work) for passwords set from now on; a stored hash keeps the cost
         * it was made with. 10 or more in production; the tests lower it, since every sign-in pays it.
         */
        @WithDefault("10")
        int passwordHashCost();
    }
}

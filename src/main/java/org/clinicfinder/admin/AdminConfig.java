package org.clinicfinder.admin;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Admin sign-in, under {@code clinic-finder.admin.*}. */
@ConfigMapping(prefix = "clinic-finder.admin")
public interface AdminConfig {

    Login login();

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
    }
}

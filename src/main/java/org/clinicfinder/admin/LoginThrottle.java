package org.clinicfinder.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.clinicfinder.embed.RateCounterStore;

/**
 * Slows, then locks, repeated failed sign-ins for an account or from an address. Counted per lock window in
 * the {@link RateCounterStore} (per instance, like rate limits). Accounts that do not exist are counted like
 * the others, so that a lock says nothing about which emails have accounts.
 */
@ApplicationScoped
public class LoginThrottle {

    /** A refusal before the password is even checked: the account or address is locked for this long. */
    public static class LockedException extends RuntimeException {
        private final long retryAfterSeconds;

        LockedException(long retryAfterSeconds) {
            super("Too many failed sign-ins: locked for " + retryAfterSeconds + " seconds", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    @Inject
    RateCounterStore store;

    @Inject
    AdminConfig config;

    Clock clock = Clock.systemUTC();

    /**
     * Counts a sign-in attempt as failed before its password is checked, so that parallel guesses cannot get
     * past the lock while their checks run; {@link #succeeded} takes it back.
     *
     * @throws LockedException when the account or the address has failed too often in the current window
     */
    public void beginAttempt(String email, String address) {
        AdminConfig.Login login = config.login();
        Duration lifetime = login.lockWindow().plusSeconds(1);
        long accountFailures = store.increment(accountCounter(email), lifetime);
        long addressFailures = store.increment(addressCounter(address), lifetime);
        if (accountFailures > login.accountFailuresBeforeLock() || addressFailures > login.addressFailuresBeforeLock()) {
            throw new LockedException(secondsLeftInWindow());
        }
    }

    /** How long a failed attempt waits before it is answered. */
    public Duration delayAfterFailure(String email, String address) {
        AdminConfig.Login login = config.login();
        boolean slowed = store.current(accountCounter(email)) >= login.accountFailuresBeforeDelay()
                || store.current(addressCounter(address)) >= login.addressFailuresBeforeDelay();
        return slowed ? login.delay() : Duration.ZERO;
    }

    /** The attempt begun was right: it does not count as a failure. */
    public void succeeded(String email, String address) {
        store.decrement(accountCounter(email));
        store.decrement(addressCounter(address));
    }

    private String accountCounter(String email) {
        return "login-failures:account:" + email.strip().toLowerCase(Locale.ROOT) + ":" + windowIndex();
    }

    private String addressCounter(String address) {
        return "login-failures:address:" + address + ":" + windowIndex();
    }

    private long windowIndex() {
        return clock.instant().getEpochSecond() / config.login().lockWindow().toSeconds();
    }

    private long secondsLeftInWindow() {
        long window = config.login().lockWindow().toSeconds();
        return (windowIndex() + 1) * window - clock.instant().getEpochSecond();
    }
}

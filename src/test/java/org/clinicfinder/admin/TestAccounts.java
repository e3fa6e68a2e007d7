package org.clinicfinder.admin;

import java.util.UUID;

/** Admin accounts for tests: a fresh email each time, so that no test shares an account (or its lock). */
final class TestAccounts {

    static final String PASSWORD = "correct horse battery staple";

    private TestAccounts() {
    }

    /** Creates an account with the role and {@link #PASSWORD}, and answers its email. */
    static String create(AccountService accounts, AdminRole role) {
        String email = role.value() + "-" + UUID.randomUUID() + "@clinic-finder.example";
        accounts.create(email, role, PASSWORD, "test");
        return email;
    }

    /**
     * Counts failed sign-ins against the account as wrong passwords would, without their answers' delays: for
     * tests of what a locked account sees (the throttle itself is tested through real attempts).
     */
    static void failSignIns(LoginThrottle throttle, String email, int times) {
        for (int i = 0; i < times; i++) {
            try {
                throttle.beginAttempt(email, "192.0.2.1");
            } catch (LoginThrottle.LockedException locked) {
                return;
            }
        }
    }
}

package org.clinicfinder.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
class AdminCommandTest {

    @Test
    void shouldDisableAnAccountAndEnableItAgainOnTheRecord(QuarkusMainLauncher launcher) {
        String email = "leaver-" + UUID.randomUUID() + "@clinic-finder.example";
        // Any bcrypt hash: this account never signs in here (AdminSignInTest refuses a disabled one).
        TestDatabase.execute("INSERT INTO admin_account (email, password_hash, role) VALUES ('" + email
                + "', '$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z3hB1Xy1dY5o1iM6Q3u6G1xK', 'editor')");

        LaunchResult disabled = launcher.launch("admin", "disable", email);
        assertThat(disabled.exitCode()).as(disabled.getErrorOutput()).isZero();
        assertThat(disabled.getOutput()).contains("Disabled the account " + email);
        assertThat(account(email).get("disabled_at")).isNotNull();

        LaunchResult enabled = launcher.launch("admin", "enable", email);
        assertThat(enabled.exitCode()).as(enabled.getErrorOutput()).isZero();
        assertThat(account(email).get("disabled_at")).isNull();
        assertThat(TestDatabase.one("SELECT count(*) AS n FROM audit_event WHERE entity_id = '" + account(email).get("id")
                + "' AND actor = 'command line' AND action IN ('account.disable', 'account.enable')").get("n"))
                .isEqualTo(2L);

        LaunchResult unknown = launcher.launch("admin", "disable", "nobody-" + email);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.getErrorOutput()).contains("admin disable: no account has the email nobody-" + email)
                .doesNotContain("Exception");
        assertThat(launcher.launch("admin", "disable").exitCode()).isEqualTo(2);
    }

    private static Map<String, Object> account(String email) {
        return TestDatabase.one("SELECT id, disabled_at FROM admin_account WHERE email = '" + email + "'");
    }
}

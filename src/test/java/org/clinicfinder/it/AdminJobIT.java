package org.clinicfinder.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** {@code admin create} from the packaged artifact, with the password on standard input as a script gives it. */
class AdminJobIT {

    record Run(int exitCode, String output) {
    }

    private static Run run(String standardInput, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", "target/quarkus-app/quarkus-run.jar"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        TestDatabase.configure(builder);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            if (standardInput != null) {
                in.write(standardInput.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void shouldCreateAnAccountWithThePasswordFromStandardInput() throws Exception {
        String email = "first-admin-" + UUID.randomUUID() + "@clinic-finder.example";
        String password = "a long and secret passphrase";

        Run created = run(password + "\n", "admin", "create", email, "--role", "admin");

        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.output()).contains("Created the admin account " + email).doesNotContain(password);
        Map<String, Object> stored = TestDatabase.one("SELECT * FROM admin_account WHERE email = '" + email + "'");
        assertThat(stored.get("role")).isEqualTo("admin");
        assertThat((String) stored.get("password_hash")).startsWith("$2").doesNotContain(password);

        Run again = run(password + "\n", "admin", "create", email.toUpperCase(), "--role", "editor");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.output()).contains("exists already");
    }

    @Test
    void shouldRefuseAWeakOrMissingPasswordAndAnUnknownRole() throws Exception {
        String email = "someone-" + UUID.randomUUID() + "@clinic-finder.example";
        Run shortPassword = run("short\n", "admin", "create", email, "--role", "editor");
        assertThat(shortPassword.exitCode()).isEqualTo(2);
        assertThat(shortPassword.output()).contains("at least 12 characters");

        Run noPassword = run(null, "admin", "create", email, "--role", "editor");
        assertThat(noPassword.exitCode()).isEqualTo(2);
        assertThat(noPassword.output()).contains("no password on standard input");

        Run badRole = run("a long and secret passphrase\n", "admin", "create", email, "--role", "owner");
        assertThat(badRole.exitCode()).isEqualTo(2);
        assertThat(badRole.output()).contains("admin or editor");

        Run badEmail = run("a long and secret passphrase\n", "admin", "create", "not-an-email", "--role", "editor");
        assertThat(badEmail.exitCode()).isEqualTo(2);
        assertThat(TestDatabase.count("SELECT count(*) FROM admin_account WHERE email = '" + email + "'")).isZero();
    }
}

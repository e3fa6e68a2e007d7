package org.clinicfinder.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged artifact run as an admin runs the job: its own process, its exit code, its output. */
class ImportJobIT {

    @TempDir
    Path dir;

    record Run(int exitCode, String output) {
    }

    private static Run run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", "target/quarkus-app/quarkus-run.jar"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void shouldImportWithoutTakingAnHttpPort() throws Exception {
        TestDatabase.clean();
        Path file = dir.resolve("list.csv");
        Files.writeString(file, "name,city,country,credential_title,credential_issuer\nJob Clinic,Dublin,IE,Diploma,Academy\n");

        Run run = run(Map.of(), "import", file.toString(), "--source", "job");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Published " + file).contains("1 inserted")
                .doesNotContain("Listening on: http").doesNotContain("__  ____");
    }

    @Test
    void shouldExitWithFiveAndAPlainMessageWhenTheDatabaseIsUnreachable() throws Exception {
        Path file = dir.resolve("list.csv");
        Files.writeString(file, "name,city,country\nX,Dublin,IE\n");

        Run run = run(Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/nowhere"), "import",
                file.toString(), "--source", "job");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(5);
        assertThat(run.output()).contains("import: the database is unreachable")
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void shouldPrintHelpWithoutStartingTheService() throws Exception {
        Run run = run(Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/nowhere"), "--help");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Usage: clinic-finder").contains("import").doesNotContain("Listening on");
    }
}

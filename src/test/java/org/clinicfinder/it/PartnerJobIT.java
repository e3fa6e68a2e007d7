package org.clinicfinder.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code partner} run from the packaged artifact, as an admin runs it, so that scripts can capture the key. */
class PartnerJobIT {

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheNewKeyAloneOnStandardOutput() throws IOException, InterruptedException {
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-jar", "target/quarkus-app/quarkus-run.jar",
                "partner", "add", "Packaged partner", "--origin", "https://packaged.example"))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        TestDatabase.configure(builder);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(errors).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).matches("pk_[A-Za-z0-9_-]{32}\\R");
        assertThat(errors).contains("Added partner \"Packaged partner\"").doesNotContain("Listening on");
    }
}

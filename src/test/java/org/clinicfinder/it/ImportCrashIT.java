package org.clinicfinder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.TestDatabase.count;
import static org.clinicfinder.testing.TestDatabase.one;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All or nothing: the packaged import job, killed with SIGKILL while it reads, while it publishes, and at random
 * moments from its launch on, leaves the directory exactly as it was each time; the next run completes with exact
 * counts. The random moments come from a seed that a failure names ({@code -Dcrash.seed=N} repeats them).
 */
class ImportCrashIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String SNAPSHOT = "SELECT coalesce(md5(string_agg(p::text, '|' ORDER BY p.id)), '') AS digest"
            + " FROM provider p";
    private static final int BASELINE = 2_000;
    private static final int BIG = 60_000;
    private static final int RANDOM_KILLS = 2;

    @TempDir
    Path dir;

    @Test
    void shouldLeaveTheDirectoryUnchangedWhenAnImportIsKilledAndCompleteTheNextRun() throws Exception {
        TestDatabase.clean();
        Path baseline = write("baseline.csv", 0, BASELINE, "+44 20 7946 0000");
        Process first = job(baseline, dir.resolve("baseline.log"));
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(dir.resolve("baseline.log"))).isZero();
        String before = (String) one(SNAPSHOT).get("digest");

        // The big list keeps the baseline's second half with new phones, drops its first half, adds the rest.
        Path big = write("big.csv", BASELINE / 2, BASELINE / 2 + BIG, "+44 20 7946 0999");

        Path readingLog = dir.resolve("reading.log");
        Process reading = job(big, readingLog);
        awaitOrFail(() -> count("SELECT count(*) FROM import_run WHERE status = 'running' AND rows_read > 5000") > 0,
                reading, readingLog);
        reading.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(one(SNAPSHOT).get("digest")).isEqualTo(before);

        Path publishingLog = dir.resolve("publishing.log");
        long launched = System.nanoTime();
        Process publishing = job(big, publishingLog);
        awaitOrFail(() -> logSays(publishingLog, "publishing"), publishing, publishingLog);
        publishing.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long untilPublishing = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
        assertThat(one(SNAPSHOT).get("digest")).as("directory after a kill while publishing").isEqualTo(before);

        // Anywhere from the launch to near the start of publishing (with a margin for a run faster than the one
        // timed): the JVM's start, the schema check, reading and staging.
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int kill = 1; kill <= RANDOM_KILLS; kill++) {
            long after = (long) (random.nextDouble() * 0.8 * untilPublishing);
            Path log = dir.resolve("random-" + kill + ".log");
            Process killed = job(big, log);
            Thread.sleep(after);
            assertThat(killed.isAlive()).as("seed %d: the job still runs %d ms after its launch", seed, after).isTrue();
            killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(one(SNAPSHOT).get("digest"))
                    .as("seed %d: directory after a kill %d ms after the launch; %s", seed, after, Files.readString(log))
                    .isEqualTo(before);
        }

        Path completeLog = dir.resolve("complete.log");
        Process complete = job(big, completeLog);
        assertThat(complete.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(complete.exitValue()).as(Files.readString(completeLog)).isZero();
        assertThat(one("SELECT status, inserted, updated, unchanged, unpublished FROM import_run"
                + " ORDER BY started_at DESC LIMIT 1"))
                .containsEntry("status", "published")
                .containsEntry("inserted", (long) BIG - BASELINE / 2)
                .containsEntry("updated", (long) BASELINE / 2)
                .containsEntry("unchanged", 0L)
                .containsEntry("unpublished", (long) BASELINE / 2);
        assertThat(count("SELECT count(*) FROM provider WHERE published")).isEqualTo(BIG);
        assertThat(count("SELECT count(*) FROM provider WHERE NOT published AND unpublished_at IS NOT NULL"))
                .isEqualTo(BASELINE / 2);
        // A kill before the job recorded its run leaves none; every run a killed job recorded is marked abandoned.
        assertThat(count("SELECT count(*) FROM import_run WHERE status = 'abandoned'")).isBetween(2L, 2L + RANDOM_KILLS);
        assertThat(count("SELECT count(*) FROM import_run WHERE status = 'running'")).isZero();
    }

    private Path write(String name, int from, int to, String phone) throws IOException {
        return GeneratedList.write(dir.resolve(name), "C", "Crash Test Clinic", from, to, phone);
    }

    private static Process job(Path file, Path log) throws IOException {
        return new ProcessBuilder("java", "-Xmx256m", "-jar", JAR.toString(), "import", file.toString(), "--source",
                "crash test", "--mode", "sync", "--progress", "log")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static boolean logSays(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitOrFail(BooleanSupplier condition, Process process, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("the job ended before it could be killed: " + Files.readString(log));
            }
            if (Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new AssertionError("timed out; log so far: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }
}

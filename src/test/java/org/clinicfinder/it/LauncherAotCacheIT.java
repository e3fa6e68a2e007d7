package org.clinicfinder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/clinic-finder on JDK 25 or newer: the first start after a build records the service's AOT cache, which
 * is written as it stops; the next start loads it; a cache older than the build's jars is recorded again. Runs
 * where such a JDK is installed under /usr/lib/jvm (or named by CLINIC_FINDER_TEST_JDK25); JDK 17, the build's
 * own, starts the service without a cache in the other integration tests and the benchmark's smoke run.
 */
class LauncherAotCacheIT {

    private static final Pattern FEATURE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    @TempDir
    Path dir;

    private Process service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldRecordTheAotCacheOnceAndLoadItOnTheNextStart() throws Exception {
        Optional<Path> jdk = jdk25();
        assumeTrue(jdk.isPresent(), "no JDK 25 or newer installed");
        Path cache = dir.resolve("service.aot");

        start(jdk.get(), cache, "first");
        assertThat(commandLine()).contains("-XX:AOTCacheOutput=" + cache).doesNotContain("-XX:AOTCache=");
        stopAndWait();
        assertThat(cache).as(log("first")).exists();
        assertThat(Files.size(cache)).isGreaterThan(1_000_000);

        start(jdk.get(), cache, "second");
        assertThat(commandLine()).contains("-XX:AOTCache=" + cache).doesNotContain("AOTCacheOutput");
        assertThat(log("second")).doesNotContainIgnoringCase("[warning]").doesNotContainIgnoringCase("[error]");
        stopAndWait();

        // A cache recorded before the last build no longer matches its jars: it is recorded again.
        Files.setLastModifiedTime(cache, FileTime.fromMillis(0));
        start(jdk.get(), cache, "third");
        assertThat(commandLine()).contains("-XX:AOTCacheOutput=" + cache);
    }

    private void start(Path jdk, Path cache, String name) throws Exception {
        int port = ServiceProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(List.of("scripts/clinic-finder")).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("JAVA_HOME", jdk.toString());
        builder.environment().put("CLINIC_FINDER_AOT_CACHE", cache.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        TestDatabase.configure(builder);
        service = builder.start();
        ServiceProcess.awaitReady(service, port, () -> log(name));
    }

    /** The JVM's own command line: the launcher execs it, so the process started is the JVM. */
    private String commandLine() throws IOException {
        return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(service.pid()), "cmdline")),
                StandardCharsets.UTF_8).replace('\0', ' ');
    }

    /** SIGTERM, as a deployment stops the service, and time to write the cache. */
    private void stopAndWait() throws InterruptedException {
        service.destroy();
        assertThat(service.waitFor(120, TimeUnit.SECONDS)).isTrue();
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Optional<Path> jdk25() throws IOException {
        String named = System.getenv("CLINIC_FINDER_TEST_JDK25");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> featureVersion(home) >= 25 && Files.isExecutable(home.resolve("bin/java")))
                    .sorted()
                    .findFirst();
        }
    }

    private static int featureVersion(Path home) {
        try {
            Matcher matcher = FEATURE_VERSION.matcher(Files.readString(home.resolve("release")));
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

package org.clinicfinder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database out of disk while an import writes: the job stops with a message that says so, the directory is
 * exactly as it was, and once there is room again the next import completes. The database's tables live on a
 * small file system of their own (a tmpfs tablespace on a PostgreSQL cluster of the test's own), so that only
 * this test runs out of space. Mounting it takes root, which the CI machines are.
 */
class DiskFullIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String SNAPSHOT = "SELECT coalesce(md5(string_agg(p::text, '|' ORDER BY p.id)), '') FROM provider p";

    @TempDir
    Path dir;

    private PrivateCluster cluster;
    private Path space;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (space != null) {
            new ProcessBuilder("umount", space.toString()).start().waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(space);
        }
    }

    @Test
    void shouldStopAnImportThatFillsTheDiskAndLeaveTheDirectoryAsItWas() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small file system takes root");
        cluster = PrivateCluster.create();
        space = Files.createTempDirectory("clinic-finder-tablespace-");
        run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", space.toString());
        run("chown", "postgres:postgres", space.toString());
        try (Connection connection = cluster.connect("postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLESPACE small OWNER " + PrivateCluster.ROLE + " LOCATION '" + space + "'");
            statement.execute("ALTER DATABASE " + PrivateCluster.DATABASE + " SET TABLESPACE small");
        }

        Path baseline = write("baseline.csv", 500);
        Job first = job(baseline);
        assertThat(first.exit()).as(first.output()).isZero();
        String before = snapshot();

        Job filling = job(write("big.csv", 50_000));
        assertThat(filling.exit()).as(filling.output()).isEqualTo(5);
        String message = filling.output().substring(0, filling.output().indexOf("database log:"));
        assertThat(message).as("the job's message")
                .contains("the database has no disk space left; nothing was published", "No space left on device")
                .doesNotContain("Exception", "\tat ");
        assertThat(snapshot()).as("the directory after the failed import").isEqualTo(before);

        // The failed run's files are gone with its transaction: the same small list goes in again.
        Job again = job(write("again.csv", 600));
        assertThat(again.exit()).as(again.output()).isZero();
        try (Connection connection = cluster.connect(PrivateCluster.DATABASE, "postgres");
                Statement statement = connection.createStatement();
                ResultSet published = statement.executeQuery("SELECT count(*) FROM provider WHERE published")) {
            published.next();
            assertThat(published.getLong(1)).isEqualTo(600);
        }
    }

    private record Job(int exit, String output) {
    }

    private Job job(Path file) throws Exception {
        Path log = dir.resolve(file.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", JAR.toString(), "import",
                file.toString(), "--source", "disk test", "--mode", "sync")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", cluster.jdbcUrl());
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", PrivateCluster.ROLE);
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", PrivateCluster.ROLE);
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the job ends").isTrue();
        return new Job(process.exitValue(), Files.readString(log) + "\ndatabase log:\n" + cluster.log());
    }

    private String snapshot() throws Exception {
        try (Connection connection = cluster.connect(PrivateCluster.DATABASE, "postgres");
                Statement statement = connection.createStatement();
                ResultSet digest = statement.executeQuery(SNAPSHOT)) {
            digest.next();
            return digest.getString(1);
        }
    }

    private Path write(String name, int rows) throws IOException {
        return GeneratedList.write(dir.resolve(name), "D", "Disk Test Clinic", 0, rows, "+44 20 7946 0000");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}

package org.clinicfinder.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own, made with the installed server's initdb and driven with pg_ctl, so that
 * a test can stop and start the database under a running service without touching the one other tests share.
 * It listens on 127.0.0.1 only, trusts local connections and keeps its socket in its own directory. As root,
 * the server's programs run as the postgres user: PostgreSQL refuses to run as root.
 */
final class PrivateCluster implements AutoCloseable {

    static final String ROLE = "clinic_finder";
    static final String DATABASE = "clinic_finder";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private PrivateCluster(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** A new cluster, started, with the service's role and an empty database carrying its extensions. */
    static PrivateCluster create() throws Exception {
        Path bin = serverBin();
        Path dir = Files.createTempDirectory("clinic-finder-cluster-");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        PrivateCluster cluster = new PrivateCluster(bin, dir, ServiceProcess.freePort(), root);
        cluster.server("initdb", "-D", cluster.data().toString(), "-A", "trust", "-U", "postgres", "--no-sync",
                "-E", "UTF8", "--locale=C.UTF-8");
        cluster.start();
        try (Connection connection = cluster.connect("postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + ROLE + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
        }
        try (Connection connection = cluster.connect(DATABASE, "postgres");
                Statement statement = connection.createStatement()) {
            for (String extension : List.of("pg_trgm", "unaccent", "cube", "earthdistance")) {
                statement.execute("CREATE EXTENSION " + extension);
            }
        }
        return cluster;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    Connection connect(String database, String user) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, user, user);
    }

    void start() throws Exception {
        // fsync off: the test stops the server cleanly or throws the cluster away.
        server("pg_ctl", "-D", data().toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /** Stops the server the way an operator restarting it does: active sessions are ended at once. */
    void stop() throws Exception {
        server("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                server("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void server(String program, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        run(command);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** The newest installed server's programs (Debian keeps them out of PATH). */
    private static Path serverBin() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        try (Stream<Path> installed = Files.list(versions)) {
            return installed.map(version -> version.resolve("bin"))
                    .filter(candidate -> Files.isExecutable(candidate.resolve("initdb")))
                    .max(Comparator.comparingInt(candidate -> Integer.parseInt(
                            candidate.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("No PostgreSQL server under " + versions));
        }
    }
}

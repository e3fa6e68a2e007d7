package org.clinicfinder.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database restarted while the packaged service is under load, on a PostgreSQL cluster of the test's own.
 * While it is down, readiness is DOWN and every API call fails fast with 503 problem+json and Retry-After; within
 * five seconds of its return every call succeeds again, without a restart of the service and without a dead
 * connection left in the pool (one would fail a later request).
 */
class DatabaseRestartIT {

    private static final int CLIENTS = 6;
    private static final Duration DOWN_FOR = Duration.ofSeconds(4);
    private static final Duration RECOVERY = Duration.ofSeconds(5);
    private static final Duration FAIL_FAST = Duration.ofSeconds(5);
    private static final List<String> PATHS = List.of("/api/v1/providers?country=GB&city=London",
            "/api/v1/providers?country=DE&treatment=acne-scars", "/api/v1/providers?q=clinic");

    /** One request of the load: when it was sent and answered (System.nanoTime), and what came back. */
    private record Outcome(long sent, long answered, int status, String contentType, String retryAfter, String body) {

        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(answered - sent);
        }
    }

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private PrivateCluster cluster;
    private Process service;
    private int port;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void shouldFailFastWhileTheDatabaseIsDownAndRecoverWithoutARestart() throws Exception {
        cluster = PrivateCluster.create();
        startService();
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            int first = i;
            clients.submit(() -> {
                for (int n = first; loading.get(); n++) {
                    outcomes.add(get(PATHS.get(n % PATHS.size())));
                }
                return null;
            });
        }

        Thread.sleep(2_000);
        long stopping = System.nanoTime();
        cluster.stop();
        long stopped = System.nanoTime();
        Thread.sleep(DOWN_FOR.toMillis() / 2);
        Outcome readinessWhileDown = get("/q/health/ready");
        Thread.sleep(DOWN_FOR.toMillis() / 2);
        long starting = System.nanoTime();
        cluster.start();
        long started = System.nanoTime();
        Thread.sleep(RECOVERY.toMillis() + 3_000);
        loading.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        String context = "service log:\n" + log() + "\ndatabase log:\n" + cluster.log();

        assertThat(readinessWhileDown.status()).as(context).isEqualTo(503);
        assertThat(readinessWhileDown.body()).contains("DOWN");
        List<Outcome> all = List.copyOf(outcomes);
        assertThat(all).as("the load's answers").allSatisfy(outcome -> {
            assertThat(outcome.status()).as(outcome.body()).isIn(200, 503);
            assertThat(outcome.body()).doesNotContain("Exception", "\tat ");
            if (outcome.status() == 503) {
                assertThat(outcome.contentType()).startsWith("application/problem+json");
                assertThat(outcome.retryAfter()).matches("\\d+");
                assertThat(outcome.body()).contains("\"status\":503");
            }
        });
        List<Outcome> whileDown = all.stream()
                .filter(outcome -> outcome.sent() > stopped && outcome.answered() < starting).toList();
        assertThat(whileDown).as("requests sent and answered while the database was down").isNotEmpty()
                .allSatisfy(outcome -> {
                    assertThat(outcome.status()).isEqualTo(503);
                    assertThat(outcome.millis()).as("milliseconds to the answer").isLessThan(FAIL_FAST.toMillis());
                });
        assertThat(all.stream().filter(outcome -> outcome.answered() > stopping && outcome.sent() < started))
                .as("requests around the restart answer within the fail-fast bound")
                .allSatisfy(outcome -> assertThat(outcome.millis()).isLessThan(FAIL_FAST.toMillis() * 2));
        long recovered = started + RECOVERY.toNanos();
        List<Outcome> afterRecovery = all.stream().filter(outcome -> outcome.sent() > recovered).toList();
        assertThat(afterRecovery).as("requests from five seconds after the database's return").isNotEmpty()
                .allSatisfy(outcome -> assertThat(outcome.status()).as(outcome.body()).isEqualTo(200));

        assertThat(get("/q/health/ready").status()).isEqualTo(200);

        // Restarted again while the service is idle: its pooled connections are dead when the next requests come,
        // and none of those requests may fail for it.
        cluster.stop();
        cluster.start();
        Thread.sleep(1_500);
        for (int i = 0; i < 30; i++) {
            Outcome outcome = get(PATHS.get(i % PATHS.size()));
            assertThat(outcome.status()).as(outcome.body()).isEqualTo(200);
        }
        try (Connection connection = cluster.connect("postgres", "postgres");
                Statement statement = connection.createStatement();
                ResultSet sessions = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE usename = '" + PrivateCluster.ROLE + "'")) {
            sessions.next();
            assertThat(sessions.getInt(1)).as("the service's connections").isBetween(1, 10);
        }
    }

    private void startService() throws Exception {
        port = ServiceProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-jar", "target/quarkus-app/quarkus-run.jar"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", cluster.jdbcUrl());
        environment.put("QUARKUS_DATASOURCE_USERNAME", PrivateCluster.ROLE);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", PrivateCluster.ROLE);
        // The load comes from one address: the anonymous limit would answer most of it with 429.
        environment.put("CLINIC_FINDER_PARTNERS_ANONYMOUS_RATE", "100000000/min");
        service = builder.start();
        ServiceProcess.awaitReady(service, port, this::log);
    }

    private Outcome get(String path) {
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Outcome(sent, System.nanoTime(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(""), response.body());
        } catch (IOException | InterruptedException e) {
            return new Outcome(sent, System.nanoTime(), -1, "", "", e.toString());
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("service.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}

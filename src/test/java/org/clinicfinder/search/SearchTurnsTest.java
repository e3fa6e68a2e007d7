package org.clinicfinder.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.clinicfinder.common.ClinicFinderConfig;
import org.clinicfinder.testing.DirectoryTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Searches take turns in the database: no more than clinic-finder.search.concurrent-queries at once, the others
 * queued in order and answered 503 if their turn does not come in time, while the rest of the connection pool
 * stays free for other work.
 */
@QuarkusTest
class SearchTurnsTest extends DirectoryTest {

    @Inject
    SearchTurns turns;

    @Inject
    ClinicFinderConfig config;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Future<?>> holders = new ArrayList<>();
    private UUID listed;

    @BeforeEach
    void provider() {
        listed = providers.provider("Harbourside Skin Clinic").in("Dublin", "Leinster", "IE", 53.3458, -6.2435)
                .insert();
    }

    @AfterEach
    void releaseTurns() throws Exception {
        release.countDown();
        try {
            for (Future<?> holder : holders) {
                holder.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Takes every turn, each held in the database until the test releases them. */
    private void takeEveryTurn() throws InterruptedException {
        int concurrent = config.search().concurrentQueries();
        CountDownLatch inside = new CountDownLatch(concurrent);
        for (int i = 0; i < concurrent; i++) {
            holders.add(turns.submit(() -> turns.run(connection -> {
                inside.countDown();
                try (var statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                return awaitRelease();
            })).toCompletableFuture());
        }
        assertThat(inside.await(10, TimeUnit.SECONDS)).as("every turn taken").isTrue();
    }

    private boolean awaitRelease() {
        try {
            return release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void shouldQueueASearchUntilATurnIsFree() throws Exception {
        takeEveryTurn();

        CompletableFuture<Response> search = CompletableFuture.supplyAsync(
                () -> api().get("/api/v1/providers?country=IE&city=Dublin"), threads);
        awaitWaiting(1);
        assertThat(search).as("the search waits for a turn").isNotDone();

        release.countDown();
        Response answer = search.get(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getString("items[0].name")).isEqualTo("Harbourside Skin Clinic");
        assertThat(turns.waiting()).isZero();
    }

    @Test
    void shouldAnswer503WhenNoTurnComesInTime() throws Exception {
        takeEveryTurn();

        api().get("/api/v1/providers/" + listed).then()
                .statusCode(503).contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("/problems/service-unavailable"));
        assertThat(turns.waiting()).as("a search that gave up leaves the queue").isZero();

        release.countDown();
        api().get("/api/v1/providers/" + listed).then().statusCode(200);
    }

    @Test
    void shouldLeaveTheRestOfThePoolToOtherWork() throws Exception {
        takeEveryTurn();

        // The readiness probe takes a connection of its own from the pool, as imports, exports and the admin
        // API do: none of them queue behind searches.
        api().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private void awaitWaiting(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (turns.waiting() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(turns.waiting()).as("searches waiting for a turn").isEqualTo(expected);
    }
}

package org.clinicfinder.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.clinicfinder.testing.DirectoryTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many requests holding one key at the moment its cache entry has expired: one lookup, charged once. */
@QuarkusTest
class PartnerRegistryTest extends DirectoryTest {

    private static final int REQUESTS = 16;

    @Inject
    PartnerService partners;

    @Inject
    PartnerRegistry registry;

    private ExecutorService requests;

    @BeforeEach
    void requestThreads() {
        requests = Executors.newFixedThreadPool(REQUESTS);
        registry.forgetAll();
    }

    @AfterEach
    void stopThreads() {
        requests.shutdownNow();
    }

    @Test
    void shouldLookUpAKeyOnceWhileManyRequestsWaitForIt() throws Exception {
        String key = newPartnersKey("Lookup once");

        LookupCharges charges = new LookupCharges();
        List<Optional<PartnerAccess>> found = findTogether(key, charges);

        assertThat(charges.count()).as("lookups charged").isEqualTo(1);
        assertThat(found).hasSize(REQUESTS).allSatisfy(access -> assertThat(access).get()
                .extracting(PartnerAccess::name).isEqualTo("Lookup once"));
    }

    @Test
    void shouldLookUpAnUnknownKeyOnceToo() throws Exception {
        LookupCharges charges = new LookupCharges();
        List<Optional<PartnerAccess>> found = findTogether(PartnerKeys.generate(), charges);

        assertThat(charges.count()).as("lookups charged").isEqualTo(1);
        assertThat(found).hasSize(REQUESTS).allSatisfy(access -> assertThat(access).isEmpty());
    }

    @Test
    void shouldLetTheOthersLookUpOnTheirOwnAccountWhenTheFirstIsRefused() throws Exception {
        String key = newPartnersKey("Refused first");
        CountDownLatch firstInFlight = new CountDownLatch(1);
        Future<Optional<PartnerAccess>> refused = requests.submit(() -> registry.find(key, () -> {
            firstInFlight.countDown();
            // Refused only once the other request waits for this lookup.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (registry.waiting() == 0 && System.nanoTime() < deadline) {
                pause(10);
            }
            throw new IllegalStateException("over this address's quota");
        }));
        AtomicInteger othersCharged = new AtomicInteger();
        Future<Optional<PartnerAccess>> other = requests.submit(() -> {
            firstInFlight.await();
            return registry.find(key, othersCharged::incrementAndGet);
        });

        assertThatThrownBy(() -> refused.get(20, TimeUnit.SECONDS)).hasRootCauseMessage("over this address's quota");
        assertThat(other.get(10, TimeUnit.SECONDS)).get().extracting(PartnerAccess::name).isEqualTo("Refused first");
        assertThat(othersCharged).hasValue(1);
    }

    /** A new partner's key, not yet in the cache. */
    private String newPartnersKey(String name) {
        String key = partners.add(name, List.of("https://site.example"), RatePolicy.valueOf("10/h"), "test").key();
        registry.forgetAll();
        return key;
    }

    /** Starts {@link #REQUESTS} lookups of one key at once and gathers their answers. */
    private List<Optional<PartnerAccess>> findTogether(String key, LookupCharges charges) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<PartnerAccess>>> pending = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            pending.add(requests.submit(() -> {
                start.await();
                return registry.find(key, charges::charge);
            }));
        }
        start.countDown();
        List<Optional<PartnerAccess>> found = new ArrayList<>();
        for (Future<Optional<PartnerAccess>> answer : pending) {
            found.add(answer.get(30, TimeUnit.SECONDS));
        }
        return found;
    }

    /**
     * Counts charges. The first holds its lookup back for a while, so that every other request arrives while
     * it is in flight; it lets go early if a second charge shows that they do not wait for it.
     */
    private static final class LookupCharges {
        private final AtomicInteger charged = new AtomicInteger();
        private final CountDownLatch secondCharge = new CountDownLatch(1);

        void charge() {
            if (charged.incrementAndGet() == 1) {
                try {
                    secondCharge.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                secondCharge.countDown();
            }
        }

        int count() {
            return charged.get();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.clinicfinder.embed;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Finds the partner behind a key. Answers are kept for a short while ({@code clinic-finder.partners.key-cache-ttl})
 * so that embedded searches cost no extra query; a key revoked by another process stops working within that
 * time, one revoked through this process at once. Unknown keys are remembered apart, in a smaller cache, so
 * that guessed keys cannot push real ones out. A key is looked up by one request at a time: when its cache
 * entry expires under load, the other requests holding it wait for that lookup instead of each costing (and
 * being charged for) one of their own.
 */
@ApplicationScoped
public class PartnerRegistry {

    private final Cache<String, PartnerAccess> known;
    private final Cache<String, Boolean> unknown;
    private final ConcurrentMap<String, CompletableFuture<Optional<PartnerAccess>>> lookups = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    @Inject
    public PartnerRegistry(PartnersConfig config) {
        this.known = Caffeine.newBuilder().expireAfterWrite(config.keyCacheTtl()).maximumSize(10_000).build();
        this.unknown = Caffeine.newBuilder().expireAfterWrite(config.keyCacheTtl()).maximumSize(1_000).build();
    }

    /**
     * The active partner holding this key; empty for a malformed, unknown or revoked key.
     *
     * @param beforeDatabaseLookup runs when the answer is not cached, before the database is asked: the
     *                             caller charges the lookup to someone's quota there, and may refuse it by throwing
     */
    public Optional<PartnerAccess> find(String key, Runnable beforeDatabaseLookup) {
        if (key == null || !PartnerKeys.FORMAT.matcher(key).matches()) {
            return Optional.empty();
        }
        String keyHash = PartnerKeys.hash(key);
        while (true) {
            Optional<Optional<PartnerAccess>> cached = cached(keyHash);
            if (cached.isPresent()) {
                return cached.get();
            }
            CompletableFuture<Optional<PartnerAccess>> mine = new CompletableFuture<>();
            CompletableFuture<Optional<PartnerAccess>> running = lookups.putIfAbsent(keyHash, mine);
            if (running == null) {
                return lookUp(keyHash, mine, beforeDatabaseLookup);
            }
            waiting.incrementAndGet();
            try {
                return running.join();
            } catch (CompletionException failed) {
                if (!(failed.getCause() instanceof ChargeRefused)) {
                    throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
                }
                // The lookup in flight was refused to its own caller (its address's quota): this caller tries
                // on its own account.
            } finally {
                waiting.decrementAndGet();
            }
        }
    }

    /**
     * The answer for this key if it needs no database lookup (a malformed key, or one whose answer is cached), else
     * empty: what a caller on a thread that must not block can settle without {@link #find}.
     */
    public Optional<Optional<PartnerAccess>> findWithoutLookup(String key) {
        if (key == null || !PartnerKeys.FORMAT.matcher(key).matches()) {
            return Optional.of(Optional.empty());
        }
        return cached(PartnerKeys.hash(key));
    }

    private Optional<Optional<PartnerAccess>> cached(String keyHash) {
        PartnerAccess known = this.known.getIfPresent(keyHash);
        if (known != null) {
            return Optional.of(Optional.of(known));
        }
        if (unknown.getIfPresent(keyHash) != null) {
            return Optional.of(Optional.empty());
        }
        return Optional.empty();
    }

    private Optional<PartnerAccess> lookUp(String keyHash, CompletableFuture<Optional<PartnerAccess>> result,
            Runnable beforeDatabaseLookup) {
        boolean charged = false;
        try {
            // Another request may have finished the lookup between this one's cache check and its turn.
            Optional<Optional<PartnerAccess>> cached = cached(keyHash);
            if (cached.isPresent()) {
                settle(keyHash, result, cached.get(), null);
                return cached.get();
            }
            beforeDatabaseLookup.run();
            charged = true;
            Optional<PartnerAccess> loaded = QuarkusTransaction.joiningExisting().call(() -> Partner
                    .findByKeyHash(keyHash)
                    .filter(partner -> partner.revokedAt == null)
                    .map(PartnerAccess::of));
            loaded.ifPresentOrElse(access -> known.put(keyHash, access), () -> unknown.put(keyHash, Boolean.TRUE));
            settle(keyHash, result, loaded, null);
            return loaded;
        } catch (Throwable failure) {
            // A refused charge is this caller's alone; any other failure (the database's) is the waiting ones' too.
            settle(keyHash, result, null, charged ? failure : new ChargeRefused());
            throw failure;
        }
    }

    /** Ends a lookup: out of the map first, so that no request joins a lookup that has ended. */
    private void settle(String keyHash, CompletableFuture<Optional<PartnerAccess>> result,
            Optional<PartnerAccess> found, Throwable failure) {
        lookups.remove(keyHash, result);
        if (failure == null) {
            result.complete(found);
        } else {
            result.completeExceptionally(failure);
        }
    }

    /** Requests waiting for another's lookup of their key; for tests. */
    int waiting() {
        return waiting.get();
    }

    /** The lookup's own caller was refused before the database was asked. */
    private static final class ChargeRefused extends RuntimeException {
        ChargeRefused() {
            super(null, null, false, false);
        }
    }

    /** After a change to partners: the next request reads them afresh. */
    void forgetAll() {
        known.invalidateAll();
        unknown.invalidateAll();
    }
}

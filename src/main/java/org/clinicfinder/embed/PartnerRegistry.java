package org.clinicfinder.embed;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Finds the partner behind a key. Answers are kept for a short while ({@code clinic-finder.partners.key-cache-ttl})
 * so that embedded searches cost no extra query; a key revoked by another process stops working within that
 * time, one revoked through this process at once. Unknown keys are remembered apart, in a smaller cache, so
 * that guessed keys cannot push real ones out.
 */
@ApplicationScoped
public class PartnerRegistry {

    private final Cache<String, PartnerAccess> known;
    private final Cache<String, Boolean> unknown;

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
        PartnerAccess cached = known.getIfPresent(keyHash);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (unknown.getIfPresent(keyHash) != null) {
            return Optional.empty();
        }
        beforeDatabaseLookup.run();
        Optional<PartnerAccess> loaded = QuarkusTransaction.joiningExisting().call(() -> Partner.findByKeyHash(keyHash)
                .filter(partner -> partner.revokedAt == null)
                .map(PartnerAccess::of));
        loaded.ifPresentOrElse(access -> known.put(keyHash, access), () -> unknown.put(keyHash, Boolean.TRUE));
        return loaded;
    }

    /** After a change to partners: the next request reads them afresh. */
    void forgetAll() {
        known.invalidateAll();
        unknown.invalidateAll();
    }
}

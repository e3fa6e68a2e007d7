package org.clinicfinder.embed;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Creating, listing and revoking partners and their keys. */
@ApplicationScoped
public class PartnerService {

    /** A partner as listed: everything but the key, which nobody can read back. */
    public record PartnerView(UUID id, String name, String keyHint, List<String> origins, RatePolicy rate,
            OffsetDateTime createdAt, OffsetDateTime revokedAt) {

        static PartnerView of(Partner partner) {
            PartnerAccess access = PartnerAccess.of(partner);
            return new PartnerView(partner.id, partner.name, partner.keyHint, List.copyOf(partner.origins),
                    access.rate(), partner.createdAt, partner.revokedAt);
        }

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A new partner and its key, which is shown this once. */
    public record NewPartner(PartnerView partner, String key) {
    }

    @Inject
    PartnerRegistry registry;

    /**
     * @param origins as the partner's pages are served ({@code https://www.example.com}); each is checked and
     *                brought to the form browsers send
     * @throws IllegalArgumentException naming what is wrong with the name, an origin or the rate
     */
    @Transactional
    public NewPartner add(String name, List<String> origins, RatePolicy rate) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new IllegalArgumentException("a partner's name is 1 to 200 characters");
        }
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("a partner needs at least one origin its pages are served from");
        }
        LinkedHashSet<String> normalised = new LinkedHashSet<>();
        for (String origin : origins) {
            normalised.add(WebOrigins.registered(origin));
        }
        if (normalised.size() > 50) {
            throw new IllegalArgumentException("a partner has at most 50 origins");
        }
        String key = PartnerKeys.generate();
        Partner partner = new Partner();
        partner.name = name.strip();
        partner.keyHash = PartnerKeys.hash(key);
        partner.keyHint = PartnerKeys.hint(key);
        partner.origins = List.copyOf(normalised);
        partner.rateLimit = rate.limit();
        partner.rateWindowSeconds = (int) rate.windowSeconds();
        partner.persistAndFlush();
        registry.forgetAll();
        return new NewPartner(PartnerView.of(partner), key);
    }

    @Transactional
    public List<PartnerView> list() {
        return Partner.listByCreation().stream().map(PartnerView::of).toList();
    }

    /** Revokes the partner's key for good; revoking twice keeps the first date. Empty when no such partner. */
    @Transactional
    public Optional<PartnerView> revoke(UUID id) {
        Optional<Partner> found = Partner.findByIdOptional(id);
        found.filter(partner -> partner.revokedAt == null).ifPresent(partner -> {
            partner.revokedAt = OffsetDateTime.now();
            partner.flush();
        });
        registry.forgetAll();
        return found.map(PartnerView::of);
    }
}

package org.clinicfinder.embed;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.clinicfinder.common.AuditLog;

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

    @Inject
    AuditLog audit;

    /**
     * @param origins as the partner's pages are served ({@code https://www.example.com}); each is checked and
     *                brought to the form browsers send
     * @throws IllegalArgumentException naming what is wrong with the name, an origin or the rate
     */
    @Transactional
    public NewPartner add(String name, List<String> origins, RatePolicy rate, String actor) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new IllegalArgumentException("a partner's name is 1 to 200 characters");
        }
        List<String> normalised = origins(origins);
        String key = PartnerKeys.generate();
        Partner partner = new Partner();
        partner.name = name.strip();
        partner.keyHash = PartnerKeys.hash(key);
        partner.keyHint = PartnerKeys.hint(key);
        partner.origins = normalised;
        partner.rateLimit = rate.limit();
        partner.rateWindowSeconds = (int) rate.windowSeconds();
        partner.persistAndFlush();
        registry.forgetAll();
        PartnerView view = PartnerView.of(partner);
        audit.record(actor, "partner.create", "partner", partner.id.toString(), null, audited(view));
        return new NewPartner(view, key);
    }

    /**
     * Replaces the partner's origins or rate, whichever is given. Empty when no partner has the id.
     *
     * @throws IllegalArgumentException naming what is wrong with an origin
     * @throws IllegalStateException when the partner's key is revoked
     */
    @Transactional
    public Optional<PartnerView> update(UUID id, List<String> origins, RatePolicy rate, String actor) {
        Optional<Partner> found = Partner.findByIdOptional(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Partner partner = found.get();
        if (partner.revokedAt != null) {
            throw new IllegalStateException("the partner's key is revoked; add the partner anew for a new key");
        }
        PartnerView before = PartnerView.of(partner);
        if (origins != null) {
            partner.origins = origins(origins);
        }
        if (rate != null) {
            partner.rateLimit = rate.limit();
            partner.rateWindowSeconds = (int) rate.windowSeconds();
        }
        partner.flush();
        registry.forgetAll();
        PartnerView after = PartnerView.of(partner);
        audit.record(actor, "partner.update", "partner", id.toString(), audited(before), audited(after));
        return Optional.of(after);
    }

    private static List<String> origins(List<String> origins) {
        if (origins == null || origins.isEmpty()) {
            throw new IllegalArgumentException("a partner needs at least one origin its pages are served from");
        }
        LinkedHashSet<String> normalised = new LinkedHashSet<>();
        for (String origin : origins) {
            normalised.add(WebOrigins.registered(origin == null ? "" : origin));
        }
        if (normalised.size() > 50) {
            throw new IllegalArgumentException("a partner has at most 50 origins");
        }
        return List.copyOf(normalised);
    }

    /** What the audit trail keeps of a partner: never its key or digest. */
    private static java.util.Map<String, Object> audited(PartnerView partner) {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("name", partner.name());
        fields.put("keyHint", partner.keyHint());
        fields.put("origins", partner.origins());
        fields.put("rate", partner.rate().toString());
        fields.put("revokedAt", partner.revokedAt() == null ? null : partner.revokedAt().toString());
        return fields;
    }

    @Transactional
    public List<PartnerView> list() {
        return Partner.listByCreation().stream().map(PartnerView::of).toList();
    }

    /** Revokes the partner's key for good; revoking twice keeps the first date. Empty when no such partner. */
    @Transactional
    public Optional<PartnerView> revoke(UUID id, String actor) {
        Optional<Partner> found = Partner.findByIdOptional(id);
        found.filter(partner -> partner.revokedAt == null).ifPresent(partner -> {
            PartnerView before = PartnerView.of(partner);
            partner.revokedAt = OffsetDateTime.now();
            partner.flush();
            audit.record(actor, "partner.revoke", "partner", id.toString(), audited(before),
                    audited(PartnerView.of(partner)));
        });
        registry.forgetAll();
        return found.map(PartnerView::of);
    }
}

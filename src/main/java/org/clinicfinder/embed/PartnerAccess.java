package org.clinicfinder.embed;

import java.util.Set;
import java.util.UUID;

/** What a request with a partner's key may do: where from, and how often. */
public record PartnerAccess(UUID id, String name, Set<String> origins, RatePolicy rate) {

    static PartnerAccess of(Partner partner) {
        return new PartnerAccess(partner.id, partner.name, Set.copyOf(partner.origins),
                new RatePolicy(partner.rateLimit, java.time.Duration.ofSeconds(partner.rateWindowSeconds)));
    }
}

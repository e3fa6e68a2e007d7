package org.clinicfinder.admin;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.clinicfinder.embed.WebOrigins;

/**
 * What browsers say about where a request comes from. {@code Sec-Fetch-Site} is sent by every current browser
 * and cannot be set by a page; {@code Origin} covers older ones. Clients that are not browsers send neither.
 */
final class CrossSite {

    /** A request from the service's own pages, or one the user made by typing or bookmarking. */
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private CrossSite() {
    }

    /** Why the request must be refused as coming from another site, if it must. */
    static Optional<String> refusal(String fetchSite, String origin, Predicate<String> isOwnOrigin) {
        if (fetchSite != null && !OWN_SITE.contains(fetchSite)) {
            return Optional.of("Your browser says the request came from another site (" + fetchSite + ").");
        }
        if (origin != null) {
            Optional<String> parsed = WebOrigins.parse(origin);
            if (parsed.isEmpty() || !isOwnOrigin.test(parsed.get())) {
                return Optional.of("The request came from " + origin + ", not from the admin page's own address.");
            }
        }
        return Optional.empty();
    }
}

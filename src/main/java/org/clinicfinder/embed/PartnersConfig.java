package org.clinicfinder.embed;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rates and key lookups of the public API, under {@code clinic-finder.partners.*}. */
@ConfigMapping(prefix = "clinic-finder.partners")
public interface PartnersConfig {

    /** Requests a partner key may make when {@code partner add} is given no {@code --rate}. */
    @WithDefault("600/min")
    RatePolicy defaultRate();

    /**
     * Requests one client address may make with a partner's key, whatever the key's own rate: a partner's
     * key is public, so one visitor (or a script) must not be able to spend the whole partner's quota.
     */
    @WithDefault("120/min")
    RatePolicy visitorRate();

    /** Requests each client address may make without a key; lower than a partner's. */
    @WithDefault("60/min")
    RatePolicy anonymousRate();

    /**
     * Keys each client address may have looked up in the database (keys not in the cache): guessing keys is
     * slow, and cannot load the database.
     */
    @WithDefault("60/min")
    RatePolicy keyLookupRate();

    /** How long a key's partner (or its absence) is remembered; a revocation elsewhere takes this long. */
    @WithDefault("10s")
    Duration keyCacheTtl();
}

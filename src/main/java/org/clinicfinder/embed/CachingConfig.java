package org.clinicfinder.embed;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long clients and shared caches may reuse answers before asking again (with If-None-Match), under
 * {@code clinic-finder.caching.*}; each operation names its class in openapi.yaml ({@code x-cache-max-age}).
 */
@ConfigMapping(prefix = "clinic-finder.caching")
public interface CachingConfig {

    /** Searches and provider details, which change with every import. */
    @WithDefault("60s")
    Duration resultsMaxAge();

    /** Countries and treatments. */
    @WithDefault("5m")
    Duration referenceMaxAge();

    /** The widget script under /embed/v1/: compatible changes reach partners' visitors within this time. */
    @WithDefault("168h")
    Duration widgetMaxAge();

    default Duration maxAge(String cacheClass) {
        return switch (cacheClass) {
            case "results" -> resultsMaxAge();
            case "reference" -> referenceMaxAge();
            case "widget" -> widgetMaxAge();
            default -> throw new IllegalArgumentException("openapi.yaml names an unknown cache class: " + cacheClass);
        };
    }
}

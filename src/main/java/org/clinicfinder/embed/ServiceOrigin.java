package org.clinicfinder.embed;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

import io.vertx.core.http.HttpServerRequest;

import org.clinicfinder.common.ClinicFinderConfig;

/** The service's own web origin: {@code clinic-finder.public-url} when set, else the request's scheme and Host. */
@ApplicationScoped
public class ServiceOrigin {

    @Inject
    ClinicFinderConfig config;

    Optional<String> of(UriInfo request) {
        return config.publicUrl().or(() -> requestBase(request)).flatMap(WebOrigins::parse);
    }

    /** The request's scheme and Host, unless its Host header is not one. */
    private static Optional<String> requestBase(UriInfo request) {
        try {
            return Optional.of(request.getBaseUri().toString());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public boolean isOwn(String origin, UriInfo request) {
        return of(request).map(origin::equals).orElse(false);
    }

    /** The same outside JAX-RS (the admin page's sign-in form), from the request's absolute URI. */
    public boolean isOwn(String origin, HttpServerRequest request) {
        return config.publicUrl().or(() -> Optional.ofNullable(request.absoluteURI())).flatMap(WebOrigins::parse)
                .map(origin::equals).orElse(false);
    }
}

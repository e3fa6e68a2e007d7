package org.clinicfinder.common;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.clinicfinder.api.model.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request body larger than clinic-finder.max-request-body with 413 before it is read. The HTTP
 * server's own limit (quarkus.http.limits.max-body-size) is as large as the largest upload, so that uploads
 * can pass; every other body is held to this smaller one.
 */
public class RequestBodyLimitFilter {

    @Inject
    Provider<ClinicFinderConfig> config;

    @ServerRequestFilter
    public Response limit(ContainerRequestContext request, ResourceInfo resource) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null || resource == null || resource.getResourceMethod() == null
                || resource.getResourceMethod().isAnnotationPresent(StreamedBody.class)) {
            return null;
        }
        long limit = config.get().maxRequestBody().asLongValue();
        long declared;
        try {
            declared = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (declared <= limit) {
            return null;
        }
        Problem problem = ProblemType.PAYLOAD_TOO_LARGE.problem("A request body may have at most " + limit / 1024
                + " KB here.", request.getUriInfo().getPath());
        return ProblemMappers.response(ProblemType.PAYLOAD_TOO_LARGE, problem).build();
    }
}

package org.clinicfinder.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.clinicfinder.api.model.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request body larger than clinic-finder.max-request-body with 413: before it is read when its length is
 * declared, as soon as the limit is passed when it comes in chunks. The HTTP
 * server's own limit (quarkus.http.limits.max-body-size) is as large as the largest upload, so that uploads
 * can pass; every other body is held to this smaller one.
 */
public class RequestBodyLimitFilter {

    @Inject
    Provider<ClinicFinderConfig> config;

    @ServerRequestFilter
    public Response limit(ContainerRequestContext request, ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null
                || resource.getResourceMethod().isAnnotationPresent(StreamedBody.class)) {
            return null;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null && !request.hasEntity()) {
            // No body (every search): nothing to limit, and no configuration to look up.
            return null;
        }
        long limit = config.get().maxRequestBody().asLongValue();
        if (length == null) {
            // No declared length (a chunked body): counted as it is read, and refused once past the limit.
            request.setEntityStream(new LimitedStream(request.getEntityStream(), limit));
            return null;
        }
        long declared;
        try {
            declared = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (declared <= limit) {
            return null;
        }
        Problem problem = ProblemType.PAYLOAD_TOO_LARGE.problem(detail(limit), request.getUriInfo().getPath());
        return ProblemMappers.response(ProblemType.PAYLOAD_TOO_LARGE, problem).build();
    }

    private static String detail(long limit) {
        return "A request body may have at most " + limit / 1024 + " KB here.";
    }

    /** A body stream that throws the 413 problem once more than the limit has been read from it. */
    private static final class LimitedStream extends FilterInputStream {

        private final long limit;
        private long read;

        LimitedStream(InputStream body, long limit) {
            super(body);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int next = super.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            if (count > 0) {
                count(count);
            }
            return count;
        }

        private void count(int bytes) {
            read += bytes;
            if (read > limit) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, detail(limit));
            }
        }
    }
}

package org.clinicfinder.admin;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import org.clinicfinder.common.ProblemMappers;
import org.clinicfinder.common.ProblemType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Sign-in refusals as problem details: 401 not signed in (or wrongly), 403 signed in without the role, 429 locked. */
public class AdminProblemMappers {

    static final String CHALLENGE = "Basic realm=\"clinic-finder admin\", Bearer realm=\"clinic-finder admin\"";

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException exception, UriInfo uriInfo) {
        return unauthenticated(uriInfo, "This operation needs an admin account: HTTP Basic, a personal API token, "
                + "or the admin page's session (sign in at /admin/login).");
    }

    @ServerExceptionMapper
    public Response signInLocked(LoginThrottle.LockedException locked, UriInfo uriInfo) {
        return ProblemMappers.response(ProblemType.SIGN_IN_LOCKED, ProblemType.SIGN_IN_LOCKED.problem(
                "Sign-in is locked for this account or address after repeated failures. Please retry in "
                        + locked.retryAfterSeconds() + " seconds.", ProblemMappers.path(uriInfo)))
                .header(HttpHeaders.RETRY_AFTER, locked.retryAfterSeconds())
                .build();
    }

    @ServerExceptionMapper
    public Response signInFailed(AuthenticationFailedException exception, UriInfo uriInfo) {
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof LoginThrottle.LockedException locked) {
                return signInLocked(locked, uriInfo);
            }
        }
        return unauthenticated(uriInfo, "The email and password, or the token, are not those of an active admin "
                + "account (or the token has expired or been revoked).");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception, UriInfo uriInfo) {
        return ProblemMappers.response(ProblemType.FORBIDDEN, ProblemType.FORBIDDEN.problem(
                "Your account's role does not allow this operation.", ProblemMappers.path(uriInfo))).build();
    }

    /** Two admins saved the same provider at once: the later one lost the race between check and write. */
    @ServerExceptionMapper({jakarta.persistence.OptimisticLockException.class,
            org.hibernate.StaleObjectStateException.class})
    public Response concurrentChange(RuntimeException exception, UriInfo uriInfo) {
        return ProblemMappers.response(ProblemType.PRECONDITION_FAILED, ProblemType.PRECONDITION_FAILED.problem(
                "Someone else changed the provider at the same moment. Read it again, then redo your change.",
                ProblemMappers.path(uriInfo))).build();
    }

    private static Response unauthenticated(UriInfo uriInfo, String detail) {
        return ProblemMappers.response(ProblemType.UNAUTHENTICATED,
                        ProblemType.UNAUTHENTICATED.problem(detail, ProblemMappers.path(uriInfo)))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .build();
    }
}

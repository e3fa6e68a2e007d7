package org.clinicfinder.admin;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationException;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.ServerCookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.clinicfinder.common.ProblemMappers;
import org.clinicfinder.embed.ServiceOrigin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The admin page's sign-in around Quarkus's form authentication (quarkus.http.auth.form.* in
 * application.properties): the login page's address, a sign-in refused when another site posts it, a lock said
 * as a lock rather than a wrong password, sign-out, and cookies that are always Secure.
 */
@ApplicationScoped
public class AdminPageRoutes {

    static final String LOGIN_PAGE = "/admin/login";
    static final String SIGN_OUT = "/admin/sign-out";

    private static final Logger LOG = Logger.getLogger(AdminPageRoutes.class);

    /** Every path whose answers may set or renew one of the page's cookies. */
    private static final String COOKIE_PATHS = "^/(admin|api/v1/admin)(/.*)?$";
    private static final String PAGE_PATHS = "^/admin(/.*)?$";

    @ConfigProperty(name = "quarkus.http.auth.form.post-location")
    String signInLocation;

    /** Where a refused sign-in is sent back to. */
    @ConfigProperty(name = "quarkus.http.auth.form.error-page")
    String refusedPage;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name")
    String sessionCookie;

    @ConfigProperty(name = "quarkus.http.auth.form.location-cookie")
    String returnCookie;

    @ConfigProperty(name = "quarkus.http.auth.session.encryption-key")
    Optional<String> sessionKey;

    @Inject
    ServiceOrigin serviceOrigin;

    void routes(@Observes Router router) {
        if (sessionKey.isEmpty()) {
            // Said here rather than by Quarkus, whose warning holds the key it drew (application.properties).
            LOG.warn("No session key is set (QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY): this process drew one of"
                    + " its own, so admin page sign-ins end when it stops and are not shared with other instances");
        }
        router.routeWithRegex(COOKIE_PATHS).order(-1 * SecurityHandlerPriorities.CORS - 1).handler(this::secureCookies);
        // Vert.x would also match "/admin/" with a plain path.
        router.getWithRegex("^/admin$").handler(context -> redirect(context, 302, "/admin/"));
        router.get(LOGIN_PAGE).handler(context -> context.reroute("/admin/login.html"));
        // Between Quarkus's authentication handler, which only prepares, and its form handler, which signs in.
        router.post(signInLocation).order(-1 * SecurityHandlerPriorities.FORM_AUTHENTICATION - 1)
                .handler(this::guardSignIn)
                .failureHandler(this::signInFailed);
        router.post(SIGN_OUT).handler(this::signOut);
        router.routeWithRegex(PAGE_PATHS).failureHandler(this::pageFailed);
    }

    /**
     * Quarkus marks the session cookie Secure only when the request itself came over TLS, which a service behind
     * a TLS-terminating proxy never sees. The page is for HTTPS only, so the cookies are always Secure (browsers
     * also keep Secure cookies from http://localhost, for development and the tests).
     */
    private void secureCookies(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            for (String name : List.of(sessionCookie, returnCookie, CsrfTokens.COOKIE)) {
                for (Cookie cookie : context.request().cookies(name)) {
                    // Only cookies this answer sets: the ones the browser sent come back unchanged.
                    if (cookie instanceof ServerCookie set && set.isChanged()) {
                        cookie.setSecure(true);
                    }
                }
            }
        });
        context.next();
    }

    private void guardSignIn(RoutingContext context) {
        if (fromAnotherSite(context)) {
            redirect(context, 303, LOGIN_PAGE + "?refused");
            return;
        }
        context.addHeadersEndHandler(ignored -> {
            HttpServerResponse response = context.response();
            String location = response.headers().get(HttpHeaders.LOCATION);
            if (location != null && location.endsWith(refusedPage)) {
                // Quarkus sometimes answers a refusal itself, with its error page: said as signInFailed says it.
                response.setStatusCode(303).putHeader(HttpHeaders.LOCATION, refusal(context));
            } else if (response.getStatusCode() == 302) {
                // Signed in: a new session gets a new CSRF token, which the page's first read issues.
                response.addCookie(expired(CsrfTokens.COOKIE, false));
            }
        });
        context.next();
    }

    /** Where a refused sign-in is sent: the sign-in page, saying whether it was a lock or wrong credentials. */
    private String refusal(RoutingContext context) {
        Long lockedFor = context.get(PasswordIdentityProvider.LOCKED_FOR_SECONDS);
        for (Throwable cause = context.failure(); cause != null && lockedFor == null; cause = cause.getCause()) {
            if (cause instanceof LoginThrottle.LockedException locked) {
                lockedFor = locked.retryAfterSeconds();
            }
        }
        return lockedFor != null ? LOGIN_PAGE + "?locked=" + lockedFor : refusedPage;
    }

    /** A refused sign-in goes back to the sign-in page, which says why in plain words: never a bare 401 or 500. */
    private void signInFailed(RoutingContext context) {
        if (context.response().ended()) {
            return;
        }
        String refusal = refusal(context);
        if (!refusal.equals(refusedPage) || rootCause(context.failure()) instanceof AuthenticationException) {
            redirect(context, 303, refusal);
        } else {
            LOG.errorf(context.failure(), "Sign-in to the admin page failed unexpectedly (status %d)",
                    context.statusCode());
            redirect(context, 303, LOGIN_PAGE + "?unavailable");
        }
    }

    private static Throwable rootCause(Throwable failure) {
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }

    private void signOut(RoutingContext context) {
        if (fromAnotherSite(context)) {
            redirect(context, 303, "/admin/");
            return;
        }
        context.response().addCookie(expired(sessionCookie, true));
        context.response().addCookie(expired(CsrfTokens.COOKIE, false));
        redirect(context, 303, LOGIN_PAGE + "?signed-out");
    }

    /**
     * Nothing unexpected (the database unreachable while a page checks the session, say) reaches a person as a
     * stack trace: a short page says so, and the log has the details under an id.
     */
    private void pageFailed(RoutingContext context) {
        if (context.response().ended()) {
            return;
        }
        Throwable failure = rootCause(context.failure());
        if (failure == null) {
            // Only a status, such as 404: Quarkus answers it.
            context.next();
            return;
        }
        if (failure instanceof AuthenticationException) {
            // A session cookie that no longer signs anyone in (the account was disabled): sign in again, as
            // Quarkus's own challenge would say.
            context.response().addCookie(expired(sessionCookie, true));
            redirect(context, 302, LOGIN_PAGE);
            return;
        }
        boolean unavailable = ProblemMappers.isDatabaseUnavailable(context.failure());
        String errorId = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(context.failure(), "Admin page failure %s on %s", errorId, context.normalizedPath());
        context.response().setStatusCode(unavailable ? 503 : 500)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .end("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<title>Admin page unavailable</title><link rel=\"stylesheet\" href=\"/admin/admin.css\">"
                        + "</head><body><main class=\"narrow\"><h1>The admin page is unavailable</h1><p>"
                        + (unavailable ? "The directory's database did not answer in time. Please retry in a minute."
                                : "Something went wrong on our side; it was logged with the id " + errorId + ".")
                        + "</p><p><a href=\"/admin/\">Try again</a></p></main></body></html>");
    }

    private boolean fromAnotherSite(RoutingContext context) {
        return CrossSite.refusal(context.request().getHeader("Sec-Fetch-Site"), context.request().getHeader("Origin"),
                origin -> serviceOrigin.isOwn(origin, context.request())).isPresent();
    }

    private static Cookie expired(String name, boolean httpOnly) {
        return Cookie.cookie(name, "").setPath("/").setMaxAge(0).setSecure(true).setHttpOnly(httpOnly)
                .setSameSite(CookieSameSite.STRICT);
    }

    private static void redirect(RoutingContext context, int status, String location) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.LOCATION, location)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
    }
}

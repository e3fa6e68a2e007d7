package org.clinicfinder.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import org.clinicfinder.common.ProblemException;
import org.clinicfinder.common.ProblemType;
import org.clinicfinder.embed.ServiceOrigin;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Cross-site request forgery protection for the admin API as the admin page calls it, signed in by its session
 * cookie: a change must come from the service's own origin and carry the page's CSRF token. HTTP Basic and
 * Bearer clients are not asked for a token, since they send their credentials themselves; only a browser that
 * says a change comes from another site is refused, whatever it signed in with.
 */
public class SessionCsrfFilter {

    private static final String ADMIN_API = "/api/v1/admin/";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    CsrfTokens tokens;

    @Inject
    ServiceOrigin serviceOrigin;

    @ServerRequestFilter
    public Uni<Void> checkSessionRequest(ContainerRequestContext request, HttpServerRequest http) {
        if (!request.getUriInfo().getPath().startsWith(ADMIN_API)) {
            // No Uni: REST goes on at once, where even an item at hand suspends and resumes the request (about 3%
            // of the CPU of a public search).
            return null;
        }
        boolean safe = SAFE_METHODS.contains(request.getMethod());
        if (!safe) {
            // Whatever the credentials: a browser may also send cached Basic credentials along with another site's
            // form. Clients that are not browsers send no Sec-Fetch-Site.
            refuseIfFromAnotherSite(request, request.getHeaderString("Sec-Fetch-Site"), null);
        }
        // A refused sign-in is answered by the operation's own security check.
        return identities.getDeferredIdentity().onFailure().recoverWithNull().invoke(identity -> {
            if (identity == null || identity.isAnonymous() || !AdminIdentities.isViaSession(identity)) {
                return;
            }
            String email = identity.getPrincipal().getName();
            Optional<String> cookieToken = Optional.ofNullable(http.getCookie(CsrfTokens.COOKIE)).map(Cookie::getValue);
            if (safe) {
                if (cookieToken.filter(token -> tokens.isValid(token, email)).isEmpty()) {
                    // The page reads its token from this cookie: any read by a signed-in page (re)issues it.
                    http.response().addCookie(Cookie.cookie(CsrfTokens.COOKIE, tokens.issue(email))
                            .setPath("/").setSecure(true).setHttpOnly(false).setSameSite(CookieSameSite.STRICT));
                }
                return;
            }
            refuseForgery(request, identity, cookieToken);
        }).replaceWithVoid();
    }

    private void refuseForgery(ContainerRequestContext request, SecurityIdentity identity,
            Optional<String> cookieToken) {
        refuseIfFromAnotherSite(request, request.getHeaderString("Sec-Fetch-Site"), request.getHeaderString("Origin"));
        String sent = request.getHeaderString(CsrfTokens.HEADER);
        if (sent == null || cookieToken.isEmpty()
                || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                        cookieToken.get().getBytes(StandardCharsets.UTF_8))
                || !tokens.isValid(sent, identity.getPrincipal().getName())) {
            throw new ProblemException(ProblemType.CSRF_REFUSED, "The change did not carry the admin page's "
                    + "security token, so nothing was changed. Reload the page and try again.");
        }
    }

    private void refuseIfFromAnotherSite(ContainerRequestContext request, String fetchSite, String origin) {
        CrossSite.refusal(fetchSite, origin, own -> serviceOrigin.isOwn(own, request.getUriInfo())).ifPresent(reason -> {
            throw new ProblemException(ProblemType.CSRF_REFUSED, reason + " Changes are accepted only from the "
                    + "admin page itself, or from clients that send their own credentials; nothing was changed.");
        });
    }
}

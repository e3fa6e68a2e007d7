package org.clinicfinder.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.vertx.core.http.HttpServerResponse;
import org.clinicfinder.api.EmbedApi;
import org.clinicfinder.api.model.TreatmentSlug;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The widget script and its iframe page, as declared in openapi.yaml. */
// The generated interface carries the full path of each operation.
@Path("/")
public class EmbedResource implements EmbedApi {

    private static final String WIDGET = readWidget();

    @Inject
    PartnerRegistry partners;

    @Inject
    ServiceOrigin serviceOrigin;

    @Inject
    RateLimiter limiter;

    @Inject
    PartnersConfig config;

    @Context
    io.vertx.core.http.HttpServerRequest request;

    @Context
    HttpHeaders requestHeaders;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServerResponse response;

    /** A page refusing to show the widget, with the reason; it holds no data, so any page may frame it. */
    static final class FrameRefusal extends RuntimeException {
        private final Response page;

        FrameRefusal(Response.Status status, String reason) {
            super(reason, null, false, false);
            this.page = Response.status(status)
                    .type("text/html; charset=utf-8")
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .entity(page("Search unavailable", "<p role=\"alert\" style=\"font:16px system-ui,sans-serif;"
                            + "color:#1f2933;margin:16px\">" + escape(reason) + "</p>", null, false))
                    .build();
        }
    }

    @ServerExceptionMapper
    public Response refuse(FrameRefusal refusal) {
        return refusal.page;
    }

    @Override
    public String getWidgetScript() {
        // Readable from any page, so that partners may load it with crossorigin (SRI) or under COEP.
        response.putHeader("Access-Control-Allow-Origin", "*");
        response.putHeader("Cross-Origin-Resource-Policy", "cross-origin");
        return WIDGET;
    }

    @Override
    public String getWidgetFrame(String key, String country, TreatmentSlug treatment, String lang, Boolean verified) {
        PartnerAccess partner = partners.find(key, this::chargeLookup).orElseThrow(() -> new FrameRefusal(
                Response.Status.UNAUTHORIZED, "This search is not set up correctly: its key is unknown or has been revoked."));
        Set<String> allowed = new LinkedHashSet<>(partner.origins());
        serviceOrigin.of(uriInfo).ifPresent(allowed::add);
        // A navigation into a frame sends no Origin; the Referer names the embedding page.
        Optional<String> parent = WebOrigins.ofRequest(null, requestHeaders.getHeaderString("Referer"));
        if (parent.isEmpty() || !allowed.contains(parent.get())) {
            throw new FrameRefusal(Response.Status.FORBIDDEN, "This website is not allowed to show this search: "
                    + "the key is registered for other sites.");
        }
        // The browser enforces what the Referer check suggests: only the partner's pages may frame this one.
        response.putHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; connect-src 'self'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors " + String.join(" ", allowed));
        response.putHeader("Referrer-Policy", "same-origin");
        response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        List<String> attributes = new ArrayList<>();
        attributes.add(attribute("api-key", key));
        if (country != null) {
            attributes.add(attribute("country", country.toUpperCase(java.util.Locale.ROOT)));
        }
        if (treatment != null) {
            attributes.add(attribute("treatment", treatment.toString()));
        }
        if (lang != null) {
            attributes.add(attribute("lang", lang));
        }
        if (Boolean.TRUE.equals(verified)) {
            attributes.add(attribute("verified", "true"));
        }
        attributes.add(attribute("resize-parent-origin", parent.get()));
        return page("Find a microneedling provider",
                "<clinic-finder " + String.join(" ", attributes) + "></clinic-finder>",
                lang, true);
    }

    /** A key the cache cannot answer costs a lookup of the address's quota, as on the API. */
    private void chargeLookup() {
        RateLimiter.Decision decision = limiter.consume("key-lookup", ClientAddress.of(request), config.keyLookupRate());
        if (!decision.allowed()) {
            throw new FrameRefusal(Response.Status.TOO_MANY_REQUESTS, "Too many requests from this address. "
                    + "Please retry in " + decision.resetSeconds() + " seconds.");
        }
    }

    private static String page(String title, String body, String lang, boolean withWidget) {
        return "<!doctype html>\n<html lang=\"" + escape(lang == null ? "en" : lang) + "\">\n<head>\n"
                + "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n"
                + "<style>html,body{margin:0;padding:0;background:transparent}</style>\n"
                + (withWidget ? "<script src=\"/embed/v1/clinic-finder.js\" defer></script>\n" : "")
                + "</head>\n<body>\n" + body + "\n</body>\n</html>\n";
    }

    private static String attribute(String name, String value) {
        return name + "=\"" + escape(value) + "\"";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String readWidget() {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("embed/clinic-finder.js")) {
            if (in == null) {
                throw new IllegalStateException("embed/clinic-finder.js is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

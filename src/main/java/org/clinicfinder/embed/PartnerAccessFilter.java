package org.clinicfinder.embed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import org.clinicfinder.common.ApiContract;
import org.clinicfinder.common.ProblemException;
import org.clinicfinder.common.ProblemType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Who may call the public API, from where, and how often.
 *
 * <ul>
 * <li>With a partner key ({@code X-Api-Key}, or the {@code key} query parameter): honoured only from the
 * partner's origins ({@code Origin}, else {@code Referer}), or from the service's own pages (the iframe
 * variant); counted against the partner's rate, and against a per-address share of it. Browsers may read the
 * answers on those origins only (CORS, per partner origin).</li>
 * <li>Without: anonymous, counted per client address at a lower rate; not readable cross-origin.</li>
 * <li>Refusals are readable from any origin, so that the widget can say why it shows nothing; they carry no
 * data.</li>
 * </ul>
 * The operations concerned are those whose contract takes a partner key (an API key in a header or the query).
 */
public class PartnerAccessFilter {

    public static final String API_KEY = "X-Api-Key";
    public static final String KEY_PARAMETER = "key";

    private static final String CORS_ORIGIN = PartnerAccessFilter.class.getName() + ".corsOrigin";
    private static final String PARTNER_ORIGIN = PartnerAccessFilter.class.getName() + ".partnerOrigin";
    private static final String DECISIONS = PartnerAccessFilter.class.getName() + ".decisions";
    private static final String GOVERNED = PartnerAccessFilter.class.getName() + ".governed";

    private static final String EXPOSED_HEADERS = "ETag, Content-Language, Retry-After, RateLimit, RateLimit-Policy";
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

    @Inject
    ApiContract contract;

    @Inject
    PartnerRegistry partners;

    @Inject
    RateLimiter limiter;

    @Inject
    ServiceOrigin serviceOrigin;

    /** Looked up on first use: filters are built at static init, before the runtime configuration exists. */
    @Inject
    Provider<PartnersConfig> config;

    /** The configuration, once looked up; each lookup would build the mapping anew. */
    private volatile PartnersConfig loadedConfig;

    /** Each operation's own Vary header: the same on every answer, so it is worked out once. */
    private final Map<String, List<String>> varyByOperation = new ConcurrentHashMap<>();

    /**
     * CORS preflight of a read of the public API. A preflight carries no key, so it is answered for any
     * origin; what the actual request may read is decided when it comes, with its key.
     */
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> preflight(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        String requestedMethod = request.getHeaderString("Access-Control-Request-Method");
        if (!"OPTIONS".equals(request.getMethod()) || origin == null || requestedMethod == null
                || !request.getUriInfo().getPath().startsWith("/api/v1/")
                || WebOrigins.parse(origin).isEmpty()) {
            return Optional.empty();
        }
        Response.ResponseBuilder preflight = Response.noContent()
                .header(HttpHeaders.VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        if (requestedMethod.equals("GET") || requestedMethod.equals("HEAD")) {
            preflight.header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Allow-Methods", "GET, HEAD")
                    .header("Access-Control-Allow-Headers", API_KEY + ", Accept, Accept-Language, If-None-Match")
                    .header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
        }
        return Optional.of(preflight.build());
    }

    /**
     * Runs on the event loop for the asynchronous search operations: a key the cache cannot answer is then looked
     * up on a worker thread, never on the event loop.
     */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> admit(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        if (resource == null || resource.getResourceMethod() == null
                || !contract.acceptsPartnerKey(resource.getResourceMethod().getName())) {
            return null;
        }
        request.setProperty(GOVERNED, resource.getResourceMethod().getName());
        request.setProperty(DECISIONS, new ArrayList<RateLimiter.Decision>());
        String originHeader = request.getHeaderString("Origin");
        if (originHeader != null && WebOrigins.parse(originHeader).isPresent()) {
            request.setProperty(CORS_ORIGIN, originHeader);
        }
        String address = ClientAddress.of(http);
        Optional<String> key = key(request);
        // The asynchronous search operations run this filter on the event loop, which must not wait: a key the
        // cache cannot answer (a database lookup), or counters kept in a store that may block, are then settled
        // on a worker thread.
        if (BlockingOperationControl.isBlockingAllowed() || (limiter.countsWithoutBlocking()
                && key.map(partners::findWithoutLookup).map(Optional::isPresent).orElse(true))) {
            decide(request, address, key, originHeader);
            return null;
        }
        return Uni.createFrom().item(() -> {
            decide(request, address, key, originHeader);
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void decide(ContainerRequestContext request, String address, Optional<String> key, String originHeader) {
        if (key.isEmpty()) {
            charge(request, "anonymous", address, config().anonymousRate(), "Without a partner key, each address",
                    true);
        } else {
            admitKey(request, address, lookUp(request, address, key.get()), originHeader);
        }
    }

    /**
     * A key the cache cannot answer costs a database lookup, which each address may cause only so often: guessing
     * keys is slow.
     */
    private Optional<PartnerAccess> lookUp(ContainerRequestContext request, String address, String key) {
        return partners.find(key, () -> charge(request, "key-lookup", address, config().keyLookupRate(),
                "Each address, trying keys not seen lately,", false));
    }

    private void admitKey(ContainerRequestContext request, String address, Optional<PartnerAccess> found,
            String originHeader) {
        if (found.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_KEY, "The partner key is unknown or has been revoked. "
                    + "Use the partner's current key, or leave it out to search anonymously.")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + API_KEY + "\"");
        }
        PartnerAccess partner = found.get();
        Optional<String> origin = WebOrigins.ofRequest(originHeader, request.getHeaderString("Referer"));
        if (origin.isEmpty()) {
            throw new ProblemException(ProblemType.ORIGIN_NOT_ALLOWED, "A partner key is honoured only on the "
                    + "partner's own sites, and this request names none (no Origin or Referer header).");
        }
        if (!partner.origins().contains(origin.get()) && !serviceOrigin.isOwn(origin.get(), request.getUriInfo())) {
            throw new ProblemException(ProblemType.ORIGIN_NOT_ALLOWED, "The key may not be used from "
                    + origin.get() + "; it is registered for other sites.");
        }
        request.setProperty(PARTNER_ORIGIN, Boolean.TRUE);
        charge(request, "visitor", partner.id() + "/" + address, config().visitorRate(),
                "With this key, each address", true);
        charge(request, "partner", partner.id().toString(), partner.rate(), "This key", true);
    }

    /** The key from the header or the query; refused when both are given and differ. */
    private static Optional<String> key(ContainerRequestContext request) {
        List<String> headers = request.getHeaders().get(API_KEY);
        List<String> query = request.getUriInfo().getQueryParameters().get(KEY_PARAMETER);
        String fromHeader = headers == null || headers.isEmpty() ? null : String.join(",", headers);
        String fromQuery = query == null || query.isEmpty() ? null : String.join(",", query);
        if (fromHeader != null && fromQuery != null && !fromHeader.equals(fromQuery)) {
            throw ProblemException.invalidParameter(KEY_PARAMETER,
                    "the request gives two different keys, in " + API_KEY + " and in key; give it once");
        }
        return Optional.ofNullable(fromHeader != null ? fromHeader : fromQuery);
    }

    @SuppressWarnings("unchecked")
    private void charge(ContainerRequestContext request, String policyName, String client, RatePolicy policy,
            String who, boolean alwaysReported) {
        RateLimiter.Decision decision = limiter.consume(policyName, client, policy);
        if (alwaysReported || !decision.allowed()) {
            ((List<RateLimiter.Decision>) request.getProperty(DECISIONS)).add(decision);
        }
        if (!decision.allowed()) {
            throw new ProblemException(ProblemType.RATE_LIMITED, who + " may make " + policy.limit()
                    + " requests per " + policy.windowSeconds() + " seconds. Please retry in "
                    + decision.resetSeconds() + " seconds.")
                    .withHeader(HttpHeaders.RETRY_AFTER, decision.resetSeconds());
        }
    }

    @ServerResponseFilter
    @SuppressWarnings("unchecked")
    public void describeAccess(ContainerRequestContext request, ContainerResponseContext response) {
        Object operationId = request.getProperty(GOVERNED);
        if (operationId == null) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        List<RateLimiter.Decision> decisions = (List<RateLimiter.Decision>) request.getProperty(DECISIONS);
        if (decisions.size() == 1) {
            // The usual case, one limit, written without a stream: this filter runs on every public answer.
            headers.putSingle("RateLimit-Policy", decisions.get(0).policyItem());
            headers.putSingle("RateLimit", decisions.get(0).limitItem());
        } else if (!decisions.isEmpty()) {
            headers.putSingle("RateLimit-Policy",
                    decisions.stream().map(RateLimiter.Decision::policyItem).collect(Collectors.joining(", ")));
            headers.putSingle("RateLimit",
                    decisions.stream().map(RateLimiter.Decision::limitItem).collect(Collectors.joining(", ")));
        }
        List<String> operationVary = varyByOperation.computeIfAbsent((String) operationId, this::operationVary);
        List<Object> existing = headers.get(HttpHeaders.VARY);
        if (existing == null) {
            headers.putSingle(HttpHeaders.VARY, String.join(", ", operationVary));
        } else {
            Set<String> vary = new LinkedHashSet<>();
            existing.forEach(value -> vary.addAll(List.of(String.valueOf(value).split("\\s*,\\s*"))));
            vary.addAll(operationVary);
            headers.putSingle(HttpHeaders.VARY, String.join(", ", vary));
        }
        boolean refusal = response.getStatus() >= 400;
        if (refusal) {
            headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        Object origin = request.getProperty(CORS_ORIGIN);
        if (origin != null && (refusal || request.getProperty(PARTNER_ORIGIN) != null)) {
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    /** What a public answer depends on besides its address: the caller's origin and key, and its header parameters. */
    private List<String> operationVary(String operationId) {
        List<String> vary = new ArrayList<>(List.of("Origin", API_KEY));
        contract.parameters(operationId).values().stream()
                .filter(parameter -> parameter.in() == ApiContract.Location.HEADER)
                .forEach(parameter -> vary.add(parameter.name()));
        // Without repeats: the common answer's Vary is this list as it is.
        return List.copyOf(new LinkedHashSet<>(vary));
    }

    private PartnersConfig config() {
        PartnersConfig loaded = loadedConfig;
        if (loaded == null) {
            loaded = config.get();
            loadedConfig = loaded;
        }
        return loaded;
    }
}

package org.clinicfinder.search;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.clinicfinder.api.async.ProvidersApi;
import org.clinicfinder.api.model.ProviderDetail;
import org.clinicfinder.api.model.ProviderKind;
import org.clinicfinder.api.model.ProviderPage;
import org.clinicfinder.api.model.TreatmentSlug;
import org.clinicfinder.common.ProblemException;

/**
 * GET /api/v1/providers and /api/v1/providers/{id}, as declared in openapi.yaml. Asynchronous: the request's
 * filters and this class run on the HTTP event loop, and the search itself on one of the search turns' threads
 * (SearchTurns), so that a search waiting for its turn holds no thread.
 */
// The generated interface carries the full path of each operation.
@Path("/")
public class ProviderSearchResource implements ProvidersApi {

    @Inject
    ProviderSearchService searchService;

    @Inject
    ProviderDetailService detailService;

    @Inject
    SearchTurns turns;

    @Context
    UriInfo uriInfo;

    @Override
    public CompletionStage<ProviderPage> searchProviders(List<String> country, String region, String city,
            List<TreatmentSlug> treatment, String q, Double lat, Double lon, Double radiusKm, Boolean verified,
            String language, ProviderKind kind, String sort, String cursor, Integer limit, List<String> facets) {
        // Read and checked on the request's thread: a bad request is answered without waiting for a turn, and the
        // search's own thread has no request context.
        ProviderSearchService.Checked checked = searchService.check(new ProviderSearchService.Request(country,
                region, city, treatment.stream().map(TreatmentSlug::toString).toList(), q, lat, lon, radiusKm,
                uriInfo.getQueryParameters().containsKey("radiusKm"), verified, language,
                kind == null ? null : kind.toString(), sort, cursor, limit, facets));
        return turns.submit(() -> searchService.search(checked));
    }

    @Override
    public CompletionStage<ProviderDetail> getProvider(UUID id) {
        return turns.submit(() -> detailService.findPublished(id)
                .orElseThrow(() -> ProblemException.notFound("No published provider has the id " + id + ".")));
    }
}

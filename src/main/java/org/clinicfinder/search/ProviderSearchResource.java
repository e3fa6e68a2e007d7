package org.clinicfinder.search;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.clinicfinder.api.ProvidersApi;
import org.clinicfinder.api.model.ProviderDetail;
import org.clinicfinder.api.model.ProviderKind;
import org.clinicfinder.api.model.ProviderPage;
import org.clinicfinder.api.model.TreatmentSlug;
import org.clinicfinder.common.ProblemException;

/** GET /api/v1/providers and /api/v1/providers/{id}, as declared in openapi.yaml. */
// The generated interface carries the full path of each operation.
@Path("/")
public class ProviderSearchResource implements ProvidersApi {

    @Inject
    ProviderSearchService searchService;

    @Inject
    ProviderDetailService detailService;

    @Context
    UriInfo uriInfo;

    @Override
    public ProviderPage searchProviders(List<String> country, String region, String city,
            List<TreatmentSlug> treatment, String q, Double lat, Double lon, Double radiusKm, Boolean verified,
            String language, ProviderKind kind, String sort, String cursor, Integer limit, List<String> facets) {
        return searchService.search(new ProviderSearchService.Request(country,
                region, city, treatment.stream().map(TreatmentSlug::toString).toList(), q, lat, lon, radiusKm,
                uriInfo.getQueryParameters().containsKey("radiusKm"), verified, language,
                kind == null ? null : kind.toString(), sort, cursor, limit, facets));
    }

    @Override
    public ProviderDetail getProvider(UUID id) {
        return detailService.findPublished(id)
                .orElseThrow(() -> ProblemException.notFound("No published provider has the id " + id + "."));
    }
}

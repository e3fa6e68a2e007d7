package org.clinicfinder.search;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.clinicfinder.api.model.FacetCount;
import org.clinicfinder.api.model.Facets;
import org.clinicfinder.api.model.FieldError;
import org.clinicfinder.api.model.ProviderPage;
import org.clinicfinder.common.ProblemException;

/**
 * Public search: checks what openapi.yaml cannot say on its own (codes that exist, parameters that need
 * each other), runs the keyset query and the facet counts, and pages by signed cursor.
 */
@ApplicationScoped
public class ProviderSearchService {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    /** Codes people type that ISO 3166-1 spells otherwise. */
    private static final Map<String, String> COUNTRY_ALIASES = Map.of("UK", "GB", "EL", "GR");
    private static final byte[] ITEMS = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT_CURSOR = "],\"nextCursor\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FACETS = ",\"facets\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    @Inject
    ProviderSearchQueries queries;

    @Inject
    SearchCursor cursors;

    @Inject
    ObjectMapper jsonMapper;

    /**
     * The request as the contract delivers it, syntax and ranges already checked; radiusKm holds the contract's
     * default when the client left it out.
     */
    public record Request(List<String> country, String region, String city, List<String> treatment, String q,
            Double lat, Double lon, double radiusKm, boolean radiusKmGiven, Boolean verified, String language, String kind, String sort,
            String cursor, int limit, List<String> facets) {
    }

    /** A request checked and ready to run: a bad one is refused before it waits for a turn. */
    record Checked(SearchCriteria criteria, SearchCursor.Position after, int limit, List<String> facetNames) {
    }

    /** Checks the request's values against each other and the cursor against them (400 when they do not fit). */
    Checked check(Request request) {
        SearchCriteria criteria = criteria(request);
        SearchCursor.Position after = request.cursor() == null ? null : cursors.decode(request.cursor(), criteria);
        return new Checked(criteria, after, request.limit(), facetNames(request.facets()));
    }

    /** Runs a checked search in the database: on a search turn's thread. */
    ProviderPage search(Checked request) {
        SearchCriteria criteria = request.criteria();
        try {
            ProviderSearchQueries.PageAndFacets found = queries.page(criteria, request.after(), request.limit(),
                    request.facetNames());
            List<ProviderSearchQueries.Row> rows = found.rows();
            boolean more = rows.size() > request.limit();
            List<ProviderSearchQueries.Row> shown = more ? rows.subList(0, request.limit()) : rows;
            String next = null;
            if (more) {
                ProviderSearchQueries.Row last = shown.get(shown.size() - 1);
                next = cursors.encode(criteria, new SearchCursor.Position(last.sortKey(), last.id()));
            }
            Facets facets = found.facetCounts() == null ? null : facets(found.facetCounts());
            return new WrittenProviderPage(pageJson(shown, next, facets), next);
        } catch (SQLException e) {
            throw new IllegalStateException("Search failed", e);
        }
    }

    /** The contract's ProviderPage: the rows' summaries as PostgreSQL wrote them, then the cursor and facets. */
    private byte[] pageJson(List<ProviderSearchQueries.Row> rows, String next, Facets facets) {
        ByteArrayOutputStream json = new ByteArrayOutputStream(64 + rows.size() * 640);
        json.writeBytes(ITEMS);
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                json.write(',');
            }
            json.writeBytes(rows.get(i).summaryJson());
        }
        json.writeBytes(NEXT_CURSOR);
        // A cursor is base64url text and a dot: nothing in it needs escaping.
        json.writeBytes(next == null ? NULL : ('"' + next + '"').getBytes(StandardCharsets.US_ASCII));
        if (facets != null) {
            json.writeBytes(FACETS);
            try {
                json.writeBytes(jsonMapper.writeValueAsBytes(facets));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Writing facet counts failed", e);
            }
        }
        json.write('}');
        return json.toByteArray();
    }

    private SearchCriteria criteria(Request request) {
        List<FieldError> errors = new ArrayList<>();
        List<String> countries = new ArrayList<>();
        for (String code : request.country()) {
            String upper = code.toUpperCase(Locale.ROOT);
            if (COUNTRY_ALIASES.containsKey(upper)) {
                errors.add(new FieldError("country", "\"" + code + "\" is not an ISO 3166-1 code; use "
                        + COUNTRY_ALIASES.get(upper)));
            } else if (!COUNTRIES.contains(upper)) {
                errors.add(new FieldError("country", "\"" + code + "\" is not an ISO 3166-1 alpha-2 country code"));
            } else if (!countries.contains(upper)) {
                countries.add(upper);
            }
        }
        String language = request.language() == null ? null : request.language().toLowerCase(Locale.ROOT);
        if (language != null && !LANGUAGES.contains(language)) {
            errors.add(new FieldError("language", "\"" + request.language() + "\" is not an ISO 639-1 language code"));
        }
        String text = blankToNull(request.q());
        if (text != null && text.codePoints().filter(Character::isLetterOrDigit).count() < 2) {
            errors.add(new FieldError("q", "must hold at least 2 letters or digits"));
        }
        String region = blankToNull(request.region());
        String city = blankToNull(request.city());
        if (request.region() != null && region == null) {
            errors.add(new FieldError("region", "must not be blank"));
        }
        if (request.city() != null && city == null) {
            errors.add(new FieldError("city", "must not be blank"));
        }
        SearchCriteria.GeoPoint near = null;
        if ((request.lat() == null) != (request.lon() == null)) {
            errors.add(new FieldError(request.lat() == null ? "lat" : "lon",
                    "is required with " + (request.lat() == null ? "lon" : "lat") + "; give both or neither"));
        } else if (request.lat() != null) {
            near = new SearchCriteria.GeoPoint(request.lat(), request.lon());
        }
        if (near == null && request.radiusKmGiven()) {
            errors.add(new FieldError("radiusKm", "needs lat and lon"));
        }
        SearchSort sort = SearchSort.fromParameter(request.sort());
        if (sort == SearchSort.RELEVANCE && text == null) {
            errors.add(new FieldError("sort", "relevance needs q"));
        }
        if (sort == SearchSort.DISTANCE && near == null) {
            errors.add(new FieldError("sort", "distance needs lat and lon"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidParameters(errors);
        }
        if (sort == null) {
            sort = text != null ? SearchSort.RELEVANCE : near != null ? SearchSort.DISTANCE : SearchSort.NAME;
        }
        return new SearchCriteria(List.copyOf(countries), region, city, List.copyOf(request.treatment()), text, near,
                request.radiusKm(), request.verified(), language, request.kind(), sort);
    }

    private static List<String> facetNames(List<String> requested) {
        List<String> names = new ArrayList<>();
        for (String value : requested) {
            for (String name : value.split(",")) {
                if (!name.isBlank() && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static Facets facets(Map<String, Map<String, Long>> counts) {
        Facets facets = new Facets().country(null).treatment(null).language(null).kind(null);
        counts.forEach((facet, values) -> {
            List<FacetCount> list = values.entrySet().stream()
                    .map(entry -> new FacetCount(entry.getKey(), entry.getValue()))
                    .toList();
            switch (facet) {
                case "country" -> facets.setCountry(list);
                case "treatment" -> facets.setTreatment(list);
                case "language" -> facets.setLanguage(list);
                case "kind" -> facets.setKind(list);
                default -> throw new IllegalArgumentException(facet);
            }
        });
        return facets;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package org.clinicfinder.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinicfinder.testing.TestProviders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every query shape of the public API is served by an index: EXPLAIN of the very SQL the service runs, over a
 * few thousand generated providers, must not read the provider table sequentially. Facet counts under filters
 * on country, kind and verification only must not read it at all: they come from provider_facet_count.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderSearchPlanTest {

    private static final SearchCriteria.GeoPoint LONDON = new SearchCriteria.GeoPoint(51.5074, -0.1278);

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    void generateDirectory() {
        TestProviders providers = new TestProviders(dataSource);
        providers.deleteAll();
        // The dictionary keeps words whose providers have gone; this directory's words are the test's.
        providers.execute("TRUNCATE search_word");
        // 6,000 providers over 60 cities in 12 countries, a tenth of them unpublished; a text search matches
        // a few of them, as it does in a real directory.
        providers.execute("""
                INSERT INTO provider (name, kind, city, region, country, latitude, longitude, treatments, languages,
                    credentials, source, external_id, source_key, published)
                SELECT CASE WHEN n % 50 = 1 THEN 'Derma Pen Zürich ' || n ELSE 'Clinic ' || md5(n::text) END,
                    CASE WHEN n % 3 = 0 THEN 'practitioner' ELSE 'clinic' END,
                    'City ' || (n % 60), 'Region ' || (n % 30),
                    (ARRAY['GB','IE','AU','NZ','ZA','US','CA','DE','CH','FR','ES','NL'])[n % 12 + 1],
                    CASE WHEN n % 20 = 0 THEN NULL ELSE -60 + (n % 60) * 2 + (n % 7) * 0.01 END,
                    CASE WHEN n % 20 = 0 THEN NULL ELSE -170 + (n % 60) * 5 + (n % 11) * 0.01 END,
                    ((ARRAY['{acne-scars,wrinkles}', '{stretch-marks}', '{hair-loss,pigmentation}',
                            '{acne-scars,skin-rejuvenation}'])[n % 4 + 1])::text[],
                    ((ARRAY['{en}', '{de,en}', '{fr}', '{es,en}'])[n % 4 + 1])::text[],
                    jsonb_build_array(jsonb_build_object('title', 'Diploma', 'issuer', 'Academy',
                        'status', CASE WHEN n % 2 = 0 THEN 'verified' ELSE 'unverified' END)),
                    'plan-test', 'P' || n, 'id:P' || n, n % 10 <> 0
                FROM generate_series(1, 6000) AS n""");
        // As autovacuum would: statistics, GIN pending lists merged into the indexes, and the visibility map that
        // index-only scans need.
        providers.execute("VACUUM ANALYZE provider");
        providers.execute("VACUUM ANALYZE provider_name_word");
    }

    static SearchCriteria criteria(List<String> countries, String region, String city, List<String> treatments,
            String text, SearchCriteria.GeoPoint near, Boolean verified, String language, String kind,
            SearchSort sort) {
        return new SearchCriteria(countries, region, city, treatments, text, near, 25, verified, language, kind,
                sort);
    }

    static Stream<Arguments> pageShapes() {
        List<String> none = List.of();
        return Stream.of(
                Arguments.of("everything by name", criteria(none, null, null, none, null, null, null, null, null,
                        SearchSort.NAME)),
                Arguments.of("country", criteria(List.of("DE"), null, null, none, null, null, null, null, null,
                        SearchSort.NAME)),
                Arguments.of("countries", criteria(List.of("DE", "FR"), null, null, none, null, null, null, null,
                        null, SearchSort.NAME)),
                Arguments.of("country and city", criteria(List.of("DE"), null, "City 7", none, null, null, null,
                        null, null, SearchSort.NAME)),
                Arguments.of("city", criteria(none, null, "City 7", none, null, null, null, null, null,
                        SearchSort.NAME)),
                Arguments.of("region", criteria(none, "Region 3", null, none, null, null, null, null, null,
                        SearchSort.NAME)),
                Arguments.of("treatment", criteria(none, null, null, List.of("hair-loss"), null, null, null, null,
                        null, SearchSort.NAME)),
                Arguments.of("country and treatment", criteria(List.of("GB"), null, null, List.of("acne-scars"),
                        null, null, null, null, null, SearchSort.NAME)),
                Arguments.of("text by relevance", criteria(none, null, null, none, "derma", null, null, null, null,
                        SearchSort.RELEVANCE)),
                Arguments.of("text and country", criteria(List.of("CH"), null, null, none, "zurich", null, null,
                        null, null, SearchSort.RELEVANCE)),
                Arguments.of("text, a word of most names", criteria(none, null, null, none, "clinic", null, null,
                        null, null, SearchSort.RELEVANCE)),
                Arguments.of("text, a city", criteria(none, null, null, none, "city 7", null, null, null, null,
                        SearchSort.RELEVANCE)),
                Arguments.of("text, a typo", criteria(none, null, null, none, "zurik", null, null, null, null,
                        SearchSort.RELEVANCE)),
                Arguments.of("text by name", criteria(none, null, null, none, "derma", null, null, null, null,
                        SearchSort.NAME)),
                Arguments.of("distance", criteria(none, null, null, none, null, LONDON, null, null, null,
                        SearchSort.DISTANCE)),
                Arguments.of("distance and treatment", criteria(none, null, null, List.of("acne-scars"), null,
                        LONDON, null, null, null, SearchSort.DISTANCE)),
                Arguments.of("distance by name", criteria(none, null, null, none, null, LONDON, null, null, null,
                        SearchSort.NAME)),
                Arguments.of("verified", criteria(none, null, null, none, null, null, true, null, null,
                        SearchSort.NAME)),
                Arguments.of("language", criteria(none, null, null, none, null, null, null, "fr", null,
                        SearchSort.NAME)),
                Arguments.of("kind", criteria(none, null, null, none, null, null, null, null, "practitioner",
                        SearchSort.NAME)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pageShapes")
    void shouldServeEveryPageShapeFromAnIndex(String shape, SearchCriteria criteria) throws SQLException {
        if (criteria.sort() == SearchSort.RELEVANCE) {
            for (int tier = 0; tier < ProviderSearchQueries.RELEVANCE_TIERS; tier++) {
                if (readsMostOfTheDirectory(criteria, tier)) {
                    continue;
                }
                assertNoSequentialScan(shape + ", tier " + tier,
                        ProviderSearchQueries.relevanceStatement(criteria, tier, words(criteria), null, 21));
            }
        } else {
            assertNoSequentialScan(shape, ProviderSearchQueries.pageStatement(criteria, null, 20));
        }
    }

    @ParameterizedTest(name = "{0}, deep page")
    @MethodSource("pageShapes")
    void shouldServeDeepPagesFromAnIndex(String shape, SearchCriteria criteria) throws SQLException {
        if (criteria.sort() == SearchSort.RELEVANCE) {
            assertNoSequentialScan(shape, ProviderSearchQueries.relevanceStatement(criteria, 1, words(criteria),
                    new SearchCursor.Position("clinic 3000 derma", UUID.randomUUID()), 21));
            return;
        }
        String key = criteria.sort() == SearchSort.NAME ? "clinic 3000 derma" : "5000.5";
        assertNoSequentialScan(shape, ProviderSearchQueries.pageStatement(criteria,
                new SearchCursor.Position(key, UUID.randomUUID()), 20));
    }

    @ParameterizedTest(name = "relevance tier {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void shouldServeDeepPagesOfEveryRelevanceTierFromAnIndex(int tier) throws SQLException {
        for (String text : List.of("clinic", "derma", "city 7", "zurik")) {
            SearchCriteria criteria = criteria(List.of(), null, null, List.of(), text, null, null, null, null,
                    SearchSort.RELEVANCE);
            if (readsMostOfTheDirectory(criteria, tier)) {
                continue;
            }
            assertNoSequentialScan(text + " from tier " + tier, ProviderSearchQueries.relevanceStatement(criteria,
                    tier, words(criteria), new SearchCursor.Position("clinic 3000 derma", UUID.randomUUID()), 21));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"derma", "derma pen z", "clinic", "c", "clinic 1", "city 7", "zurik", "derma x"})
    void shouldSpellOutTheLastWordsBeginningWithoutChangingTheMatches(String text) throws SQLException {
        String sql = "SELECT count(*) FILTER (WHERE search_words @@ search_query(?)),"
                + " count(*) FILTER (WHERE search_words @@ search_words_query(?)) FROM provider WHERE published";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement counts = ProviderSearchQueries.prepare(connection,
                        new ProviderSearchQueries.Statement(sql, List.of(text, text)));
                ResultSet rs = counts.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(2)).as("providers matching %s", text).isEqualTo(rs.getLong(1));
        }
    }

    /**
     * Walking the search's words' providers finds, page after page, what walking every name finds: each name tier
     * is the names that hold every word, whichever word is walked and however many the last word's beginning spells.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"derma", "derma pen", "derma pen z", "pen zurich", "zurich derma", "derma 1001", "pen 105",
            "clinic 1", "clinic",
            "zur", "cl", "city 7", "nomatch"})
    void shouldFindByEachWordsProvidersWhatWalkingEveryNameFinds(String text) throws SQLException {
        for (List<String> countries : List.of(List.<String>of(), List.of("CH"))) {
            SearchCriteria criteria = criteria(countries, null, null, List.of(), text, null, null, null, null,
                    SearchSort.RELEVANCE);
            ProviderSearchQueries.SearchWords words = words(criteria);
            ProviderSearchQueries.SearchWords everyName = new ProviderSearchQueries.SearchWords(words.key(),
                    words.query(), null);
            for (int tier = 1; tier <= 2; tier++) {
                List<List<Object>> walked = new ArrayList<>();
                List<List<Object>> named = new ArrayList<>();
                SearchCursor.Position after = null;
                // Pages of 7: the cursor carries the walk on from within a word's providers.
                do {
                    List<List<Object>> page = tierRows(ProviderSearchQueries.relevanceStatement(criteria, tier, words,
                            after, 7));
                    assertThat(page).as("%s in %s, tier %d after %s", text, countries, tier, after)
                            .isEqualTo(tierRows(ProviderSearchQueries.relevanceStatement(criteria, tier, everyName,
                                    after, 7)));
                    walked.addAll(page);
                    after = page.size() < 7 ? null : new SearchCursor.Position((String) page.get(6).get(1),
                            (UUID) page.get(6).get(0));
                } while (after != null);
                named.addAll(tierRows(ProviderSearchQueries.relevanceStatement(criteria, tier, everyName, null,
                        100_000)));
                assertThat(walked).as("%s in %s, tier %d, every page", text, countries, tier).isEqualTo(named);
            }
        }
    }

    @Test
    void shouldWalkTheWordWithTheFewestProviders() throws SQLException {
        assertThat(walked("derma pen zurich 1001")).as("a whole word against its last word's few words")
                .isEqualTo("{1001}");
        assertThat(walked("pen 105")).as("the last word's words, fewer than a whole word's")
                .isEqualTo("{1051,105e822401}");
        assertThat(walked("derma clinic")).as("a whole word against the many providers of the last")
                .isEqualTo("{derma}");
        assertThat(walked("clinic derma")).as("the last word, fewer than a whole word").isEqualTo("{derma}");
        assertThat(walked("cl")).as("one word, the beginning of a few").isEqualTo("{clinic}");
        assertThat(walked("1")).as("the beginning of too many words to walk each").isNull();
        assertThat(walked("xyzzy")).as("the beginning of no word").isEqualTo("{}");
    }

    private String walked(String text) throws SQLException {
        return words(criteria(List.of(), null, null, List.of(), text, null, null, null, null, SearchSort.RELEVANCE))
                .walked();
    }

    private List<List<Object>> tierRows(ProviderSearchQueries.Statement statement) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prepared = ProviderSearchQueries.prepare(connection, statement);
                ResultSet rs = prepared.executeQuery()) {
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(List.of(rs.getObject(1, UUID.class), rs.getString(3)));
            }
            return rows;
        }
    }

    /**
     * The last tier of a word in nearly every name (the generated names all begin with "Clinic") is nearly every
     * provider: reading the table is its plan. It is only reached after every other tier's pages.
     */
    private static boolean readsMostOfTheDirectory(SearchCriteria criteria, int tier) {
        return tier == ProviderSearchQueries.RELEVANCE_TIERS - 1 && criteria.text().equals("clinic");
    }

    private ProviderSearchQueries.SearchWords words(SearchCriteria criteria) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return ProviderSearchQueries.searchWords(connection, criteria.text());
        }
    }

    @ParameterizedTest(name = "facets, {0}")
    @MethodSource("pageShapes")
    void shouldCountFacetsFromStoredCountsOrAnIndexUnderSelectiveFilters(String shape, SearchCriteria criteria)
            throws SQLException {
        ProviderSearchQueries.Statement statement = ProviderSearchQueries.facetStatement(criteria,
                List.of("country", "treatment", "language", "kind"));
        boolean selective = !criteria.countries().isEmpty() || criteria.city() != null || criteria.region() != null
                || criteria.text() != null || criteria.near() != null;
        if (ProviderSearchQueries.countsStored(criteria)) {
            assertThat(relations(plan(statement))).as("tables read for %s", shape)
                    .containsOnly("provider_facet_count");
        } else if (selective) {
            assertNoSequentialScan(shape, statement);
        }
    }

    @ParameterizedTest(name = "facets, {0}, and kind and verified")
    @MethodSource("pageShapes")
    void shouldReadStoredCountsForCountryKindAndVerification(String shape, SearchCriteria criteria)
            throws SQLException {
        SearchCriteria narrowed = new SearchCriteria(criteria.countries(), criteria.region(), criteria.city(),
                criteria.treatments(), criteria.text(), criteria.near(), criteria.radiusKm(), true,
                criteria.language(), "clinic", criteria.sort());
        if (ProviderSearchQueries.countsStored(narrowed)) {
            assertThat(relations(plan(ProviderSearchQueries.facetStatement(narrowed, List.of("kind")))))
                    .as("tables read for %s", shape).containsOnly("provider_facet_count");
        }
    }

    private void assertNoSequentialScan(String shape, ProviderSearchQueries.Statement statement)
            throws SQLException {
        JsonNode plan = plan(statement);
        List<String> sequentialScans = new ArrayList<>();
        collectSequentialScans(plan, sequentialScans);
        assertThat(sequentialScans).as("sequential scans for %s in plan %s", shape, plan.toPrettyString()).isEmpty();
    }

    private JsonNode plan(ProviderSearchQueries.Statement statement) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement explain = ProviderSearchQueries.prepare(connection,
                        new ProviderSearchQueries.Statement("EXPLAIN (FORMAT JSON) " + statement.sql(),
                                statement.parameters()));
                ResultSet rs = explain.executeQuery()) {
            rs.next();
            return new ObjectMapper().readTree(rs.getString(1)).get(0).get("Plan");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> relations(JsonNode node) {
        List<String> found = new ArrayList<>();
        if (node.has("Relation Name")) {
            found.add(node.path("Relation Name").asText());
        }
        node.path("Plans").forEach(child -> found.addAll(relations(child)));
        return found;
    }

    private static void collectSequentialScans(JsonNode node, List<String> found) {
        if ("Seq Scan".equals(node.path("Node Type").asText()) && "provider".equals(node.path("Relation Name").asText())) {
            found.add(node.path("Filter").asText());
        }
        node.path("Plans").forEach(child -> collectSequentialScans(child, found));
    }
}

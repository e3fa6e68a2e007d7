package org.clinicfinder.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The public search in SQL. It needs PostgreSQL's own operators (trigram similarity, earthdistance,
 * array containment), so it is written here by hand, in one place, and every shape of it is served by an
 * index of V1__provider_directory.sql or, for most facet counts, by the counts of V9__facet_counts.sql
 * (ProviderSearchPlanTest holds it to that).
 *
 * <p>Paging is keyset: each order is (sort key, id), and the next page starts after the last row's pair. The
 * relevance order is (tier, name_key, id): see {@link #RELEVANCE_TIERS}.
 */
@ApplicationScoped
public class ProviderSearchQueries {

    /**
     * A search row: its place in the order (sort key and id, for the next page's cursor) and its summary, the
     * contract's ProviderSummary as UTF-8 JSON written by PostgreSQL (see {@link #summaryColumns}).
     */
    record Row(UUID id, String sortKey, byte[] summaryJson) {
    }

    /** A statement and its parameters, in order. */
    record Statement(String sql, List<Object> parameters) {
    }

    private static final List<String> FACETS = List.of("country", "treatment", "language", "kind");

    @Inject
    SearchTurns turns;

    /** A page of rows and, when facets are asked for, their counts (else null): one turn in the database. */
    record PageAndFacets(List<Row> rows, Map<String, Map<String, Long>> facetCounts) {
    }

    PageAndFacets page(SearchCriteria criteria, SearchCursor.Position after, int limit, List<String> facets)
            throws SQLException {
        return turns.run(connection -> new PageAndFacets(page(connection, criteria, after, limit),
                facets.isEmpty() ? null : facets(connection, criteria, facets)));
    }

    private static List<Row> page(Connection connection, SearchCriteria criteria, SearchCursor.Position after,
            int limit) throws SQLException {
        if (criteria.sort() != SearchSort.RELEVANCE) {
            List<Row> rows = new ArrayList<>(limit + 1);
            read(connection, pageStatement(criteria, after, limit), criteria, null, rows);
            return rows;
        }
        return relevancePage(connection, criteria, after, limit);
    }

    /**
     * The relevance tiers' statements in turn, from the cursor's tier, until the page and one more row are found:
     * a tier is planned and run only when the tiers before it leave room.
     */
    private static List<Row> relevancePage(Connection connection, SearchCriteria criteria,
            SearchCursor.Position after, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>(limit + 1);
        int tier = 0;
        SearchCursor.Position within = null;
        if (after != null) {
            int colon = after.sortKey().indexOf(':');
            tier = Integer.parseInt(after.sortKey().substring(0, colon));
            within = new SearchCursor.Position(after.sortKey().substring(colon + 1), after.id());
        }
        SearchWords words = null;
        for (; tier < RELEVANCE_TIERS && rows.size() <= limit; tier++) {
            if (tier > 0 && words == null) {
                words = searchWords(connection, criteria.text());
            }
            read(connection, relevanceStatement(criteria, tier, words, within, limit + 1 - rows.size()), criteria,
                    tier, rows);
            within = null;
        }
        return rows;
    }

    /** The search's key and words, read once for the tiers after the first (see {@link SearchWords}). */
    static SearchWords searchWords(Connection connection, String text) throws SQLException {
        try (PreparedStatement prepared = prepare(connection, wordsStatement(text));
                ResultSet rs = prepared.executeQuery()) {
            rs.next();
            return new SearchWords(rs.getString(1), rs.getString(2), rs.getString(3));
        }
    }

    static Statement wordsStatement(String text) {
        return new Sql().append("SELECT search_key(?) AS search_key, search_words_query(?)::text AS search_words,"
                + " search_walked_words(?)::text AS walked_words", text, text, text).statement();
    }

    /** Adds the statement's rows; a relevance tier's sort key is the tier and the name key. */
    private static void read(Connection connection, Statement statement, SearchCriteria criteria, Integer tier,
            List<Row> rows) throws SQLException {
        try (PreparedStatement prepared = prepare(connection, statement);
                ResultSet rs = prepared.executeQuery()) {
            while (rs.next()) {
                // Numeric keys travel in their exact shortest form, so that the next page starts exactly here.
                String sortKey = switch (criteria.sort()) {
                    case NAME -> rs.getString(3);
                    case RELEVANCE -> tier + ":" + rs.getString(3);
                    case DISTANCE -> Double.toString(rs.getDouble(3));
                };
                // The JSON column's bytes as PostgreSQL sent them: UTF-8, never decoded into a String.
                rows.add(new Row(rs.getObject(1, UUID.class), sortKey, rs.getBytes(2)));
            }
        }
    }

    /** One published provider as the contract's ProviderDetail, UTF-8 JSON written by PostgreSQL. */
    Optional<byte[]> publishedProviderJson(UUID id) throws SQLException {
        return turns.run(connection -> {
            try (PreparedStatement prepared = connection.prepareStatement(DETAIL)) {
                prepared.setObject(1, id);
                try (ResultSet rs = prepared.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Fields in the contract's order, unknown values left out. Needle depths are the contract's doubles (0.5,
     * not the column's 0.50); updatedAt is UTC with a Z, as the admin API's Jackson writes it.
     */
    private static final String DETAIL = """
            SELECT json_strip_nulls(json_build_object('id', p.id, 'name', p.name, 'kind', p.kind,
            'profession', p.profession, 'address', json_build_object('lines', p.address_lines, 'city', p.city,
            'region', p.region, 'postalCode', p.postal_code, 'country', p.country), 'location', CASE WHEN p.latitude
            IS NOT NULL AND p.longitude IS NOT NULL THEN json_build_object('lat', p.latitude, 'lon', p.longitude) END,
            'phone', p.phone, 'email', p.email, 'website', p.website, 'treatments', p.treatments,
            'languages', p.languages, 'devices', p.devices, 'needleDepthMm', CASE WHEN p.needle_depth_min_mm IS NOT NULL
            AND p.needle_depth_max_mm IS NOT NULL THEN json_build_object('min', p.needle_depth_min_mm::float8,
            'max', p.needle_depth_max_mm::float8) END, 'numbingOffered', p.numbing_offered,
            'openingHours', p.opening_hours, 'credentials', p.credentials, 'verified', p.verified,
            'updatedAt', (to_json(p.updated_at AT TIME ZONE 'UTC') #>> '{}') || 'Z'))
            FROM provider p WHERE p.id = ? AND p.published""";

    /** Counts per facet value under the criteria, largest first: facet name, then value to count. */
    private static Map<String, Map<String, Long>> facets(Connection connection, SearchCriteria criteria,
            List<String> facets) throws SQLException {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        facets.forEach(facet -> counts.put(facet, new LinkedHashMap<>()));
        try (PreparedStatement prepared = prepare(connection, facetStatement(criteria, facets));
                ResultSet rs = prepared.executeQuery()) {
            while (rs.next()) {
                counts.get(rs.getString(1)).put(rs.getString(2), rs.getLong(3));
            }
        }
        return counts;
    }

    /** The page query: matching published rows after the cursor, in sort order, one more than asked for. */
    static Statement pageStatement(SearchCriteria criteria, SearchCursor.Position after, int limit) {
        if (criteria.sort() == SearchSort.RELEVANCE) {
            throw new IllegalArgumentException("relevance has a statement a tier: relevanceStatement");
        }
        Sql sql = new Sql();
        Sql sortKey = sortKey(criteria);
        boolean byDistance = criteria.sort() == SearchSort.DISTANCE;
        if (byDistance) {
            // The location index hands out rows nearest first only when ordered by the distance alone; the
            // rows tied with the last one come along, and the outer query orders them by id.
            sql.append("SELECT * FROM (");
        }
        sql.append(summaryColumns(criteria)).append(", ").append(sortKey).append(" AS sort_key");
        sql.append(" FROM provider p WHERE ").append(filters(criteria)).append(textFilter(criteria));
        if (after != null) {
            sql.append(" AND (").append(sortKey).append(", p.id) > (");
            switch (criteria.sort()) {
                case NAME -> sql.append("?", after.sortKey());
                case DISTANCE -> sql.append("?", Double.valueOf(after.sortKey()));
                case RELEVANCE -> throw new IllegalArgumentException("relevance has a statement of its own");
            }
            sql.append(", ?)", after.id());
        }
        if (byDistance) {
            sql.append(" ORDER BY ").append(sortKey).append(" FETCH FIRST ? ROWS WITH TIES) nearest", limit + 1)
                    .append(" ORDER BY sort_key, id LIMIT ?", limit + 1);
        } else {
            sql.append(" ORDER BY ").append(sortKey).append(", p.id LIMIT ?", limit + 1);
        }
        return sql.statement();
    }

    /**
     * Free text by relevance: the matches in tiers, best first, each in (name_key, id) order and each holding
     * what no earlier tier holds. Each tier is a statement of its own, run only when the tiers before it leave
     * room on the page, so that a page filled by the first tiers neither plans nor runs the others. All but the
     * last are read in index order, so a page stops at its end however many providers match.
     * <ol start="0">
     * <li>the name begins with the search ("skin lab" finds Skin Lab London first);
     * <li>the name holds every word of the search, the last one also as the beginning of a word, and sorts
     * before the names of tier 0;
     * <li>the same, and sorts after them (two ranges of the name index, rather than one range filtered by
     * "does not begin with", which the planner takes for independent of "holds the words");
     * <li>the search is the provider's city or region;
     * <li>the words are found in name, city and region together ("skin london"), or the search's words are
     * spelled like the directory's words ("brigton"). This tier is what the others leave: the planner cannot
     * estimate such a difference, so it is sorted rather than walked, and it is reached after the others.
     * </ol>
     */
    static final int RELEVANCE_TIERS = 5;

    /**
     * What the tiers after the first match, computed once rather than in each tier's statement: the search's
     * key (search_key()) and its words as a tsquery (search_words_query(), the last word's beginning spelled out
     * as the directory's words) and the words whose providers tiers 1 and 2 walk (search_walked_words(), a
     * text[] literal, or null to walk every name). Given as values, they are constants to the planner, which
     * estimates them word by word and folds no function for them.
     */
    record SearchWords(String key, String query, String walked) {
    }

    /**
     * One relevance tier: its providers after {@code after} (a name key and id within this tier, or null for
     * the tier's start), {@code fetch} at most, in (name_key, id) order. Tiers after the first need the
     * search's {@code words}.
     */
    static Statement relevanceStatement(SearchCriteria criteria, int tier, SearchWords words,
            SearchCursor.Position after, int fetch) {
        if (tier > 0 && words == null) {
            throw new IllegalArgumentException("Relevance tier " + tier + " needs the search's words");
        }
        Sql sql = new Sql();
        switch (tier) {
            case 0 -> sql.append(relevanceColumns(criteria)).append(" FROM provider p WHERE ")
                    .append(filters(criteria))
                    .append(" AND p.name_key ^@ search_key(?)", criteria.text())
                    .append(after(after, "p.name_key"))
                    .append(" ORDER BY p.name_key, p.id LIMIT ?", fetch);
            case 1, 2 -> sql.append(words.walked() == null ? nameWalk(criteria, tier, words, after, fetch)
                    : wordWalk(criteria, tier, words, after, fetch));
            // The city's and the region's first providers, each read in order from its own index, then merged,
            // rather than all of a large city's providers sorted; a provider whose city and region are both the
            // search comes from the city.
            case 3 -> sql.append("SELECT * FROM ((").append(relevanceColumns(criteria))
                    .append(" FROM provider p WHERE ").append(filters(criteria))
                    .append(" AND p.city_key = ?", words.key())
                    .append(notInNameTiers(words))
                    .append(after(after, "p.name_key"))
                    .append(" ORDER BY p.name_key, p.id LIMIT ?) UNION ALL (", fetch).append(relevanceColumns(criteria))
                    .append(" FROM provider p WHERE ").append(filters(criteria))
                    .append(" AND p.region_key = ? AND p.city_key <> ?", words.key(), words.key())
                    .append(notInNameTiers(words))
                    .append(after(after, "p.name_key"))
                    .append(" ORDER BY p.name_key, p.id LIMIT ?)) place ORDER BY sort_key, id LIMIT ?", fetch, fetch);
            // Another collation of the index's order keeps the planner from walking the name index through rows
            // that the filter then rejects (see above).
            case 4 -> sql.append(relevanceColumns(criteria)).append(" FROM provider p WHERE ")
                    .append(filters(criteria))
                    .append(" AND (p.search_words @@ ?::tsquery", words.query())
                    .append(" OR p.search_words @@ (SELECT search_similar_query(?)))", criteria.text())
                    .append(notInNameTiers(words))
                    .append(" AND p.city_key <> ? AND p.region_key IS DISTINCT FROM ?", words.key(), words.key())
                    .append(after(after, "p.name_key COLLATE \"POSIX\""))
                    .append(" ORDER BY p.name_key COLLATE \"POSIX\", p.id LIMIT ?", fetch);
            default -> throw new IllegalArgumentException("No relevance tier " + tier);
        }
        return sql.statement();
    }

    /**
     * Tiers 1 and 2 through provider_name_word: the providers of each walked word (search_walked_words()) in
     * name order, whose names' words the index itself checks against the search, the first {@code fetch} of
     * each, merged. A walk reads only the names that hold its word, however the matches gather in the name order.
     */
    private static Sql wordWalk(SearchCriteria criteria, int tier, SearchWords words, SearchCursor.Position after,
            int fetch) {
        return relevanceColumns(criteria)
                .append(" FROM (SELECT DISTINCT hit.provider_id, hit.name_key FROM unnest(?::text[]) AS walked (word),",
                        words.walked())
                .append(" LATERAL (SELECT listed.provider_id, listed.name_key FROM provider_name_word listed")
                .append(" JOIN provider p ON p.id = listed.provider_id WHERE listed.word = walked.word")
                .append(" AND listed.name_words @@ ?::tsquery", words.query())
                .append(nameRange(tier, "listed.name_key"), words.key())
                .append(" AND ").append(filters(criteria))
                .append(after(after, "listed.name_key", "listed.provider_id"))
                .append(" ORDER BY listed.name_key, listed.provider_id LIMIT ?) hit", fetch)
                .append(" ORDER BY hit.name_key, hit.provider_id LIMIT ?) page", fetch)
                .append(" JOIN provider p ON p.id = page.provider_id ORDER BY p.name_key, p.id");
    }

    /**
     * Tiers 1 and 2 when the search is the beginning of too many words to walk each: every name in order. The
     * words are checked on the name index's own copy of name_words (an index-only scan), so only the page's
     * table rows are read.
     */
    private static Sql nameWalk(SearchCriteria criteria, int tier, SearchWords words, SearchCursor.Position after,
            int fetch) {
        return relevanceColumns(criteria)
                .append(" FROM (SELECT p.id FROM provider p WHERE ").append(filters(criteria))
                .append(" AND p.name_words @@ ?::tsquery", words.query())
                .append(nameRange(tier, "p.name_key"), words.key())
                .append(after(after, "p.name_key"))
                .append(" ORDER BY p.name_key, p.id LIMIT ?) hit JOIN provider p USING (id)", fetch)
                .append(" ORDER BY p.name_key, p.id");
    }

    /**
     * The names before those of tier 0, or after them. No name key holds U+10FFFF (search_key() turns it into a
     * space): the second bound follows every name that begins with the search.
     */
    private static String nameRange(int tier, String nameKey) {
        return tier == 1 ? " AND " + nameKey + " < ?" : " AND " + nameKey + " >= ? || chr(1114111)";
    }

    private static Sql relevanceColumns(SearchCriteria criteria) {
        return summaryColumns(criteria).append(", p.name_key AS sort_key");
    }

    /**
     * "SELECT p.id, summary": the provider's stored summary, the contract's ProviderSummary as JSON
     * (V12__provider_summary.sql), with the great-circle distance in km to two decimals first when the search
     * has a point, so that the service copies each row's JSON into the page as it is.
     */
    private static Sql summaryColumns(SearchCriteria criteria) {
        if (criteria.near() == null) {
            return new Sql().append("SELECT p.id, p.summary");
        }
        return new Sql().append("SELECT p.id, '{\"distanceKm\":' || round(sec_to_gc(")
                .append(distanceFrom(criteria.near()))
                .append(")::numeric / 1000, 2) || ',' || substr(p.summary::text, 2) AS summary");
    }

    private static Sql notInNameTiers(SearchWords words) {
        return new Sql().append(" AND NOT p.name_words @@ ?::tsquery AND NOT p.name_key ^@ ?", words.query(),
                words.key());
    }

    private static Sql after(SearchCursor.Position after, String order) {
        return after(after, order, "p.id");
    }

    private static Sql after(SearchCursor.Position after, String order, String id) {
        Sql sql = new Sql();
        if (after != null) {
            sql.append(" AND (" + order + ", " + id + ") > (?, ?)", after.sortKey(), after.id());
        }
        return sql;
    }

    /**
     * The facet counts: read from provider_facet_count (V9__facet_counts.sql, kept exact by triggers on
     * provider) when the criteria filter on nothing but country, kind and verification, else counted over the
     * matching providers.
     */
    static Statement facetStatement(SearchCriteria criteria, List<String> facets) {
        return countsStored(criteria) ? storedFacetStatement(criteria, facets) : liveFacetStatement(criteria, facets);
    }

    /** Whether provider_facet_count holds the facets of these criteria: it is keyed by country, kind and verified. */
    static boolean countsStored(SearchCriteria criteria) {
        return criteria.region() == null && criteria.city() == null && criteria.treatments().isEmpty()
                && criteria.text() == null && criteria.near() == null && criteria.language() == null;
    }

    static Statement storedFacetStatement(SearchCriteria criteria, List<String> facets) {
        List<String> names = new ArrayList<>();
        for (String facet : facets) {
            if (!FACETS.contains(facet)) {
                throw new IllegalArgumentException("Unknown facet " + facet);
            }
            names.add("'" + facet + "'");
        }
        Sql sql = new Sql().append("SELECT facet, value, sum(providers) FROM provider_facet_count WHERE facet IN (")
                .append(String.join(", ", names)).append(")");
        if (criteria.countries().size() == 1) {
            sql.append(" AND country = ?", criteria.countries().get(0));
        } else if (!criteria.countries().isEmpty()) {
            sql.append(" AND country = ANY(?)", (Object) criteria.countries().toArray(String[]::new));
        }
        if (criteria.verified() != null) {
            sql.append(" AND verified = ?", criteria.verified());
        }
        if (criteria.kind() != null) {
            sql.append(" AND kind = ?", criteria.kind());
        }
        // Counts of values no published provider has any more stay behind as zeros.
        return sql.append(" GROUP BY facet, value HAVING sum(providers) > 0 ORDER BY facet, 3 DESC, value")
                .statement();
    }

    /** Counts over the matching providers, for filters the stored counts are not keyed by. */
    static Statement liveFacetStatement(SearchCriteria criteria, List<String> facets) {
        Sql sql = new Sql()
                .append("WITH matched AS MATERIALIZED (SELECT p.country, p.kind, p.treatments, p.languages"
                        + " FROM provider p WHERE ")
                .append(filters(criteria))
                .append(textFilter(criteria))
                .append(") ");
        List<String> parts = new ArrayList<>();
        for (String facet : facets) {
            parts.add(switch (facet) {
                case "country" -> "SELECT 'country', country, count(*) FROM matched GROUP BY country";
                case "kind" -> "SELECT 'kind', kind, count(*) FROM matched GROUP BY kind";
                case "treatment" -> "SELECT 'treatment', value, count(*) FROM matched, unnest(treatments) value"
                        + " GROUP BY value";
                case "language" -> "SELECT 'language', value, count(*) FROM matched, unnest(languages) value"
                        + " GROUP BY value";
                default -> throw new IllegalArgumentException("Unknown facet " + facet);
            });
        }
        sql.append(String.join(" UNION ALL ", parts)).append(" ORDER BY 1, 3 DESC, 2");
        return sql.statement();
    }

    /** Keys that sort ascending: names as folded text, distance as the chord. */
    private static Sql sortKey(SearchCriteria criteria) {
        return switch (criteria.sort()) {
            case NAME -> new Sql().append("p.name_key");
            case DISTANCE -> new Sql().append("(").append(distanceFrom(criteria.near())).append(")");
            case RELEVANCE -> throw new IllegalArgumentException("relevance has a statement of its own");
        };
    }

    /** Straight-line distance through the earth in metres; it orders like the distance along the surface. */
    private static Sql distanceFrom(SearchCriteria.GeoPoint point) {
        return new Sql().append("geo_point(p.latitude, p.longitude) <-> geo_point(?, ?)", point.lat(), point.lon());
    }

    private static Sql filters(SearchCriteria criteria) {
        Sql sql = new Sql().append("p.published");
        if (criteria.countries().size() == 1) {
            // Equality, not ANY: only then does provider_by_country hand out the country's rows in name order.
            // With ANY, PostgreSQL walks provider_by_name and filters, through every provider named before the
            // country's first 20 (a French page: 52,000 rows, 430 ms at 1,000,000 providers).
            sql.append(" AND p.country = ?", criteria.countries().get(0));
        } else if (!criteria.countries().isEmpty()) {
            sql.append(" AND p.country = ANY(?)", (Object) criteria.countries().toArray(String[]::new));
        }
        if (criteria.region() != null) {
            sql.append(" AND p.region_key = search_key(?)", criteria.region());
        }
        if (criteria.city() != null) {
            sql.append(" AND p.city_key = search_key(?)", criteria.city());
        }
        if (!criteria.treatments().isEmpty()) {
            sql.append(" AND p.treatments @> ?", (Object) criteria.treatments().toArray(String[]::new));
        }
        if (criteria.near() != null) {
            double metres = criteria.radiusKm() * 1000;
            SearchCriteria.GeoPoint point = criteria.near();
            sql.append(" AND p.latitude IS NOT NULL")
                    .append(" AND earth_box(geo_point(?, ?), ?) @> geo_point(p.latitude, p.longitude)",
                            point.lat(), point.lon(), metres)
                    .append(" AND earth_distance(geo_point(?, ?), geo_point(p.latitude, p.longitude)) <= ?",
                            point.lat(), point.lon(), metres);
        }
        if (criteria.verified() != null) {
            sql.append(" AND p.verified = ?", criteria.verified());
        }
        if (criteria.language() != null) {
            sql.append(" AND p.languages @> ?", (Object) new String[] {criteria.language()});
        }
        if (criteria.kind() != null) {
            sql.append(" AND p.kind = ?", criteria.kind());
        }
        return sql;
    }

    /**
     * What free text matches when not ranked by relevance: the providers of any relevance tier, that is every
     * word in name, city and region (the last as a word's beginning), or words spelled like them.
     */
    private static Sql textFilter(SearchCriteria criteria) {
        Sql sql = new Sql();
        if (criteria.text() != null) {
            sql.append(" AND (p.search_words @@ search_query(?)", criteria.text())
                    .append(" OR p.search_words @@ (SELECT search_similar_query(?)))", criteria.text());
        }
        return sql;
    }

    static PreparedStatement prepare(Connection connection, Statement statement) throws SQLException {
        PreparedStatement prepared = connection.prepareStatement(statement.sql());
        int index = 1;
        for (Object parameter : statement.parameters()) {
            if (parameter instanceof String[] array) {
                prepared.setArray(index++, connection.createArrayOf("text", array));
            } else {
                prepared.setObject(index++, parameter);
            }
        }
        return prepared;
    }

    /** SQL text with its positional parameters, built in step. */
    static final class Sql {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> parameters = new ArrayList<>();

        Sql append(String fragment, Object... values) {
            text.append(fragment);
            parameters.addAll(Arrays.asList(values));
            return this;
        }

        Sql append(Sql other) {
            text.append(other.text);
            parameters.addAll(other.parameters);
            return this;
        }

        Statement statement() {
            return new Statement(text.toString(), List.copyOf(parameters));
        }
    }
}

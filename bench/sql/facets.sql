\set n random(1, :count)
SELECT country AS p_country FROM bench.facets WHERE n = :n \gset
SELECT p.id, p.summary, p.name_key AS sort_key FROM provider p WHERE p.published AND p.country = :p_country ORDER BY p.name_key, p.id LIMIT :limit;
SELECT facet, value, sum(providers) FROM provider_facet_count WHERE facet IN ('treatment', 'language', 'kind') AND country = :p_country GROUP BY facet, value HAVING sum(providers) > 0 ORDER BY facet, 3 DESC, value;

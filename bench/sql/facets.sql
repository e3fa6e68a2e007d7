\set n random(1, :count)
SELECT country AS p_country FROM bench.facets WHERE n = :n \gset
SELECT p.id, p.name, p.kind, p.profession, p.city, p.region, p.postal_code, p.country, p.latitude, p.longitude,
p.phone, p.website, p.treatments, p.languages, p.verified, p.email, p.credentials, p.name_key AS sort_key FROM provider p WHERE p.published AND p.country = ANY(:p_country) ORDER BY p.name_key, p.id LIMIT :limit;
WITH matched AS MATERIALIZED (SELECT p.country, p.kind, p.treatments, p.languages FROM provider p WHERE p.published AND p.country = ANY(:p_country)) SELECT 'treatment', value, count(*) FROM matched, unnest(treatments) value GROUP BY value UNION ALL SELECT 'language', value, count(*) FROM matched, unnest(languages) value GROUP BY value UNION ALL SELECT 'kind', kind, count(*) FROM matched GROUP BY kind ORDER BY 1, 3 DESC, 2;

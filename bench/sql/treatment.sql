\set n random(1, :count)
SELECT country AS p_country, treatment AS p_treatment FROM bench.treatment WHERE n = :n \gset
SELECT p.id, p.summary, p.name_key AS sort_key FROM provider p WHERE p.published AND p.country = :p_country AND p.treatments @> :p_treatment ORDER BY p.name_key, p.id LIMIT :limit;

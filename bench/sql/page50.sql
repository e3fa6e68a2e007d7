\set n random(1, :count)
SELECT country AS p_country, sort_key AS p_sort_key, id AS p_id FROM bench.page50 WHERE n = :n \gset
SELECT p.id, p.summary, p.name_key AS sort_key FROM provider p WHERE p.published AND p.country = :p_country AND (p.name_key, p.id) > (:p_sort_key, :p_id) ORDER BY p.name_key, p.id LIMIT :limit;

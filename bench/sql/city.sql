\set n random(1, :count)
SELECT country AS p_country, city AS p_city FROM bench.city WHERE n = :n \gset
SELECT p.id, p.summary, p.name_key AS sort_key FROM provider p WHERE p.published AND p.country = :p_country AND p.city_key = search_key(:p_city) ORDER BY p.name_key, p.id LIMIT :limit;

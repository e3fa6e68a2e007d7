\set n random(1, :count)
SELECT country AS p_country, sort_key AS p_sort_key, id AS p_id FROM bench.page50 WHERE n = :n \gset
SELECT p.id, p.name, p.kind, p.profession, p.city, p.region, p.postal_code, p.country, p.latitude, p.longitude,
p.phone, p.website, p.treatments, p.languages, p.verified, p.email, p.credentials, p.name_key AS sort_key FROM provider p WHERE p.published AND p.country = :p_country AND (p.name_key, p.id) > (:p_sort_key, :p_id) ORDER BY p.name_key, p.id LIMIT :limit;

\set n random(1, :count)
SELECT q AS p_q FROM bench.text WHERE n = :n \gset
SELECT p.id, p.name, p.kind, p.profession, p.city, p.region, p.postal_code, p.country, p.latitude, p.longitude,
p.phone, p.website, p.treatments, p.languages, p.verified, p.email, p.credentials, (-(word_similarity(search_key(:p_q), p.name_key) + word_similarity(search_key(:p_q), p.search_text))) AS sort_key FROM provider p WHERE p.published AND p.search_text %> search_key(:p_q) ORDER BY (-(word_similarity(search_key(:p_q), p.name_key) + word_similarity(search_key(:p_q), p.search_text))), p.id LIMIT :limit;

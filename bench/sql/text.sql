\set n random(1, :count)
SELECT q AS p_q, walks, fetch1, fetch2, fetch3, fetch4 FROM bench.text WHERE n = :n \gset
SELECT p.id, p.summary, p.name_key AS sort_key FROM provider p WHERE p.published AND p.name_key ^@ search_key(:p_q) ORDER BY p.name_key, p.id LIMIT :limit;
\if :fetch1 > 0
SELECT search_key(:p_q) AS search_key, search_words_query(:p_q)::text AS search_words, search_walked_words(:p_q)::text AS walked_words \gset
\if :walks
SELECT p.id, p.summary, p.name_key AS sort_key FROM (SELECT DISTINCT hit.provider_id, hit.name_key FROM unnest(:walked_words::text[]) AS walked (word), LATERAL (SELECT listed.provider_id, listed.name_key FROM provider_name_word listed JOIN provider p ON p.id = listed.provider_id WHERE listed.word = walked.word AND listed.name_words @@ :search_words::tsquery AND listed.name_key < :search_key AND p.published ORDER BY listed.name_key, listed.provider_id LIMIT :fetch1) hit ORDER BY hit.name_key, hit.provider_id LIMIT :fetch1) page JOIN provider p ON p.id = page.provider_id ORDER BY p.name_key, p.id;
\else
SELECT p.id, p.summary, p.name_key AS sort_key FROM (SELECT p.id FROM provider p WHERE p.published AND p.name_words @@ :search_words::tsquery AND p.name_key < :search_key ORDER BY p.name_key, p.id LIMIT :fetch1) hit JOIN provider p USING (id) ORDER BY p.name_key, p.id;
\endif
\endif
\if :fetch2 > 0
\if :walks
SELECT p.id, p.summary, p.name_key AS sort_key FROM (SELECT DISTINCT hit.provider_id, hit.name_key FROM unnest(:walked_words::text[]) AS walked (word), LATERAL (SELECT listed.provider_id, listed.name_key FROM provider_name_word listed JOIN provider p ON p.id = listed.provider_id WHERE listed.word = walked.word AND listed.name_words @@ :search_words::tsquery AND listed.name_key >= :search_key || chr(1114111) AND p.published ORDER BY listed.name_key, listed.provider_id LIMIT :fetch2) hit ORDER BY hit.name_key, hit.provider_id LIMIT :fetch2) page JOIN provider p ON p.id = page.provider_id ORDER BY p.name_key, p.id;
\else
SELECT p.id, p.summary, p.name_key AS sort_key FROM (SELECT p.id FROM provider p WHERE p.published AND p.name_words @@ :search_words::tsquery AND p.name_key >= :search_key || chr(1114111) ORDER BY p.name_key, p.id LIMIT :fetch2) hit JOIN provider p USING (id) ORDER BY p.name_key, p.id;
\endif
\endif
\if :fetch3 > 0
SELECT * FROM ((SELECT p.id, p.summary, p.name_key AS sort_key FROM provider p WHERE p.published AND p.city_key = :search_key AND NOT p.name_words @@ :search_words::tsquery AND NOT p.name_key ^@ :search_key ORDER BY p.name_key, p.id LIMIT :fetch3) UNION ALL (SELECT p.id, p.summary, p.name_key AS sort_key FROM provider p WHERE p.published AND p.region_key = :search_key AND p.city_key <> :search_key AND NOT p.name_words @@ :search_words::tsquery AND NOT p.name_key ^@ :search_key ORDER BY p.name_key, p.id LIMIT :fetch3)) place ORDER BY sort_key, id LIMIT :fetch3;
\endif
\if :fetch4 > 0
SELECT p.id, p.summary, p.name_key AS sort_key FROM provider p WHERE p.published AND (p.search_words @@ :search_words::tsquery OR p.search_words @@ (SELECT search_similar_query(:p_q))) AND NOT p.name_words @@ :search_words::tsquery AND NOT p.name_key ^@ :search_key AND p.city_key <> :search_key AND p.region_key IS DISTINCT FROM :search_key ORDER BY p.name_key COLLATE "POSIX", p.id LIMIT :fetch4;
\endif

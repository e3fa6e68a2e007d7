\set n random(1, :count)
\set radius 25000
SELECT lat AS p_lat, lon AS p_lon FROM bench.nearby WHERE n = :n \gset
SELECT * FROM (SELECT p.id, '{"distanceKm":' || round(sec_to_gc(geo_point(p.latitude, p.longitude) <-> geo_point(:p_lat, :p_lon))::numeric / 1000, 2) || ',' || substr(p.summary::text, 2) AS summary, (geo_point(p.latitude, p.longitude) <-> geo_point(:p_lat, :p_lon)) AS sort_key FROM provider p WHERE p.published AND p.latitude IS NOT NULL AND earth_box(geo_point(:p_lat, :p_lon), :radius) @> geo_point(p.latitude, p.longitude) AND earth_distance(geo_point(:p_lat, :p_lon), geo_point(p.latitude, p.longitude)) <= :radius ORDER BY (geo_point(p.latitude, p.longitude) <-> geo_point(:p_lat, :p_lon)) FETCH FIRST :limit ROWS WITH TIES) nearest ORDER BY sort_key, id LIMIT :limit;

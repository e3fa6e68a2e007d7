\set n random(1, :count)
SELECT id AS p_id FROM bench.detail WHERE n = :n \gset
SELECT p.id, p.name, p.kind, p.profession, p.address_lines, p.city, p.region, p.postal_code, p.country,
p.latitude, p.longitude, p.phone, p.email, p.website, p.treatments, p.languages, p.devices,
p.needle_depth_min_mm, p.needle_depth_max_mm, p.numbing_offered, p.opening_hours, p.credentials,
p.verified, p.updated_at FROM provider p WHERE p.id = :p_id AND p.published;

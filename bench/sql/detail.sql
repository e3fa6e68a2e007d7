\set n random(1, :count)
SELECT id AS p_id FROM bench.detail WHERE n = :n \gset
SELECT json_strip_nulls(json_build_object('id', p.id, 'name', p.name, 'kind', p.kind,
'profession', p.profession, 'address', json_build_object('lines', p.address_lines, 'city', p.city,
'region', p.region, 'postalCode', p.postal_code, 'country', p.country), 'location', CASE WHEN p.latitude IS NOT NULL AND p.longitude IS NOT NULL THEN json_build_object('lat', p.latitude, 'lon', p.longitude) END,
'phone', p.phone, 'email', p.email, 'website', p.website, 'treatments', p.treatments,
'languages', p.languages, 'devices', p.devices, 'needleDepthMm', CASE WHEN p.needle_depth_min_mm IS NOT NULL
AND p.needle_depth_max_mm IS NOT NULL THEN json_build_object('min', p.needle_depth_min_mm::float8,
'max', p.needle_depth_max_mm::float8) END, 'numbingOffered', p.numbing_offered,
'openingHours', p.opening_hours, 'credentials', p.credentials, 'verified', p.verified,
'updatedAt', (to_json(p.updated_at AT TIME ZONE 'UTC') #>> '{}') || 'Z'))
FROM provider p WHERE p.id = :p_id AND p.published;

\set n random(1, :count)
\set one 1
SELECT id AS p_id FROM bench.detail WHERE n = :n \gset
select p1_0.id,p1_0.address_lines,p1_0.city,p1_0.country,p1_0.created_at,p1_0.credentials,p1_0.devices,p1_0.email,p1_0.external_id,p1_0.kind,p1_0.languages,p1_0.latitude,p1_0.longitude,p1_0.name,p1_0.needle_depth_max_mm,p1_0.needle_depth_min_mm,p1_0.numbing_offered,p1_0.opening_hours,p1_0.phone,p1_0.postal_code,p1_0.profession,p1_0.published,p1_0.region,p1_0.source,p1_0.source_key,p1_0.treatments,p1_0.unpublished_at,p1_0.updated_at,p1_0.verified,p1_0.version,p1_0.website from provider p1_0 where p1_0.id=:p_id and p1_0.published=true fetch first :one rows only;

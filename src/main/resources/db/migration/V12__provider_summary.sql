-- Each provider's public summary, the contract's ProviderSummary as JSON, written when the provider is: a
-- search page is then its rows' summaries side by side, which the service copies out as they are, instead of
-- reading a score of columns a row and serialising them again (docs/benchmarks.md). Written once a change
-- rather than built by every search: PostgreSQL spends about as long building this JSON as running the
-- search's query (pgbench: 4,200-6,300 against 11,000-16,000 pages a second).
-- Unknown values are left out, as everywhere in the API; the stored credentials are already in the
-- contract's shape. A search by distance adds distanceKm, which depends on the search.
CREATE FUNCTION provider_summary_write() RETURNS trigger
    LANGUAGE plpgsql
    -- Coordinates written in full whatever the writing session's setting (shortest exact form).
    SET extra_float_digits = 1
AS $$
BEGIN
    NEW.summary := json_strip_nulls(json_build_object(
        'id', NEW.id, 'name', NEW.name, 'kind', NEW.kind, 'profession', NEW.profession,
        'address', json_build_object('city', NEW.city, 'region', NEW.region, 'postalCode', NEW.postal_code,
                                     'country', NEW.country),
        'location', CASE WHEN NEW.latitude IS NOT NULL AND NEW.longitude IS NOT NULL
                         THEN json_build_object('lat', NEW.latitude, 'lon', NEW.longitude) END,
        'phone', NEW.phone, 'email', NEW.email, 'website', NEW.website, 'credentials', NEW.credentials,
        'treatments', NEW.treatments, 'languages', NEW.languages,
        -- provider.verified's own expression: generated columns are computed after this trigger.
        'verified', jsonb_path_exists(NEW.credentials, '$[*] ? (@.status == "verified")')));
    RETURN NEW;
END
$$;

-- Rewriting every row takes longer than the service's statement timeout on a large directory.
SET LOCAL statement_timeout = 0;
ALTER TABLE provider ADD COLUMN summary json;
CREATE TRIGGER provider_summary_written BEFORE INSERT OR UPDATE OF id, name, kind, profession, city, region,
    postal_code, country, latitude, longitude, phone, email, website, credentials, treatments, languages
    ON provider FOR EACH ROW EXECUTE FUNCTION provider_summary_write();
UPDATE provider SET id = id;
ALTER TABLE provider ALTER COLUMN summary SET NOT NULL;

-- Facet counts of the published directory, kept exact by the database itself: one row per country, kind,
-- verification and facet value, with the number of published providers that have it. Searches filtered by
-- nothing more than those three read their facets here, summing a few hundred rows, instead of counting every
-- matching provider (700 ms for a large country at 100,000 providers).

CREATE TABLE provider_facet_count (
    country   text    NOT NULL,
    kind      text    NOT NULL,
    verified  boolean NOT NULL,
    facet     text    NOT NULL CHECK (facet IN ('country', 'kind', 'treatment', 'language')),
    value     text    NOT NULL,
    -- Reaches 0 when the last such provider goes; the row stays, and readers skip it.
    providers bigint  NOT NULL,
    PRIMARY KEY (country, kind, verified, facet, value)
);

-- The facet values one provider counts towards: its country, its kind, each of its treatments and languages
-- (unnest, as the live count of ProviderSearchQueries does).
CREATE FUNCTION provider_facet_values(country text, kind text, treatments text[], languages text[])
    RETURNS TABLE (facet text, value text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT 'country', country
    UNION ALL SELECT 'kind', kind
    UNION ALL SELECT 'treatment', unnest(treatments)
    UNION ALL SELECT 'language', unnest(languages)
$$;

-- Once per statement, whatever its size: the statement's changed rows (transition tables) become one delta
-- per counted key, which is added in key order, so that two writers lock shared counts in the same order and
-- cannot deadlock each other. Keys whose delta is zero (a phone changed, a provider moved within its facets)
-- are not touched, and take no lock.
CREATE FUNCTION provider_facet_count_apply() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO provider_facet_count AS c (country, kind, verified, facet, value, providers)
        SELECT p.country, p.kind, p.verified, f.facet, f.value, count(*)
        FROM new_rows p, provider_facet_values(p.country, p.kind, p.treatments, p.languages) f
        WHERE p.published
        GROUP BY 1, 2, 3, 4, 5
        ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (country, kind, verified, facet, value) DO UPDATE SET providers = c.providers + excluded.providers;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO provider_facet_count AS c (country, kind, verified, facet, value, providers)
        SELECT p.country, p.kind, p.verified, f.facet, f.value, sum(p.change)
        FROM (SELECT country, kind, verified, treatments, languages, 1 AS change FROM new_rows WHERE published
              UNION ALL
              SELECT country, kind, verified, treatments, languages, -1 FROM old_rows WHERE published) p,
             provider_facet_values(p.country, p.kind, p.treatments, p.languages) f
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(p.change) <> 0
        ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (country, kind, verified, facet, value) DO UPDATE SET providers = c.providers + excluded.providers;
    ELSIF TG_OP = 'DELETE' THEN
        -- Every key of a deleted provider has its row already: the conflict branch always applies.
        INSERT INTO provider_facet_count AS c (country, kind, verified, facet, value, providers)
        SELECT p.country, p.kind, p.verified, f.facet, f.value, -count(*)
        FROM old_rows p, provider_facet_values(p.country, p.kind, p.treatments, p.languages) f
        WHERE p.published
        GROUP BY 1, 2, 3, 4, 5
        ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (country, kind, verified, facet, value) DO UPDATE SET providers = c.providers + excluded.providers;
    ELSE
        -- TRUNCATE: nothing is left to count.
        DELETE FROM provider_facet_count;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER provider_facet_count_insert AFTER INSERT ON provider
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION provider_facet_count_apply();
CREATE TRIGGER provider_facet_count_update AFTER UPDATE ON provider
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION provider_facet_count_apply();
CREATE TRIGGER provider_facet_count_delete AFTER DELETE ON provider
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION provider_facet_count_apply();
CREATE TRIGGER provider_facet_count_truncate AFTER TRUNCATE ON provider
    FOR EACH STATEMENT EXECUTE FUNCTION provider_facet_count_apply();

-- The directory as it stands. The triggers above already hold writers back (CREATE TRIGGER locks out
-- changes to provider until this migration commits), so no change slips between this count and them.
INSERT INTO provider_facet_count (country, kind, verified, facet, value, providers)
SELECT p.country, p.kind, p.verified, f.facet, f.value, count(*)
FROM provider p, provider_facet_values(p.country, p.kind, p.treatments, p.languages) f
WHERE p.published
GROUP BY 1, 2, 3, 4, 5;

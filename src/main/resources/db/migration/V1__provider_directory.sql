-- The provider directory: one row a provider, with its credentials and opening hours as JSON documents
-- (they are always read and written with their provider, never on their own).

-- Managed PostgreSQL services offer all four. Local set-up creates them as a superuser beforehand
-- (earthdistance is not a trusted extension), so these are no-ops there.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

-- The key every text match uses: lower case, accents removed, punctuation and runs of spaces folded to
-- one space ("Zürich" and "zurich", "St. Gallen" and "st gallen" meet). unaccent() itself is only STABLE;
-- the SQL-standard body binds the dictionary at creation, which makes the wrapper safe to index.
CREATE FUNCTION search_key(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN btrim(regexp_replace(lower(unaccent('unaccent'::regdictionary, value)), '[^[:alnum:]]+', ' ', 'g'));

-- earthdistance's ll_to_earth() resolves cube() and earth() through search_path when it runs, which breaks
-- indexes during restores and maintenance; this copy binds them at creation.
CREATE FUNCTION geo_point(lat double precision, lon double precision) RETURNS earth
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN cube(cube(cube(earth() * cos(radians(lat)) * cos(radians(lon))),
                     earth() * cos(radians(lat)) * sin(radians(lon))),
                earth() * sin(radians(lat)))::earth;

CREATE TABLE provider (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    kind                text NOT NULL CHECK (kind IN ('clinic', 'practitioner')),
    profession          text,
    address_lines       text[] NOT NULL DEFAULT '{}',
    city                text NOT NULL CHECK (length(btrim(city)) BETWEEN 1 AND 100),
    region              text CHECK (length(region) <= 100),
    postal_code         text CHECK (length(postal_code) <= 20),
    country             text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    latitude            double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude           double precision CHECK (longitude BETWEEN -180 AND 180),
    phone               text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    email               text CHECK (length(email) <= 254),
    website             text CHECK (website ~* '^https?://' AND length(website) <= 2048),
    treatments          text[] NOT NULL DEFAULT '{}',
    languages           text[] NOT NULL DEFAULT '{}',
    devices             text[] NOT NULL DEFAULT '{}',
    needle_depth_min_mm numeric(3, 2) CHECK (needle_depth_min_mm BETWEEN 0.1 AND 3.0),
    needle_depth_max_mm numeric(3, 2) CHECK (needle_depth_max_mm BETWEEN 0.1 AND 3.0),
    numbing_offered     boolean,
    opening_hours       jsonb CHECK (opening_hours IS NULL OR jsonb_typeof(opening_hours) = 'object'),
    credentials         jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(credentials) = 'array'),
    source              text NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
    external_id         text CHECK (length(external_id) <= 200),
    published           boolean NOT NULL DEFAULT false,
    unpublished_at      timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             integer NOT NULL DEFAULT 0,

    -- Derived columns: kept by PostgreSQL, so every writer (API, import job, SQL) keeps them right.
    verified            boolean GENERATED ALWAYS AS
                            (jsonb_path_exists(credentials, '$[*] ? (@.status == "verified")')) STORED,
    name_key            text COLLATE "C" GENERATED ALWAYS AS (search_key(name)) STORED,
    city_key            text COLLATE "C" GENERATED ALWAYS AS (search_key(city)) STORED,
    region_key          text COLLATE "C" GENERATED ALWAYS AS (search_key(region)) STORED,
    search_text         text GENERATED ALWAYS AS
                            (search_key(name || ' ' || city || ' ' || coalesce(region, ''))) STORED,

    CONSTRAINT provider_location_pair CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CONSTRAINT provider_needle_depth_order CHECK (needle_depth_min_mm <= needle_depth_max_mm),
    -- The directory lists trained providers only.
    CONSTRAINT provider_listed_with_credential CHECK (NOT published OR jsonb_array_length(credentials) > 0)
);

CREATE UNIQUE INDEX provider_source_external_id ON provider (source, external_id) WHERE external_id IS NOT NULL;

-- Public search reads published rows only; every index below is partial on that.
-- Keyset paging orders by (sort key, id), so the btree indexes end with both.
CREATE INDEX provider_by_name ON provider (name_key, id) WHERE published;
CREATE INDEX provider_by_country ON provider (country, name_key, id) WHERE published;
CREATE INDEX provider_by_city ON provider (city_key, name_key, id) WHERE published;
CREATE INDEX provider_by_region ON provider (region_key, name_key, id) WHERE published;
CREATE INDEX provider_search_text ON provider USING gin (search_text gin_trgm_ops) WHERE published;
CREATE INDEX provider_treatments ON provider USING gin (treatments) WHERE published;
CREATE INDEX provider_languages ON provider USING gin (languages) WHERE published;
CREATE INDEX provider_location ON provider USING gist (geo_point(latitude, longitude))
    WHERE published AND latitude IS NOT NULL;

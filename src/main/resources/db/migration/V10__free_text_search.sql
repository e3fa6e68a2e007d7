-- Free text by words instead of trigram similarity over every match. A search ranks providers in tiers
-- (ProviderSearchQueries), each read in (name_key, id) order so that a page stops at its end, whatever the
-- number of matches; typos are corrected against the directory's own words.

-- search_text's trigram index made every search score and sort all of its matches.
DROP INDEX provider_search_text;
ALTER TABLE provider DROP COLUMN search_text;

-- The words of the name, and of name, city and region together ('simple': no stemming and no stop words, so
-- "Dr" and "The" are words like any other), without their positions, which no search uses.
ALTER TABLE provider
    ADD COLUMN name_words tsvector GENERATED ALWAYS AS (strip(to_tsvector('simple', search_key(name)))) STORED,
    ADD COLUMN search_words tsvector GENERATED ALWAYS AS
        (strip(to_tsvector('simple', search_key(name || ' ' || city || ' ' || coalesce(region, ''))))) STORED;
CREATE INDEX provider_name_words ON provider USING gin (name_words) WHERE published;
CREATE INDEX provider_search_words ON provider USING gin (search_words) WHERE published;

-- What a search asks for: every word it holds, the last one also as the beginning of a longer word (people
-- type "skin cli"). search_key() leaves letters, digits and single spaces only, none of them tsquery syntax.
CREATE FUNCTION search_query(value text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN to_tsquery('simple', replace(search_key(value), ' ', ' & ') || ':*');

-- Every word of a published provider, to correct the words of a search against.
CREATE TABLE search_word (word text PRIMARY KEY);
CREATE INDEX search_word_trigrams ON search_word USING gist (word gist_trgm_ops);
INSERT INTO search_word SELECT DISTINCT unnest(tsvector_to_array(search_words)) FROM provider WHERE published;

-- Each writer of provider adds its new words, once per statement (the import job writes its rows in one).
-- Words whose last provider has gone stay: they correct a typo to a word that then finds nothing.
-- Sorted, so that concurrent writers of the same new words wait for each other instead of deadlocking.
CREATE FUNCTION search_word_remember() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_word (word)
    SELECT DISTINCT word FROM changed, unnest(tsvector_to_array(changed.search_words)) AS word
    WHERE changed.published
    ORDER BY word
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER provider_words_inserted AFTER INSERT ON provider REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION search_word_remember();
CREATE TRIGGER provider_words_updated AFTER UPDATE ON provider REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION search_word_remember();

-- The search with each word replaced by the directory's words spelled like it (pg_trgm similarity at least
-- pg_trgm.similarity_threshold, the three closest), or NULL when a word has none: "brigton" becomes
-- 'brighton', "skin clinik" 'skin' & ('clinic' | 'clinica'). The word itself is among them when it exists.
CREATE FUNCTION search_similar_query(value text) RETURNS tsquery
    LANGUAGE sql STABLE PARALLEL SAFE STRICT
BEGIN ATOMIC
    SELECT CASE WHEN bool_and(alternatives IS NOT NULL) THEN to_tsquery('simple', string_agg(alternatives, ' & ')) END
    FROM unnest(string_to_array(search_key(value), ' ')) AS typed(word),
        LATERAL (SELECT '(' || string_agg(nearest.word, ' | ') || ')'
                 FROM (SELECT known.word FROM search_word known WHERE known.word % typed.word
                       ORDER BY known.word <-> typed.word, known.word LIMIT 3) nearest) AS corrected(alternatives);
END;

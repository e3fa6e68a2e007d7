-- Each word of each published provider's name, with the providers that hold it in name order: the relevance
-- tiers "the name holds every word" walk one word's providers instead of every name. Walking every name, a
-- search whose matches gather in one part of the name order ("scar clinic": every match starts with "the scar
-- clinic") read names in proportion to the directory, and a GIN match costs a table read each.
-- The row carries the name's words, so that the walk checks the search's other words in the index itself.
CREATE TABLE provider_name_word (
    word        text NOT NULL,
    name_key    text COLLATE "C" NOT NULL,
    provider_id uuid NOT NULL,
    name_words  tsvector NOT NULL,
    PRIMARY KEY (word, name_key, provider_id) INCLUDE (name_words)
);

-- Rebuilding it takes longer than the service's statement timeout on a large directory.
SET LOCAL statement_timeout = 0;
INSERT INTO provider_name_word (word, name_key, provider_id, name_words)
SELECT word, p.name_key, p.id, p.name_words
FROM provider p, unnest(tsvector_to_array(p.name_words)) AS word
WHERE p.published;

-- Kept by each statement that writes providers, from its transition tables: the import job writes its rows in
-- one statement, and a row trigger would cost a call per provider. No foreign key either: its check is a row
-- trigger too, and these triggers remove a provider's words when it goes.
CREATE FUNCTION provider_name_word_add() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO provider_name_word (word, name_key, provider_id, name_words)
    SELECT word, added.name_key, added.id, added.name_words
    FROM added, unnest(tsvector_to_array(added.name_words)) AS word
    WHERE added.published;
    RETURN NULL;
END
$$;

CREATE FUNCTION provider_name_word_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM provider_name_word listed
    USING before JOIN after USING (id), unnest(tsvector_to_array(before.name_words)) AS gone (word)
    WHERE before.published AND (NOT after.published OR after.name IS DISTINCT FROM before.name)
      AND (listed.word, listed.name_key, listed.provider_id) = (gone.word, before.name_key, before.id);
    INSERT INTO provider_name_word (word, name_key, provider_id, name_words)
    SELECT word, after.name_key, after.id, after.name_words
    FROM before JOIN after USING (id), unnest(tsvector_to_array(after.name_words)) AS word
    WHERE after.published AND (NOT before.published OR after.name IS DISTINCT FROM before.name);
    RETURN NULL;
END
$$;

CREATE FUNCTION provider_name_word_remove() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE provider_name_word;
        RETURN NULL;
    END IF;
    DELETE FROM provider_name_word listed
    USING removed, unnest(tsvector_to_array(removed.name_words)) AS gone (word)
    WHERE removed.published
      AND (listed.word, listed.name_key, listed.provider_id) = (gone.word, removed.name_key, removed.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER provider_name_words_inserted AFTER INSERT ON provider REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION provider_name_word_add();
CREATE TRIGGER provider_name_words_updated AFTER UPDATE ON provider
    REFERENCING OLD TABLE AS before NEW TABLE AS after
    FOR EACH STATEMENT EXECUTE FUNCTION provider_name_word_change();
CREATE TRIGGER provider_name_words_deleted AFTER DELETE ON provider REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION provider_name_word_remove();
CREATE TRIGGER provider_name_words_truncated AFTER TRUNCATE ON provider
    FOR EACH STATEMENT EXECUTE FUNCTION provider_name_word_remove();

-- The words whose providers a name tier walks: the longest whole word of the search (long words are the rare
-- ones), or when the search is one word, the directory's words that begin with it (as search_words_query()
-- spells them out; none when it begins none, and no provider's name then holds it). NULL when it begins more
-- than 20 words: the tier then walks every name.
CREATE FUNCTION search_walked_words(value text) RETURNS text[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE STRICT
    -- PL/pgSQL keeps the plan of its one query, which does not depend on the text, for the session.
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    key text := search_key(value);
    beginning text := substring(key FROM '[^ ]*$');
    words text[];
BEGIN
    IF key <> beginning THEN
        -- The words as to_tsvector() cuts them, that is as name_words holds them.
        words := ARRAY(SELECT whole.word
                       FROM unnest(tsvector_to_array(to_tsvector('simple', left(key, -length(beginning) - 1))))
                           AS whole (word)
                       ORDER BY length(whole.word) DESC, whole.word LIMIT 1);
        IF cardinality(words) = 1 THEN
            RETURN words;
        END IF;
    END IF;
    words := ARRAY(SELECT known.word FROM search_word known
                   WHERE known.word COLLATE "C" >= beginning AND known.word COLLATE "C" < beginning || chr(1114111)
                   LIMIT 21);
    RETURN CASE WHEN cardinality(words) <= 20 THEN words END;
END
$$;

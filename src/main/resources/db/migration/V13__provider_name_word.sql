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
    -- The stale rows are found first and then deleted by key (OFFSET 0 keeps the planner from joining the
    -- list into the transition tables' join, where it chose to scan the whole list once a row: 24 minutes for
    -- 20,000 renamed providers).
    DELETE FROM provider_name_word listed
    USING (SELECT gone.word, before.name_key, before.id
           FROM before JOIN after USING (id), unnest(tsvector_to_array(before.name_words)) AS gone (word)
           WHERE before.published AND (NOT after.published OR after.name IS DISTINCT FROM before.name)
           OFFSET 0) AS stale
    WHERE listed.word = stale.word AND listed.name_key = stale.name_key AND listed.provider_id = stale.id;
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
    USING (SELECT gone.word, removed.name_key, removed.id
           FROM removed, unnest(tsvector_to_array(removed.name_words)) AS gone (word)
           WHERE removed.published
           OFFSET 0) AS stale
    WHERE listed.word = stale.word AND listed.name_key = stale.name_key AND listed.provider_id = stale.id;
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

-- The words whose providers a name tier walks: of the search's whole words, and of the group of the directory's
-- words that its last word begins (as search_words_query() spells them out), the one with the fewest providers
-- (a walk costs at most its word's providers: "skin northbridge" walks Northbridge's few names, not every Skin).
-- Counted up to 300; on a tie, a whole word rather than the group. Empty when the last word begins no word: no name holds it. NULL when the last word
-- begins more than 20 words and the search has no other: the tier then walks every name.
CREATE FUNCTION search_walked_words(value text) RETURNS text[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE STRICT
    -- PL/pgSQL keeps the plans of its queries, which do not depend on the text, for the session.
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    key text := search_key(value);
    beginning text := substring(key FROM '[^ ]*$');
    group_words text[];
    whole text;
    providers bigint;
    fewest bigint;
    walked text[];
    walks_group boolean := false;
BEGIN
    group_words := ARRAY(SELECT known.word FROM search_word known
                         WHERE known.word COLLATE "C" >= beginning
                           AND known.word COLLATE "C" < beginning || chr(1114111)
                         LIMIT 21);
    IF cardinality(group_words) = 0 THEN
        RETURN group_words;
    END IF;
    IF cardinality(group_words) <= 20 THEN
        walked := group_words;
        walks_group := true;
        fewest := (SELECT count(*) FROM (SELECT FROM provider_name_word listed
                                         WHERE listed.word = ANY (group_words) LIMIT 300) counted);
    END IF;
    IF key <> beginning THEN
        -- The words as to_tsvector() cuts them, that is as name_words holds them.
        FOR whole IN SELECT word FROM unnest(tsvector_to_array(
                         to_tsvector('simple', left(key, -length(beginning) - 1)))) AS head (word) LOOP
            providers := (SELECT count(*) FROM (SELECT FROM provider_name_word listed
                                                WHERE listed.word = whole LIMIT 300) counted);
            IF fewest IS NULL OR providers < fewest OR providers = fewest AND walks_group THEN
                walked := ARRAY[whole];
                fewest := providers;
                walks_group := false;
            END IF;
        END LOOP;
    END IF;
    RETURN walked;
END
$$;

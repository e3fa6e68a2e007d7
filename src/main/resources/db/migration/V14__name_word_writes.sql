-- The word list's triggers, made to keep up with the import job's statements of a million rows.
--
-- New rows are added in the order of the list's key. Added in the order of the statement's providers, each row went to a leaf
-- of its own in an index larger than shared_buffers, read back and written out again: 40 s of a fresh import
-- of 1,000,000 providers, 18 s in key order.
--
-- The update and delete triggers plan their queries for each statement's own transition tables. PL/pgSQL
-- keeps a query's plan for the session, made the first time the trigger fires: the import job's first UPDATE
-- (of digests only) changes no row, and a plan made for empty transition tables joins them by nested loop.
-- Its big UPDATE then ran that plan over 100,000 changed providers (100,000 x 100,000 row pairs): the changed
-- import of 1,000,000 providers went from 2 minutes to more than 24. EXECUTE plans each time, from the
-- tables' row counts, for a fraction of a millisecond.

CREATE OR REPLACE FUNCTION provider_name_word_add() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO provider_name_word (word, name_key, provider_id, name_words)
    SELECT word, added.name_key, added.id, added.name_words
    FROM added, unnest(tsvector_to_array(added.name_words)) AS word
    WHERE added.published
    ORDER BY word, added.name_key COLLATE "C", added.id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION provider_name_word_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- The stale rows are found first and then deleted by key (OFFSET 0 keeps the planner from joining the
    -- list into the transition tables' join, where it chose to scan the whole list once a row).
    EXECUTE $sql$
        DELETE FROM provider_name_word listed
        USING (SELECT gone.word, before.name_key, before.id
               FROM before JOIN after USING (id), unnest(tsvector_to_array(before.name_words)) AS gone (word)
               WHERE before.published AND (NOT after.published OR after.name IS DISTINCT FROM before.name)
               OFFSET 0) AS stale
        WHERE listed.word = stale.word AND listed.name_key = stale.name_key AND listed.provider_id = stale.id
    $sql$;
    EXECUTE $sql$
        INSERT INTO provider_name_word (word, name_key, provider_id, name_words)
        SELECT word, after.name_key, after.id, after.name_words
        FROM before JOIN after USING (id), unnest(tsvector_to_array(after.name_words)) AS word
        WHERE after.published AND (NOT before.published OR after.name IS DISTINCT FROM before.name)
        ORDER BY word, after.name_key COLLATE "C", after.id
    $sql$;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION provider_name_word_remove() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE provider_name_word;
        RETURN NULL;
    END IF;
    EXECUTE $sql$
        DELETE FROM provider_name_word listed
        USING (SELECT gone.word, removed.name_key, removed.id
               FROM removed, unnest(tsvector_to_array(removed.name_words)) AS gone (word)
               WHERE removed.published
               OFFSET 0) AS stale
        WHERE listed.word = stale.word AND listed.name_key = stale.name_key AND listed.provider_id = stale.id
    $sql$;
    RETURN NULL;
END
$$;

-- The name index carries the words of the name, so that a relevance tier walking names in order checks each
-- name's words in the index (an index-only scan) instead of reading its table row: a frequent word walks
-- thousands of names that the other words of the search then reject.
-- Rebuilding it takes longer than the service's statement timeout on a large directory.
SET LOCAL statement_timeout = 0;
DROP INDEX provider_by_name;
CREATE INDEX provider_by_name ON provider (name_key, id) INCLUDE (name_words) WHERE published;

-- The dictionary in code-point order, where the words beginning with a text are one range.
CREATE INDEX search_word_by_code_point ON search_word (word COLLATE "C");

-- search_query() with the last word's beginning spelled out as the directory's words that begin so ("skin
-- cli" becomes 'skin' & ('clinic' | 'clinica' | 'clinique')). The same providers match, since the dictionary
-- holds every word of every published provider, but GIN finds them faster: a word's beginning (:*) collects
-- every provider of every word it begins, where whole words skip through each other's lists (5.5 ms against
-- 0.1 ms for "kingsbrook aesthetics" at 100,000 providers). Left as a beginning when it begins no word, or
-- more than 20.
CREATE FUNCTION search_words_query(value text) RETURNS tsquery
    LANGUAGE plpgsql STABLE PARALLEL SAFE STRICT
    -- PL/pgSQL keeps the plan of its one query, which does not depend on the text, for the session.
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    key text := search_key(value);
    beginning text := substring(key FROM '[^ ]*$');
    words text[];
BEGIN
    words := ARRAY(SELECT format('%L', known.word) FROM search_word known
                   WHERE known.word COLLATE "C" >= beginning AND known.word COLLATE "C" < beginning || chr(1114111)
                   LIMIT 21);
    IF cardinality(words) NOT BETWEEN 1 AND 20 THEN
        RETURN search_query(value);
    END IF;
    IF key = beginning THEN
        RETURN ('(' || array_to_string(words, ' | ') || ')')::tsquery;
    END IF;
    RETURN to_tsquery('simple', replace(left(key, -length(beginning) - 1), ' ', ' & '))
        && ('(' || array_to_string(words, ' | ') || ')')::tsquery;
END
$$;

-- A post in a language with a stemmer is read by its tagged stems alone, no longer also by its words
-- as written. Every query is read in each stemmed language too (search_query_readings), and a word's
-- stem is the same function of the word in the post and in the query, so the words as written only
-- gave the search index a second list of the same posts, read again by every search: at a million
-- posts, two common words with no common match read 'rides' in 11,000 posts as written and
-- 'en:groceri' in 20,000 as stems, 4.2 ms, where the stems alone are 2.0. What the words as written
-- still find in such a post: a query of stop words alone ("the"), which finds nearly every post.
-- They stay for languages without a stemmer (Bengali, Chinese, Haitian Creole, Korean, Polish, Urdu)
-- and for posts with letters of the pairs' scripts (search_ngram_script, Arabic among them): a
-- query's pairs reading holds its other words as written ("help 搬家" is 'help' & '搬家').
DROP TRIGGER "posts_search_trigger" ON "posts";
DROP FUNCTION "search_document"(text, "char", text);

CREATE FUNCTION "search_document"(body text, weight "char", language text, as_written boolean) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    plain text := search_unaccent(coalesce(body, ''));
    document tsvector := '';
BEGIN
    IF as_written OR search_stemmer(language) IS NULL THEN
        document := to_tsvector('simple', plain);
    END IF;
    IF search_stemmer(language) IS NOT NULL THEN
        document := document || search_tagged_stems(language, plain);
    END IF;
    IF plain ~ search_ngram_script() THEN
        -- Only the pairs: the words around them are already in the document.
        document := document || to_tsvector('simple', (
            SELECT string_agg(search_pairs(m[1]), ' ') FROM regexp_matches(plain, '(' || search_ngram_script() || ')', 'g') AS m));
    END IF;
    RETURN setweight(document, weight);
END
$$;

CREATE OR REPLACE FUNCTION "posts_search_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    -- For the whole post: a query's words as written may be in its title and the pairs in its details.
    as_written boolean := (coalesce(NEW."title", '') || ' ' || coalesce(NEW."details", '')) ~ search_ngram_script();
BEGIN
    NEW."search" := search_document(NEW."title", 'A', NEW."language", as_written)
        || search_document(NEW."details", 'B', NEW."language", as_written)
        || search_speakers_document(NEW."languages", NEW."language");
    RETURN NEW;
END
$$;

CREATE TRIGGER "posts_search_trigger" BEFORE INSERT OR UPDATE OF "title", "details", "language", "languages" ON "posts"
    FOR EACH ROW EXECUTE FUNCTION "posts_search_update"();

-- The same OR of the readings, starting from the first rather than from an empty tsquery: '' as a
-- tsquery raised a notice ("doesn't contain lexemes"), sent to the client for every search_query in a
-- statement as it was planned (three to six a board search).
CREATE OR REPLACE FUNCTION "search_query"(query text) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    readings tsquery[] := search_query_readings(query);
    combined tsquery := readings[1];
BEGIN
    FOR i IN 2 .. coalesce(array_length(readings, 1), 0) LOOP
        combined := combined || readings[i];
    END LOOP;
    IF combined IS NULL THEN
        -- Nothing to look for (a query of stop words or punctuation): the empty tsquery, notice and all.
        RETURN ''::tsquery;
    END IF;
    RETURN combined;
END
$$;

-- Every post's document again, through the trigger.
UPDATE "posts" SET "language" = "language";

-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "language" VARCHAR(8) NOT NULL DEFAULT 'en';


-- Search in the language a post is written in. Until now every post was read by every stemmer the
-- board knew (English and Spanish), so a Spanish word's stem could match an English post that only
-- shared its letters ("universidad" and "universe" both stem to "univers"), and languages without a
-- stemmer could not be searched inside a word. Now a post's document holds three readings:
--   * every word as written, accents and case folded ('simple'): names, and any language at all;
--   * if its language has a PostgreSQL stemmer, the stems, each tagged with the language ("en:run"),
--     so a stem only ever meets the same language's stems;
--   * for scripts written without spaces between words (Chinese, Japanese) or whose words carry
--     particles and endings no stemmer here removes (Korean, Bengali, Urdu and Arabic script), every
--     pair of neighbouring letters, so "搬家" is found inside "我需要帮助搬家" and "বাড়ি" inside "বাড়িতে".
-- The query is read the same three ways and OR-ed, so it all stays one GIN index and one tsquery.
-- Latin-script languages without a stemmer (Haitian Creole, Polish) rely on the folded words.
--
-- Accents stay folded with translate() (see the search_languages migration for why not the unaccent
-- extension: it is missing from PGlite without its contrib bundle and from minimal installs); the
-- list now also covers Polish, Haitian Creole and Russian "ё", and drops Arabic short-vowel marks.

DROP TRIGGER "posts_search_trigger" ON "posts";
DROP FUNCTION "search_document"(text, "char");
DROP FUNCTION "search_languages"();

CREATE OR REPLACE FUNCTION "search_unaccent"(body text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    -- Most posts are plain ASCII, and translate() over this list is slow enough to matter in bulk.
    SELECT lower(CASE WHEN body ~ '^[\x01-\x7F]*$' THEN body ELSE translate(body,
        'áàâäãåāăąćčçďéèêëēėęěíìîïīįłľńňñóòôöõőøřśšşťúùûüūůűýÿźżžÁÀÂÄÃÅĀĂĄĆČÇĎÉÈÊËĒĖĘĚÍÌÎÏĪĮŁĽŃŇÑÓÒÔÖÕŐØŘŚŠŞŤÚÙÛÜŪŮŰÝŸŹŻŽёЁАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ' || E'\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0640',
        'aaaaaaaaacccdeeeeeeeeiiiiiillnnnooooooorssstuuuuuuuyyzzzaaaaaaaaacccdeeeeeeeeiiiiiillnnnooooooorssstuuuuuuuyyzzzееабвгдежзийклмнопрстуфхцчшщъыьэюя') END)
$$;

-- The stemmer for a post language's code (src/lib/languages.ts), or NULL where PostgreSQL has none.
CREATE FUNCTION "search_stemmer"(language text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (CASE language
        WHEN 'en' THEN 'english' WHEN 'es' THEN 'spanish' WHEN 'fr' THEN 'french'
        WHEN 'ru' THEN 'russian' WHEN 'ar' THEN 'arabic' END)::regconfig
$$;

CREATE FUNCTION "search_stemmed_languages"() RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ARRAY['en', 'es', 'fr', 'ru', 'ar']
$$;

-- Han, kana, Hangul (syllables and jamo), Bengali and Arabic script (Urdu's letters included).
CREATE FUNCTION "search_ngram_script"() RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT '[\u0600-\u06FF\u0750-\u077F\u0980-\u09FF\u1100-\u11FF\u3040-\u30FF\u3130-\u318F\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]+'
$$;

-- A run of such letters as its neighbouring pairs, space-separated (a lone letter stays itself).
CREATE FUNCTION "search_pairs"(run text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT CASE WHEN length(run) < 3 THEN run
        ELSE (SELECT string_agg(substr(run, i, 2), ' ' ORDER BY i) FROM generate_series(1, length(run) - 1) AS i) END
$$;

-- The text with every run of those scripts replaced by its pairs; other words stay as they are.
CREATE FUNCTION "search_ngram_text"(plain text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
    run text;
    result text := '';
    rest text := plain;
    at int;
BEGIN
    FOR run IN SELECT m[1] FROM regexp_matches(plain, '(' || search_ngram_script() || ')', 'g') AS m LOOP
        at := strpos(rest, run);
        result := result || substr(rest, 1, at - 1) || ' ' || search_pairs(run) || ' ';
        rest := substr(rest, at + length(run));
    END LOOP;
    RETURN result || rest;
END
$$;

-- One language's stems of the text, each tagged "<language>:" and kept at its position.
CREATE FUNCTION "search_tagged_stems"(language text, plain text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT coalesce(string_agg(
        '''' || replace(replace(language || ':' || lexeme, '\', '\\'), '''', '''''') || ''':' || array_to_string(positions, ','),
        ' '), '')::tsvector
      FROM unnest(to_tsvector(search_stemmer(language), plain))
$$;

-- The same tag on a query's lexemes: 'run' & 'tuesday' becomes 'en:run' & 'en:tuesday'.
CREATE FUNCTION "search_tagged_query"(language text, query tsquery) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT regexp_replace(query::text, '''((?:[^'']|'''')+)''', '''' || language || ':\1''', 'g')::tsquery
$$;

CREATE FUNCTION "search_document"(body text, weight "char", language text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    plain text := search_unaccent(coalesce(body, ''));
    document tsvector := to_tsvector('simple', plain);
BEGIN
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

-- The board's query side: the words as written, each stemmed language's tagged reading, and the
-- pairs reading, OR-ed; each reads the whole query (websearch syntax: quotes, OR, -word).
CREATE OR REPLACE FUNCTION "search_query"(query text) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    plain text := search_unaccent(coalesce(query, ''));
    language text;
    combined tsquery := websearch_to_tsquery('simple', plain);
BEGIN
    FOREACH language IN ARRAY search_stemmed_languages() LOOP
        combined := combined || search_tagged_query(language, websearch_to_tsquery(search_stemmer(language), plain));
    END LOOP;
    IF plain ~ search_ngram_script() THEN
        combined := combined || websearch_to_tsquery('simple', search_ngram_text(plain));
    END IF;
    RETURN combined;
END
$$;

-- "In a language I speak" on the board: a post is readable by whoever speaks the language it is
-- written in (Chinese in either script) or one its poster speaks. Those languages ride in the same
-- document as "speaks:<code>", so the filter is one more term of the tsquery, served by the same index
-- and the same choice between walking the sort order and asking the index (board-query.ts).
CREATE FUNCTION "search_speakers_document"(languages text[], language text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_to_tsvector(ARRAY(
        SELECT DISTINCT 'speaks:' || code FROM unnest(coalesce(languages, '{}') || split_part(language, '-', 1)) AS code))
$$;

CREATE FUNCTION "search_speakers"(languages text[]) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT coalesce(string_agg(quote_literal('speaks:' || code), ' | '), '')::tsquery FROM unnest(languages) AS code
$$;

CREATE OR REPLACE FUNCTION "posts_search_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."search" := search_document(NEW."title", 'A', NEW."language")
        || search_document(NEW."details", 'B', NEW."language")
        || search_speakers_document(NEW."languages", NEW."language");
    RETURN NEW;
END
$$;

CREATE TRIGGER "posts_search_trigger" BEFORE INSERT OR UPDATE OF "title", "details", "language", "languages" ON "posts"
    FOR EACH ROW EXECUTE FUNCTION "posts_search_update"();

-- Posts so far were written in their author's interface language, as far as anyone knows; setting
-- the column also recomputes every post's document through the trigger.
UPDATE "posts" p SET "language" = coalesce(
    (SELECT u."ui_locale" FROM "users" u WHERE u."id" = p."author_id"
        AND u."ui_locale" IN ('en', 'es', 'zh-Hans', 'zh-Hant', 'ru', 'bn', 'ht', 'ko', 'ar', 'ur', 'fr', 'pl')),
    'en');

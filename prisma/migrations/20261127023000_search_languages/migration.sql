-- Search that finds everyday words: "grocery" finds "groceries", "ninos" finds "niños", "familias"
-- finds "familia". Posts and queries are unaccented and lower-cased, then read in every language the
-- board serves: 'simple' keeps each word as written (names, other languages), and each language's
-- stemmer adds its stems. A query matches when any one language reads it as the post does.
-- Adding a language is one entry in "search_languages" and a new migration that recomputes the rows.
-- Prisma does not model functions or triggers, so they live only here.
--
-- Accents are folded with translate() rather than the unaccent extension: translate is built in and
-- IMMUTABLE (unaccent() is not, and needs a wrapper), and it works where contrib extensions are missing
-- (PGlite without its contrib bundle, as in the offline schema-diff tool CI runs, and minimal
-- PostgreSQL installs). Upper-case letters are listed too because lower() leaves them alone under the
-- C locale. The list covers Spanish and the other Latin-script languages neighbors write in.
CREATE FUNCTION "search_languages"() RETURNS regconfig[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ARRAY['simple', 'english', 'spanish']::regconfig[]
$$;

CREATE FUNCTION "search_unaccent"(body text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT lower(translate(body, 'áàâäãåéèêëíìîïóòôöõúùûüñçýÿÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇÝŸ', 'aaaaaaeeeeiiiiooooouuuuncyyaaaaaaeeeeiiiiooooouuuuncyy'))
$$;

CREATE FUNCTION "search_document"(body text, weight "char") RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    plain text := search_unaccent(coalesce(body, ''));
    language regconfig;
    document tsvector := ''::tsvector;
BEGIN
    FOREACH language IN ARRAY search_languages() LOOP
        document := document || to_tsvector(language, plain);
    END LOOP;
    RETURN setweight(document, weight);
END
$$;

-- The board's query side: the same languages, OR-ed, each reading the whole query (websearch syntax:
-- quotes, OR, -word).
CREATE FUNCTION "search_query"(query text) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    plain text := search_unaccent(coalesce(query, ''));
    language regconfig;
    part tsquery;
    combined tsquery;
BEGIN
    -- Starting from NULL rather than ''::tsquery, which raises a notice on every search.
    FOREACH language IN ARRAY search_languages() LOOP
        part := websearch_to_tsquery(language, plain);
        combined := CASE WHEN combined IS NULL THEN part ELSE combined || part END;
    END LOOP;
    RETURN combined;
END
$$;

CREATE OR REPLACE FUNCTION "posts_search_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."search" := search_document(NEW."title", 'A') || search_document(NEW."details", 'B');
    RETURN NEW;
END
$$;

UPDATE "posts" SET "search" = search_document("title", 'A') || search_document("details", 'B');

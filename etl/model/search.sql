-- Full-text search over the government-side text -------------------------------------------
-- DuckDB's fts extension cannot be installed here (it is downloaded at run time, and the only
-- packaged builds are for DuckDB 1.x), so the same inverted index and BM25 ranking are plain SQL.

-- Words of a text: lower case, accents removed, kept whole across - . ' (GPT-4, 3.5, OpenAI's).
CREATE MACRO IF NOT EXISTS search_words(txt) AS
    regexp_extract_all(lower(strip_accents(coalesce(txt, ''))), '[a-z0-9]+(?:[-.''’][a-z0-9]+)*');

-- A word run together (gpt-4 -> gpt4, openai's -> openais): how a query word is looked up.
CREATE MACRO IF NOT EXISTS search_join(w) AS regexp_replace(w, '[^a-z0-9]', '', 'g');

-- Terms of a query: each word run together, so GPT-4 asks for gpt4 (not gpt and 4 anywhere).
-- The index (etl/search.py) holds, for every word, its parts (gpt, 4), the word run together
-- (gpt4) and each pair of neighbouring words run together (open ai -> openai).
CREATE MACRO IF NOT EXISTS search_query_terms(q) AS list_distinct(list_transform(search_words(q), lambda w: search_join(w)));

CREATE TABLE IF NOT EXISTS search_docs (
    doc_id     BIGINT PRIMARY KEY,
    kind       VARCHAR NOT NULL,
    doc_key    VARCHAR NOT NULL,
    title      VARCHAR,
    detail     VARCHAR,
    source_url VARCHAR,
    length     INTEGER NOT NULL
);
COMMENT ON TABLE search_docs IS 'One row per searchable record (an AI use case or an award); rebuilt at the end of every build.';
COMMENT ON COLUMN search_docs.doc_id IS 'Row number of the record in the index.';
COMMENT ON COLUMN search_docs.kind IS 'ai_use_case (ai_use_cases.use_case_key) or award (awards.award_key).';
COMMENT ON COLUMN search_docs.doc_key IS 'Key of the record in its own table.';
COMMENT ON COLUMN search_docs.title IS 'Use case name, or award recipient.';
COMMENT ON COLUMN search_docs.detail IS 'Agency, bureau and year of a use case; PIID, awarding sub-agency and obligated amount of an award.';
COMMENT ON COLUMN search_docs.source_url IS 'Link to the record at its source (inventory file row, usaspending.gov award page).';
COMMENT ON COLUMN search_docs.length IS 'Number of indexed terms in the record (for BM25 length normalisation).';

CREATE TABLE IF NOT EXISTS search_postings (
    term   VARCHAR NOT NULL,
    doc_id BIGINT NOT NULL,
    field  VARCHAR NOT NULL,
    tf     INTEGER NOT NULL
);
COMMENT ON TABLE search_postings IS 'Inverted index: which record holds which term in which field, how often.';
COMMENT ON COLUMN search_postings.term IS 'Indexed term: a part of a word, a word run together, or two neighbouring words run together (etl/search.py).';
COMMENT ON COLUMN search_postings.doc_id IS 'Record holding the term (search_docs).';
COMMENT ON COLUMN search_postings.field IS 'Column the term was found in (data_description, vendor_name, description, ...): shows where a model or company is named.';
COMMENT ON COLUMN search_postings.tf IS 'How many times the term occurs in that field.';

-- Records holding every term of q, best first (BM25, k1 = 1.2, b = 0.75), with the fields that matched.
CREATE MACRO IF NOT EXISTS search_hits(q) AS TABLE
WITH qt AS (SELECT DISTINCT unnest(search_query_terms(q)) AS term),
     stats AS (SELECT count(*) AS n, avg(length) AS avglen FROM search_docs),
     df AS (SELECT term, count(DISTINCT doc_id) AS n FROM search_postings JOIN qt USING (term) GROUP BY term),
     per_doc AS (SELECT doc_id, term, sum(tf) AS tf, list(field ORDER BY field) AS fields
                 FROM search_postings JOIN qt USING (term) GROUP BY doc_id, term)
SELECT d.kind, d.doc_key, d.title, d.detail, d.source_url,
       round(sum(ln((s.n - df.n + 0.5) / (df.n + 0.5) + 1)
                 * p.tf * 2.2 / (p.tf + 1.2 * (0.25 + 0.75 * d.length / s.avglen))), 4) AS score,
       list_sort(list_distinct(flatten(list(p.fields)))) AS matched_fields
FROM per_doc p JOIN df USING (term) JOIN search_docs d USING (doc_id) CROSS JOIN stats s
GROUP BY d.kind, d.doc_key, d.title, d.detail, d.source_url
HAVING count(DISTINCT p.term) = (SELECT count(*) FROM qt)
ORDER BY score DESC, d.doc_key;

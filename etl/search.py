"""Full-text search over AI use cases and contract awards (an inverted index with BM25 ranking, in SQL).

The tokenizer, index tables and ranking are SQL in schema.sql (search_terms, search_docs,
search_postings, search_hits); this module only fills the index and runs the bound query.
"""

from __future__ import annotations

import duckdb

# Which text of each table is searchable. Identifiers here are fixed, never user input.
INDEXED = {
    "ai_use_case": {
        "table": "ai_use_cases",
        "key": "use_case_key",
        "title": "name",
        "detail": "concat_ws(' · ', agency, bureau, inventory_year::VARCHAR, record_kind)",
        "url": "source_url",
        # use_case_id: a reporter quotes "DHS-2556"; without it an ID found no record (issue 17).
        "fields": ("use_case_id", "name", "agency_name", "bureau", "topic", "vendor_name", "problem", "benefits",
                   "outputs", "data_description", "extra"),
    },
    "award": {
        "table": "awards",
        "key": "award_key",
        "title": "recipient_name",
        "detail": "concat_ws(' · ', piid, awarding_sub_agency, 'obligated $' || format('{:,.2f}', obligated))",
        "url": "source_url",
        "fields": ("piid", "recipient_name", "recipient_parent_name", "description"),
    },
}


# Every term of every field: the parts of each word, the word run together, and each pair of
# neighbouring words run together ("Open AI" is then found by OpenAI).
TERMS_SQL = """
CREATE OR REPLACE TEMP TABLE search_tokens AS
WITH words AS (
    SELECT doc_id, field, unnest(w) AS word, generate_subscripts(w, 1) AS pos
    FROM (SELECT doc_id, field, search_words(text) AS w FROM search_text)
)
SELECT doc_id, field, unnest(list_distinct(list_append(regexp_extract_all(word, '[a-z0-9]+'), search_join(word)))) AS term
FROM words
UNION ALL
SELECT doc_id, field, search_join(word) || search_join(next_word)
FROM (SELECT *, lead(word) OVER (PARTITION BY doc_id, field ORDER BY pos) AS next_word FROM words)
WHERE next_word IS NOT NULL
"""


def rebuild_index(con: duckdb.DuckDBPyConnection) -> int:
    """Rebuild search_docs and search_postings from the loaded tables; returns the number of records indexed."""
    con.execute("DELETE FROM search_postings")
    con.execute("DELETE FROM search_docs")
    con.execute("CREATE OR REPLACE TEMP TABLE search_text (doc_id BIGINT, field VARCHAR, text VARCHAR)")
    for kind, spec in INDEXED.items():
        fields = spec["fields"]
        offset = con.execute("SELECT coalesce(max(doc_id), 0) FROM search_docs").fetchall()[0][0]
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE search_src AS
            SELECT $offset + row_number() OVER (ORDER BY doc_key) AS doc_id, *
            FROM (SELECT {spec['key']} AS doc_key, {spec['title']} AS title, {spec['detail']} AS detail,
                         {spec['url']} AS source_url, {', '.join(f'{f}::VARCHAR AS {f}' for f in fields)}
                  FROM {spec['table']})""", {"offset": offset})
        con.execute(f"""
            INSERT INTO search_text
            SELECT doc_id, field, text FROM (UNPIVOT (SELECT doc_id, {', '.join(fields)} FROM search_src)
                                             ON {', '.join(fields)} INTO NAME field VALUE text)
            WHERE text IS NOT NULL AND text <> ''""")
        con.execute("INSERT INTO search_docs SELECT doc_id, $kind, doc_key, title, detail, source_url, 0 FROM search_src",
                    {"kind": kind})
    con.execute(TERMS_SQL)
    con.execute("INSERT INTO search_postings SELECT term, doc_id, field, count(*) FROM search_tokens GROUP BY ALL")
    con.execute("""UPDATE search_docs d SET length = n.terms
                   FROM (SELECT doc_id, count(*) AS terms FROM search_tokens GROUP BY doc_id) n WHERE n.doc_id = d.doc_id""")
    for t in ("search_text", "search_src", "search_tokens"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    return int(con.execute("SELECT count(*) FROM search_docs").fetchall()[0][0])


def search(con: duckdb.DuckDBPyConnection, text: str, kind: str | None = None, limit: int = 100) -> list[dict]:
    """Records holding every word of text, best first, each with the fields where the words were found."""
    rows = con.execute(
        """SELECT kind, doc_key, title, detail, source_url, score, matched_fields
           FROM search_hits($q) WHERE $kind IS NULL OR kind = $kind LIMIT $limit""",
        {"q": text[:2000], "kind": kind, "limit": limit},
    )
    names = [d[0] for d in rows.description]
    return [dict(zip(names, r)) for r in rows.fetchall()]

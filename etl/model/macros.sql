-- Macros shared by the sources and the model (applied before any source's SQL).

-- FEC two-year cycle of a date: the even year that ends the period (2025-03-01 -> 2026). Every FEC
-- source names a row's cycle this way when its file does not say (fec.md §1.1).
CREATE MACRO IF NOT EXISTS fec_cycle(d) AS year(d) + year(d) % 2;

-- Earmarked gifts through a conduit (fec.md §2.1): the recipient's 15E row names the conduit in
-- OTHER_ID; the conduit's 24T/24I copy names the recipient there. Who really got the money, and the
-- conduit it passed through, for every FEC source that files transaction types (bulk, OpenFEC).
CREATE MACRO IF NOT EXISTS earmark_recipient(transaction_tp, filer_cmte_id, other_id) AS
    CASE WHEN transaction_tp IN ('24T', '24I') THEN other_id ELSE filer_cmte_id END;
CREATE MACRO IF NOT EXISTS earmark_conduit(transaction_tp, filer_cmte_id, other_id) AS
    CASE WHEN transaction_tp = '15E' THEN other_id
         WHEN transaction_tp IN ('24T', '24I') THEN filer_cmte_id END;

-- Every link to one record's page at its source passes through record_link(url). The SYNTHETIC demo
-- (etl/demo.py, demo_schema) defines it first, as a marker, so a made-up ID never becomes an address on a
-- real site; IF NOT EXISTS keeps that. It is decided before any table exists because DuckDB binds macros
-- into the generated columns that call them and refuses to replace a macro a table depends on.
CREATE MACRO IF NOT EXISTS record_link(url) AS url;

-- The single switch of every total (contributions.counts_in_totals): the count rule decides (etl/model/rules.sql).
CREATE MACRO IF NOT EXISTS counted(count_rule) AS count_rule = 'counted';

-- Page image of one bulk row, or the filing page when there is no image number.
CREATE MACRO IF NOT EXISTS fec_source_url(image_num, filer_cmte_id, file_num) AS
    record_link(CASE
        WHEN image_num IS NOT NULL AND image_num <> '' THEN 'https://docquery.fec.gov/cgi-bin/fecimg/?' || image_num
        WHEN file_num IS NOT NULL THEN 'https://docquery.fec.gov/cgi-bin/forms/' || filer_cmte_id || '/' || file_num::VARCHAR || '/'
    END);

-- Source of one contribution row: the page image for bulk rows, the filing's schedule page for e-filed rows.
CREATE MACRO IF NOT EXISTS contribution_source_url(source, image_num, filer_cmte_id, file_num, form_type) AS
    CASE
        WHEN source = 'fec_efile' THEN record_link('https://docquery.fec.gov/cgi-bin/forms/' || filer_cmte_id || '/' ||
            file_num::VARCHAR || '/' || CASE WHEN upper(form_type) LIKE 'F13%' THEN lower(left(form_type, 4)) ELSE 'sa/ALL' END)
        ELSE fec_source_url(image_num, filer_cmte_id, file_num)
    END;

-- US federal fiscal year of a date: FY2025 runs from 2024-10-01 to 2025-09-30 (contracts.md §8 trap 5).
CREATE MACRO IF NOT EXISTS fiscal_year(d) AS year(d) + CASE WHEN month(d) >= 10 THEN 1 ELSE 0 END;

-- The one employer normaliser every attribution rule compares with (and the donor model reuses):
-- upper case and accents gone; & as AND; a web suffix split off (AMAZON.COM -> AMAZON COM); dots
-- inside a name joined (X.AI -> XAI, A.I. -> AI, L.L.C. -> LLC, N.A. -> NA); apostrophes dropped
-- (CHILDREN'S -> CHILDRENS); other punctuation to spaces; legal-form words at the end
-- dropped (INC, LLC, CORP, CO, LTD, LP, LLP, PBC, PLC, NA, ...), never the whole name (a bare
-- CORPORATION stays); then a leading THE; common abbreviations spelled out (SVCS -> SERVICES, TECH -> TECHNOLOGIES, INTL
-- -> INTERNATIONAL, MGMT -> MANAGEMENT, ...). Idempotent: employer_norm(employer_norm(x)) = employer_norm(x).
CREATE MACRO IF NOT EXISTS employer_join_dots(s) AS
    regexp_replace(regexp_replace(regexp_replace(s, '([A-Z0-9])\.([A-Z0-9])', '\1\2', 'g'),
                                  '([A-Z0-9])\.([A-Z0-9])', '\1\2', 'g'), '([A-Z0-9])\.([A-Z0-9])', '\1\2', 'g');
CREATE MACRO IF NOT EXISTS employer_norm_punct(e) AS
    trim(regexp_replace(employer_join_dots(regexp_replace(
        replace(replace(upper(strip_accents(coalesce(e, ''))), '&', ' AND '), chr(39), ''),
        '\.(COM|NET|ORG|IO)\b', ' \1', 'g')), '[^A-Z0-9]+', ' ', 'g'));
CREATE MACRO IF NOT EXISTS employer_norm_words(s) AS
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(s,
        '\b(SVCS|SVC|SERV|SRVCS|SERVICE)\b', 'SERVICES', 'g'),
        '\b(TECH|TECHS|TECHNOLOGY|TECHNOLOGIE)\b', 'TECHNOLOGIES', 'g'),
        '\b(INTL|INT L|INTERNATL)\b', 'INTERNATIONAL', 'g'),
        '\b(MGMT|MGT|MNGMT)\b', 'MANAGEMENT', 'g'),
        '\b(ASSOC|ASSOCS|ASSOCIATE)\b', 'ASSOCIATES', 'g'),
        '\b(SYS|SYSTEM)\b', 'SYSTEMS', 'g'),
        '\b(INDS|INDUS|INDUSTRY)\b', 'INDUSTRIES', 'g'),
        '\b(COMMS|COMMUNICATION)\b', 'COMMUNICATIONS', 'g'),
        '\b(HLDGS|HLDG|HOLDING)\b', 'HOLDINGS', 'g'),
        '\b(LABORATORIES|LABORATORY|LAB)\b', 'LABS', 'g'),
        '\b(GRP)\b', 'GROUP', 'g');
CREATE MACRO IF NOT EXISTS employer_norm(e) AS
    nullif(employer_norm_words(regexp_replace(regexp_replace(employer_norm_punct(e),
        '( (LLC|L L C|INC|INCORPORATED|CORP|CORPORATION|CO|COMPANY|LTD|LIMITED|PBC|LP|LLP|PLLC|PC|PLC|NA|N A|GMBH))+$', ''),
        '^(THE )+', '')), '');
-- The normalised name without spaces (OPEN A.I. -> OPENAI, LINKED IN -> LINKEDIN): rules compare keys.
CREATE MACRO IF NOT EXISTS employer_key(e) AS nullif(replace(coalesce(employer_norm(e), ''), ' ', ''), '');
-- The keys of the name's first one to four words (AMAZON COM SERVICES -> [AMAZON, AMAZONCOM,
-- AMAZONCOMSERVICES]): an organization's name key among them is a prefix match on whole words.
CREATE MACRO IF NOT EXISTS norm_prefixes(n) AS
    list_transform(range(1, least(len(string_split(coalesce(n, ''), ' ')), 4) + 1),
                   lambda k: array_to_string(string_split(coalesce(n, ''), ' ')[1:k], ''));
CREATE MACRO IF NOT EXISTS employer_prefixes(e) AS norm_prefixes(employer_norm(e));

-- "LAST, FIRST MIDDLE MR." -> the last name and the first given name, titles and suffixes dropped.
CREATE MACRO IF NOT EXISTS name_last(n) AS
    nullif(trim(regexp_replace(upper(strip_accents(split_part(coalesce(n, ''), ',', 1))), '[^A-Z -]+', '', 'g')), '');
CREATE MACRO IF NOT EXISTS name_first(n) AS
    nullif(list_filter(string_split(trim(regexp_replace(upper(strip_accents(split_part(coalesce(n, ''), ',', 2))), '[^A-Z -]+', ' ', 'g')), ' '),
                       lambda t: t NOT IN ('', 'MR', 'MRS', 'MS', 'MISS', 'DR', 'HON', 'JR', 'SR', 'II', 'III', 'IV', 'MD', 'ESQ', 'PHD'))[1], '');

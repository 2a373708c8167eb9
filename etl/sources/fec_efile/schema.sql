-- Raw .fec electronic filings (etl/sources/fec_efile): one row per filing; its Schedule A and 13-A lines go to
-- contributions (etl/model/contributions.sql).

CREATE TABLE IF NOT EXISTS filings (
    file_num          BIGINT PRIMARY KEY,
    load_id           BIGINT NOT NULL,
    filer_cmte_id     VARCHAR NOT NULL,
    committee_name    VARCHAR,
    form_type         VARCHAR NOT NULL,
    report_code       VARCHAR,
    coverage_from     DATE,
    coverage_through  DATE,
    amends_file_num   BIGINT,
    fec_version       VARCHAR,
    software          VARCHAR,
    filing_url        VARCHAR,
    raw_url           VARCHAR,
    amendment_indicator VARCHAR,
    date_signed       DATE,
    rendering         VARCHAR
);
COMMENT ON TABLE filings IS 'One row per raw .fec electronic filing loaded (its cover page).';
COMMENT ON COLUMN filings.file_num IS 'FEC filing number (the .fec file name).';
COMMENT ON COLUMN filings.load_id IS 'Load that read the filing (load_log).';
COMMENT ON COLUMN filings.filer_cmte_id IS 'Filing committee ID.';
COMMENT ON COLUMN filings.committee_name IS 'Committee name on the cover page.';
COMMENT ON COLUMN filings.form_type IS 'Form on the cover page: F3N, F3XA, F13N, F13A, ... (a final A means an amendment).';
COMMENT ON COLUMN filings.report_code IS 'Report code (Q3, MY, YE, ...).';
COMMENT ON COLUMN filings.coverage_from IS 'First day covered by the report.';
COMMENT ON COLUMN filings.coverage_through IS 'Last day covered by the report.';
COMMENT ON COLUMN filings.amends_file_num IS 'Filing this one amends, from the HDR report_id (FEC-<number>); NULL when not stated.';
COMMENT ON COLUMN filings.fec_version IS 'Electronic filing format version (e.g. 8.3).';
COMMENT ON COLUMN filings.software IS 'Filing software named in the header.';
COMMENT ON COLUMN filings.filing_url IS 'Human-readable filing page on docquery.fec.gov.';
COMMENT ON COLUMN filings.raw_url IS 'The file as loaded, on docquery.fec.gov: the raw .fec, or its CSV rendering (/csv/NNN/<number>.csv).';
COMMENT ON COLUMN filings.amendment_indicator IS 'The form''s last letter: N new, A amendment, T termination (F3XA -> A).';
COMMENT ON COLUMN filings.date_signed IS 'Date the treasurer signed the cover page (the FEC''s receipt date is in filing_versions).';
COMMENT ON COLUMN filings.rendering IS 'How the file was written: fec (0x1C fields), fec-comma (versions before 6) or csv (docquery''s quoted CSV).';
-- What this source does and does not cover (source_coverage, shown next to every empty result).
INSERT OR REPLACE INTO source_coverage VALUES
 ('fec_efile', 'inaugural committee donations', true, 'Inaugural committees report donations of $200 or more on Form 13 (Schedule 13-A), loaded from the raw .fec filing; Form 13 lists no employer.', 'fec.md §3.5');

CREATE TABLE IF NOT EXISTS filing_summary (
    file_num   BIGINT NOT NULL,
    form       VARCHAR NOT NULL,
    col        VARCHAR NOT NULL,
    field      VARCHAR NOT NULL,
    amount     DECIMAL(16, 2),
    PRIMARY KEY (file_num, col, field)
);
COMMENT ON TABLE filing_summary IS 'Cover-page summary figures of each loaded e-filing, one row per field and column (the committee''s own totals).';
COMMENT ON COLUMN filing_summary.file_num IS 'FEC filing number (filings.file_num).';
COMMENT ON COLUMN filing_summary.form IS 'Form without its N/A/T letter (F3X, F3, F13): with field, the key of efile_line_map.';
COMMENT ON COLUMN filing_summary.col IS 'A = this period, B = calendar year (or cycle) to date.';
COMMENT ON COLUMN filing_summary.field IS 'fecfile''s name for the cover field without its col_a_/col_b_ prefix, e.g. other_federal_receipts (line 17 of F3X).';
COMMENT ON COLUMN filing_summary.amount IS 'The figure as filed.';

CREATE TABLE IF NOT EXISTS efile_disbursements (
    file_num            BIGINT NOT NULL,
    line_no             BIGINT NOT NULL,
    load_id             BIGINT NOT NULL,
    filer_cmte_id       VARCHAR NOT NULL,
    form_type           VARCHAR NOT NULL,
    tran_id             VARCHAR,
    back_ref_tran_id    VARCHAR,
    entity_tp           VARCHAR,
    payee_name          VARCHAR,
    city                VARCHAR,
    state               VARCHAR,
    zip_code            VARCHAR,
    disbursement_dt     DATE,
    amount              DECIMAL(14, 2) NOT NULL,
    purpose             VARCHAR,
    category_code       VARCHAR,
    beneficiary_cmte_id VARCHAR,
    beneficiary_cand_id VARCHAR,
    memo_cd             VARCHAR,
    memo_text           VARCHAR,
    is_memo             BOOLEAN NOT NULL,
    PRIMARY KEY (file_num, line_no)
);
COMMENT ON TABLE efile_disbursements IS 'Schedule B lines (itemized disbursements) of loaded e-filings, as filed.';
COMMENT ON COLUMN efile_disbursements.file_num IS 'FEC filing number (filings.file_num).';
COMMENT ON COLUMN efile_disbursements.line_no IS '1-based line of the record in the file (the HDR is line 1).';
COMMENT ON COLUMN efile_disbursements.load_id IS 'Load that wrote the row (load_log).';
COMMENT ON COLUMN efile_disbursements.filer_cmte_id IS 'Committee that made the disbursement (the filer).';
COMMENT ON COLUMN efile_disbursements.form_type IS 'Schedule line: SB21B, SB23, SB29, ... (the cover-page line it adds to).';
COMMENT ON COLUMN efile_disbursements.tran_id IS 'Filer''s transaction ID.';
COMMENT ON COLUMN efile_disbursements.back_ref_tran_id IS 'Transaction ID of the parent line (a memo sub-item names it).';
COMMENT ON COLUMN efile_disbursements.entity_tp IS 'Payee entity type (IND, ORG, COM, PAC, ...).';
COMMENT ON COLUMN efile_disbursements.payee_name IS 'Payee: organization name, or LAST, FIRST.';
COMMENT ON COLUMN efile_disbursements.city IS 'Payee city.';
COMMENT ON COLUMN efile_disbursements.state IS 'Payee state.';
COMMENT ON COLUMN efile_disbursements.zip_code IS 'Payee ZIP code.';
COMMENT ON COLUMN efile_disbursements.disbursement_dt IS 'Date of the disbursement.';
COMMENT ON COLUMN efile_disbursements.amount IS 'Amount as filed.';
COMMENT ON COLUMN efile_disbursements.purpose IS 'Purpose as described by the filer.';
COMMENT ON COLUMN efile_disbursements.category_code IS 'FEC disbursement category code, when given.';
COMMENT ON COLUMN efile_disbursements.beneficiary_cmte_id IS 'Committee receiving the money, when a committee.';
COMMENT ON COLUMN efile_disbursements.beneficiary_cand_id IS 'Candidate the disbursement benefits, when given.';
COMMENT ON COLUMN efile_disbursements.memo_cd IS 'X marks a memo line.';
COMMENT ON COLUMN efile_disbursements.memo_text IS 'Memo text as filed.';
COMMENT ON COLUMN efile_disbursements.is_memo IS 'True for memo lines (e.g. credit-card sub-items already in their parent line): never added to totals.';

CREATE TABLE IF NOT EXISTS efile_independent_expenditures (
    file_num          BIGINT NOT NULL,
    line_no           BIGINT NOT NULL,
    load_id           BIGINT NOT NULL,
    filer_cmte_id     VARCHAR NOT NULL,
    form_type         VARCHAR NOT NULL,
    tran_id           VARCHAR,
    back_ref_tran_id  VARCHAR,
    entity_tp         VARCHAR,
    payee_name        VARCHAR,
    city              VARCHAR,
    state             VARCHAR,
    zip_code          VARCHAR,
    disbursement_dt   DATE,
    amount            DECIMAL(14, 2) NOT NULL,
    dissemination_dt  DATE,
    purpose           VARCHAR,
    support_oppose    VARCHAR,
    cand_id           VARCHAR,
    cand_name         VARCHAR,
    cand_office       VARCHAR,
    cand_state        VARCHAR,
    cand_district     VARCHAR,
    election_code     VARCHAR,
    memo_cd           VARCHAR,
    memo_text         VARCHAR,
    is_memo           BOOLEAN NOT NULL,
    PRIMARY KEY (file_num, line_no)
);
COMMENT ON TABLE efile_independent_expenditures IS 'Schedule E lines (independent expenditures for or against a candidate) of loaded e-filings, as filed.';
COMMENT ON COLUMN efile_independent_expenditures.file_num IS 'FEC filing number (filings.file_num).';
COMMENT ON COLUMN efile_independent_expenditures.line_no IS '1-based line of the record in the file (the HDR is line 1).';
COMMENT ON COLUMN efile_independent_expenditures.load_id IS 'Load that wrote the row (load_log).';
COMMENT ON COLUMN efile_independent_expenditures.filer_cmte_id IS 'Committee that spent the money (the filer).';
COMMENT ON COLUMN efile_independent_expenditures.form_type IS 'SE (line 24 of Form 3X).';
COMMENT ON COLUMN efile_independent_expenditures.tran_id IS 'Filer''s transaction ID.';
COMMENT ON COLUMN efile_independent_expenditures.back_ref_tran_id IS 'Transaction ID of the parent line, when a memo.';
COMMENT ON COLUMN efile_independent_expenditures.entity_tp IS 'Payee entity type.';
COMMENT ON COLUMN efile_independent_expenditures.payee_name IS 'Payee: organization name, or LAST, FIRST.';
COMMENT ON COLUMN efile_independent_expenditures.city IS 'Payee city.';
COMMENT ON COLUMN efile_independent_expenditures.state IS 'Payee state.';
COMMENT ON COLUMN efile_independent_expenditures.zip_code IS 'Payee ZIP code.';
COMMENT ON COLUMN efile_independent_expenditures.disbursement_dt IS 'Date paid (disbursement date; the expenditure date in older versions).';
COMMENT ON COLUMN efile_independent_expenditures.amount IS 'Amount as filed.';
COMMENT ON COLUMN efile_independent_expenditures.dissemination_dt IS 'Date the communication was first publicly distributed.';
COMMENT ON COLUMN efile_independent_expenditures.purpose IS 'Purpose as described (e.g. PLACED MEDIA: RADIO AD).';
COMMENT ON COLUMN efile_independent_expenditures.support_oppose IS 'S supports, O opposes the candidate.';
COMMENT ON COLUMN efile_independent_expenditures.cand_id IS 'FEC candidate ID.';
COMMENT ON COLUMN efile_independent_expenditures.cand_name IS 'Candidate: LAST, FIRST as filed.';
COMMENT ON COLUMN efile_independent_expenditures.cand_office IS 'Office sought: H, S or P.';
COMMENT ON COLUMN efile_independent_expenditures.cand_state IS 'Candidate''s state.';
COMMENT ON COLUMN efile_independent_expenditures.cand_district IS 'Candidate''s district (House).';
COMMENT ON COLUMN efile_independent_expenditures.election_code IS 'Election code as filed (e.g. S2025 special, G2026 general).';
COMMENT ON COLUMN efile_independent_expenditures.memo_cd IS 'X marks a memo line.';
COMMENT ON COLUMN efile_independent_expenditures.memo_text IS 'Memo text as filed.';
COMMENT ON COLUMN efile_independent_expenditures.is_memo IS 'True for memo lines: never added to totals.';

-- The mapping between schedule lines and cover-page lines, written once. Form 3X and Form 3 line numbers are
-- the FEC's (Form 3X: 11(a)(i) itemized individual contributions ... 17 other federal receipts, 21(b) ... 29
-- other disbursements, 24 independent expenditures on Schedule E); Form 13 has one total per schedule.
CREATE OR REPLACE TABLE efile_line_map AS
SELECT * FROM (VALUES
 ('F3X', 'SA11AI', 'individuals_itemized', '11(a)(i)', 'itemized individual contributions'),
 ('F3X', 'SA11B', 'political_party_committees', '11(b)', 'contributions from party committees'),
 ('F3X', 'SA11C', 'other_political_committees_pacs', '11(c)', 'contributions from other political committees'),
 ('F3X', 'SA12', 'transfers_from_aff_other_party_cmttees', '12', 'transfers from affiliated committees'),
 ('F3X', 'SA13', 'total_loans', '13', 'loans received'),
 ('F3X', 'SA14', 'total_loan_repayments_received', '14', 'loan repayments received'),
 ('F3X', 'SA15', 'offsets_to_expenditures', '15', 'offsets to operating expenditures'),
 ('F3X', 'SA16', 'federal_refunds', '16', 'refunds of contributions made'),
 ('F3X', 'SA17', 'other_federal_receipts', '17', 'other federal receipts'),
 ('F3X', 'SB21B', 'other_federal_operating_expenditures', '21(b)', 'other federal operating expenditures'),
 ('F3X', 'SB22', 'transfers_to_affiliated', '22', 'transfers to affiliated committees'),
 ('F3X', 'SB23', 'contributions_to_candidates', '23', 'contributions to federal candidates and committees'),
 ('F3X', 'SE', 'independent_expenditures', '24', 'independent expenditures'),
 ('F3X', 'SB25', 'coordinated_expenditures_by_party_committees', '25', 'coordinated party expenditures'),
 ('F3X', 'SB26', 'total_loan_repayments_made', '26', 'loan repayments made'),
 ('F3X', 'SB27', 'loans_made', '27', 'loans made'),
 ('F3X', 'SB28A', 'refunds_to_individuals', '28(a)', 'refunds to individuals'),
 ('F3X', 'SB28B', 'refunds_to_party_committees', '28(b)', 'refunds to party committees'),
 ('F3X', 'SB28C', 'refunds_to_other_committees', '28(c)', 'refunds to other committees'),
 ('F3X', 'SB29', 'other_disbursements', '29', 'other disbursements'),
 ('F3', 'SA11AI', 'individual_contributions_itemized', '11(a)(i)', 'itemized individual contributions'),
 ('F3', 'SA11B', 'political_party_contributions', '11(b)', 'contributions from party committees'),
 ('F3', 'SA11C', 'pac_contributions', '11(c)', 'contributions from other political committees'),
 ('F3', 'SA11D', 'candidate_contributions', '11(d)', 'contributions from the candidate'),
 ('F3', 'SA12', 'transfers_from_authorized', '12', 'transfers from other authorized committees'),
 ('F3', 'SA13A', 'candidate_loans', '13(a)', 'loans made or guaranteed by the candidate'),
 ('F3', 'SA13B', 'other_loans', '13(b)', 'other loans'),
 ('F3', 'SA14', 'offset_to_operating_expenditures', '14', 'offsets to operating expenditures'),
 ('F3', 'SA15', 'other_receipts', '15', 'other receipts'),
 ('F3', 'SB17', 'operating_expenditures', '17', 'operating expenditures'),
 ('F3', 'SB18', 'transfers_to_authorized', '18', 'transfers to other authorized committees'),
 ('F3', 'SB19A', 'candidate_loan_repayments', '19(a)', 'repayments of loans from the candidate'),
 ('F3', 'SB19B', 'other_loan_repayments', '19(b)', 'repayments of other loans'),
 ('F3', 'SB20A', 'refunds_to_individuals', '20(a)', 'refunds to individuals'),
 ('F3', 'SB20B', 'refunds_to_party_committees', '20(b)', 'refunds to party committees'),
 ('F3', 'SB20C', 'refunds_to_other_committees', '20(c)', 'refunds to other committees'),
 ('F3', 'SB21', 'other_disbursements', '21', 'other disbursements'),
 ('F13', 'F132', 'total_donations_accepted', '13-A', 'donations accepted'),
 ('F13', 'F133', 'total_donations_refunded', '13-B', 'donations refunded')
) AS t(form, schedule, field, line, label);
COMMENT ON TABLE efile_line_map IS 'Which cover-page line each schedule line adds up to, per form (the reconciliation mapping, written once).';
COMMENT ON COLUMN efile_line_map.form IS 'Form without its N/A/T letter: F3X, F3, F13.';
COMMENT ON COLUMN efile_line_map.schedule IS 'Schedule line code as filed (SA17, SB29, SE, F132, ...).';
COMMENT ON COLUMN efile_line_map.field IS 'Cover field (filing_summary.field) that totals those lines.';
COMMENT ON COLUMN efile_line_map.line IS 'Line number on the printed form.';
COMMENT ON COLUMN efile_line_map.label IS 'What the line is.';

-- Every itemized line of a loaded filing, from whichever table holds its schedule.
CREATE OR REPLACE VIEW efile_itemized AS
SELECT file_num, upper(form_type) AS schedule, line_no, amount, is_memo(memo_cd) AS is_memo
FROM contributions WHERE source = 'fec_efile'
UNION ALL SELECT file_num, upper(form_type), line_no, amount, is_memo FROM efile_disbursements
UNION ALL SELECT file_num, upper(form_type), line_no, amount, is_memo FROM efile_independent_expenditures;
COMMENT ON VIEW efile_itemized IS 'Every itemized schedule line of the loaded e-filings (Schedule A and 13-A, B, E), with its memo flag.';
COMMENT ON COLUMN efile_itemized.file_num IS 'FEC filing number.';
COMMENT ON COLUMN efile_itemized.schedule IS 'Schedule line code as filed (SA17, SB29, SE, F132, ...).';
COMMENT ON COLUMN efile_itemized.line_no IS 'Line of the record in the file.';
COMMENT ON COLUMN efile_itemized.amount IS 'Amount as filed.';
COMMENT ON COLUMN efile_itemized.is_memo IS 'Memo line: its amount is inside another line, never added.';

-- Itemized lines per filing and schedule. The view is the definition; the e-filing loader keeps its filing's
-- rows of it in filing_items, because efile_itemized reads the source column of every contribution: the
-- Committee page's reconciliation took 584 ms at 50 million rows (bench/bench_explorer.py).
CREATE OR REPLACE VIEW filing_items_live AS
SELECT file_num, schedule, count(*) AS rows, count(*) FILTER (WHERE is_memo) AS memo_rows,
       coalesce(sum(amount) FILTER (WHERE NOT is_memo), 0)::DECIMAL(16, 2) AS itemized
FROM efile_itemized GROUP BY ALL;
COMMENT ON VIEW filing_items_live IS 'Definition of filing_items: the itemized lines of each loaded e-filing per schedule line, computed from efile_itemized.';
COMMENT ON COLUMN filing_items_live.file_num IS 'FEC filing number.';
COMMENT ON COLUMN filing_items_live.schedule IS 'Schedule line code as filed (SA17, SB29, SE, F132, ...).';
COMMENT ON COLUMN filing_items_live.rows IS 'Itemized lines loaded, memo lines included.';
COMMENT ON COLUMN filing_items_live.memo_rows IS 'Of those, memo lines (not added).';
COMMENT ON COLUMN filing_items_live.itemized IS 'Sum of the non-memo itemized lines.';
CREATE TABLE IF NOT EXISTS filing_items (
    file_num  BIGINT,
    schedule  VARCHAR,
    rows      BIGINT,
    memo_rows BIGINT,
    itemized  DECIMAL(16, 2),
    load_id   BIGINT
);
COMMENT ON TABLE filing_items IS 'filing_items_live kept by the e-filing loader (etl/sources/fec_efile/load.py) for each filing it loads: per loaded e-filing and schedule line, the itemized lines and their sum.';
COMMENT ON COLUMN filing_items.file_num IS 'FEC filing number.';
COMMENT ON COLUMN filing_items.schedule IS 'Schedule line code as filed (SA17, SB29, SE, F132, ...).';
COMMENT ON COLUMN filing_items.rows IS 'Itemized lines loaded, memo lines included.';
COMMENT ON COLUMN filing_items.memo_rows IS 'Of those, memo lines (not added).';
COMMENT ON COLUMN filing_items.itemized IS 'Sum of the non-memo itemized lines.';
COMMENT ON COLUMN filing_items.load_id IS 'Load of the filing that wrote these rows (load_log).';

CREATE OR REPLACE VIEW filing_reconciliation AS
WITH items AS (SELECT * EXCLUDE (load_id) FROM filing_items), lines AS (
    SELECT f.file_num, f.filer_cmte_id, m.form, m.schedule, m.line, m.label, s.amount AS cover_amount
    FROM filings f
    JOIN efile_line_map m ON m.form = regexp_replace(upper(f.form_type), '(?:([0-9X]))[NAT]$', '\1')
    LEFT JOIN filing_summary s ON s.file_num = f.file_num AND s.col = 'A' AND s.field = m.field
)
SELECT l.file_num, l.filer_cmte_id, l.form, l.schedule, l.line, l.label,
       coalesce(i.rows, 0) AS rows, coalesce(i.memo_rows, 0) AS memo_rows,
       coalesce(i.itemized, 0)::DECIMAL(16, 2) AS itemized, l.cover_amount,
       (l.cover_amount - coalesce(i.itemized, 0))::DECIMAL(16, 2) AS not_itemized,
       CASE WHEN l.cover_amount IS NULL THEN 'no cover figure'
            WHEN l.cover_amount = coalesce(i.itemized, 0) THEN 'equal'
            WHEN l.cover_amount > coalesce(i.itemized, 0) THEN 'not itemized'
            ELSE 'itemized exceeds cover' END AS status
FROM lines l LEFT JOIN items i ON i.file_num = l.file_num AND i.schedule = l.schedule
WHERE coalesce(i.rows, 0) > 0 OR coalesce(l.cover_amount, 0) <> 0;
COMMENT ON VIEW filing_reconciliation IS 'Each loaded filing checked against its own cover page, line by line: itemized (memo lines excluded) vs the line total; the difference is money the filer did not itemize (e.g. receipts of $200 or less, fec.md §4.1a).';
COMMENT ON COLUMN filing_reconciliation.file_num IS 'FEC filing number.';
COMMENT ON COLUMN filing_reconciliation.filer_cmte_id IS 'Filing committee.';
COMMENT ON COLUMN filing_reconciliation.form IS 'Form without its N/A/T letter.';
COMMENT ON COLUMN filing_reconciliation.schedule IS 'Schedule line code (SA17, SB29, SE, ...).';
COMMENT ON COLUMN filing_reconciliation.line IS 'Cover-page line it adds up to (17, 29, 24, 11(a)(i), ...).';
COMMENT ON COLUMN filing_reconciliation.label IS 'What the line is.';
COMMENT ON COLUMN filing_reconciliation.rows IS 'Itemized lines loaded, memo lines included.';
COMMENT ON COLUMN filing_reconciliation.memo_rows IS 'Of those, memo lines (not added).';
COMMENT ON COLUMN filing_reconciliation.itemized IS 'Sum of the non-memo itemized lines.';
COMMENT ON COLUMN filing_reconciliation.cover_amount IS 'The cover page''s figure for the line, column A (this period).';
COMMENT ON COLUMN filing_reconciliation.not_itemized IS 'cover_amount - itemized: money on the line the filer did not itemize (negative: itemized more than the line says).';
COMMENT ON COLUMN filing_reconciliation.status IS 'equal, not itemized, itemized exceeds cover, or no cover figure.';

-- Amendments from all the evidence (fec.md §4.1a): a later loaded filing of the same committee, form and coverage
-- or one whose header names it (FEC-<number>), and OpenFEC's reports/filings answers (is_amended,
-- most_recent_file_number, previous_file_number). The latest version replaces the earlier ones whole; etl/rules.py
-- marks a filing's rows superseded only when its replacement is loaded, so rows of a superseded filing whose
-- amendment is not loaded still count (best available) and every figure built on them can quote `note`.
CREATE OR REPLACE VIEW filing_status AS
WITH known AS (
    SELECT file_num FROM filings UNION SELECT file_num FROM filing_versions
), by_load AS (
    SELECT f.file_num, max(a.file_num) AS amended_by
    FROM filings f JOIN filings a
      ON a.file_num <> f.file_num AND a.filer_cmte_id = f.filer_cmte_id
     AND (a.amends_file_num = f.file_num
          OR (left(a.form_type, 3) = left(f.form_type, 3) AND a.coverage_through = f.coverage_through
              AND a.coverage_from IS NOT DISTINCT FROM f.coverage_from AND a.file_num > f.file_num))
    GROUP BY ALL
), decided AS (
    SELECT k.file_num, f.filer_cmte_id, v.committee_id,
           nullif(greatest(coalesce(b.amended_by, 0),
                           CASE WHEN v.is_amended AND v.most_recent_file_num <> k.file_num
                                THEN v.most_recent_file_num ELSE 0 END), 0) AS amended_by,
           coalesce(CASE WHEN v.previous_file_num <> k.file_num THEN v.previous_file_num END,
                    f.amends_file_num) AS amends,
           f.file_num IS NOT NULL AS loaded, v.file_num IS NOT NULL AS listed_by_openfec
    FROM known k
    LEFT JOIN filings f ON f.file_num = k.file_num
    LEFT JOIN filing_versions v ON v.file_num = k.file_num
    LEFT JOIN by_load b ON b.file_num = k.file_num
)
SELECT d.file_num, coalesce(d.filer_cmte_id, d.committee_id) AS committee_id, d.loaded,
       CASE WHEN d.amended_by IS NULL THEN 'current' ELSE 'superseded' END AS status,
       d.amended_by, coalesce(av.receipt_date, af.date_signed) AS amended_on,
       af.file_num IS NOT NULL AS amendment_loaded, d.amends, d.listed_by_openfec,
       CASE WHEN d.amended_by IS NOT NULL AND af.file_num IS NULL
              THEN 'from filing ' || d.file_num || ', amended by ' || d.amended_by
                   || coalesce(' on ' || strftime(coalesce(av.receipt_date, af.date_signed), '%Y-%m-%d'), '')
                   || '; the amendment is not loaded'
            WHEN d.amended_by IS NOT NULL
              THEN 'filing ' || d.file_num || ' is replaced by ' || d.amended_by || ', which is loaded and counts instead'
            WHEN d.listed_by_openfec THEN 'from filing ' || d.file_num || ', the current version (OpenFEC reports)'
            ELSE 'from filing ' || d.file_num || '; no later amendment is known to the loaded records' END AS note
FROM decided d
LEFT JOIN filing_versions av ON av.file_num = d.amended_by
LEFT JOIN filings af ON af.file_num = d.amended_by;
COMMENT ON VIEW filing_status IS 'Each known filing (loaded, or listed by a loaded OpenFEC reports answer): current or superseded, by which filing and when, whether the replacement is loaded, and a note to print beside every figure built on its rows.';
COMMENT ON COLUMN filing_status.file_num IS 'FEC filing number.';
COMMENT ON COLUMN filing_status.committee_id IS 'Filing committee.';
COMMENT ON COLUMN filing_status.loaded IS 'The filing itself is loaded (filings).';
COMMENT ON COLUMN filing_status.status IS 'current, or superseded (a later version replaces it).';
COMMENT ON COLUMN filing_status.amended_by IS 'The latest version that replaces it (a loaded amendment, or OpenFEC''s most_recent_file_number).';
COMMENT ON COLUMN filing_status.amended_on IS 'When the FEC received the replacement (OpenFEC receipt_date; else the date the loaded amendment was signed).';
COMMENT ON COLUMN filing_status.amendment_loaded IS 'The replacement is loaded: this filing''s rows are then superseded and not counted.';
COMMENT ON COLUMN filing_status.amends IS 'The filing this one amends (OpenFEC previous_file_number, else the header''s FEC-<number>).';
COMMENT ON COLUMN filing_status.listed_by_openfec IS 'A loaded OpenFEC reports/filings answer lists the filing.';
COMMENT ON COLUMN filing_status.note IS 'What to say beside a figure built on its rows, e.g. from filing 1930418, amended by 1930534 on 2026-01-02; the amendment is not loaded.';

CREATE OR REPLACE VIEW contribution_filing_status AS
SELECT c.contribution_id, s.file_num, s.status, s.amended_by, s.amended_on, s.amendment_loaded, s.note
FROM contributions c JOIN filing_status s ON s.file_num = c.file_num
WHERE c.source = 'fec_efile';
COMMENT ON VIEW contribution_filing_status IS 'Each e-filed row with the status of its filing: join on contribution_id (org_money_rows.row_id) to say beside a figure that it comes from a superseded filing and name the replacement.';
COMMENT ON COLUMN contribution_filing_status.contribution_id IS 'contributions.contribution_id (org_money_rows.row_id).';
COMMENT ON COLUMN contribution_filing_status.file_num IS 'The filing the row comes from.';
COMMENT ON COLUMN contribution_filing_status.status IS 'current or superseded (filing_status).';
COMMENT ON COLUMN contribution_filing_status.amended_by IS 'The filing that replaces it, if any.';
COMMENT ON COLUMN contribution_filing_status.amended_on IS 'When the FEC received the replacement.';
COMMENT ON COLUMN contribution_filing_status.amendment_loaded IS 'The replacement is loaded (the row is then superseded, not counted).';
COMMENT ON COLUMN contribution_filing_status.note IS 'The sentence to print beside a figure built on the row.';

-- Contract awards: the tables every award source fills (usaspending, fpds), like contributions.sql for FEC.
-- Formats and traps: ../shared/reference/contracts_and_ai_use.md (cited as contracts.md §N).

-- Link for one award: its usaspending.gov page when USAspending's own award key is known; a
-- keyword search for the PIID when the file gave no key (surrogate); FPDS for OT agreements.
CREATE MACRO IF NOT EXISTS award_source_url(award_key, award_key_kind, piid) AS
    record_link(CASE award_key_kind
        WHEN 'usaspending' THEN 'https://www.usaspending.gov/award/' || award_key
        WHEN 'surrogate' THEN 'https://www.usaspending.gov/keyword_search/' || piid
        WHEN 'fpds' THEN 'https://www.fpds.gov/ezsearch/search.do?indexName=awardfull&templateName=1.5.3&s=FPDS.GOV&q=PIID%3A%22' || piid || '%22'
    END);

-- A PIID compared across sources: announcements write HQ0883-25-9-0012, FPDS/SAM HQ08832590012
-- (every PIID in the SAM Contract Awards API's examples is dashless), so only letters and digits count.
CREATE MACRO IF NOT EXISTS piid_key(piid) AS nullif(upper(regexp_replace(coalesce(piid, ''), '[^A-Za-z0-9]', '', 'g')), '');

CREATE TABLE IF NOT EXISTS award_records (
    award_key             VARCHAR NOT NULL,
    award_key_kind        VARCHAR NOT NULL,
    piid                  VARCHAR,
    parent_piid           VARCHAR,
    award_category        VARCHAR NOT NULL,
    award_type            VARCHAR,
    award_type_code       VARCHAR,
    recipient_name        VARCHAR,
    recipient_uei         VARCHAR,
    recipient_parent_name VARCHAR,
    recipient_parent_uei  VARCHAR,
    awarding_agency       VARCHAR,
    awarding_sub_agency   VARCHAR,
    awarding_office       VARCHAR,
    funding_agency        VARCHAR,
    funding_sub_agency    VARCHAR,
    obligated             DECIMAL(18, 2),
    current_value         DECIMAL(18, 2),
    potential_value       DECIMAL(18, 2),
    outlays               DECIMAL(18, 2),
    start_date            DATE,
    end_date              DATE,
    potential_end_date    DATE,
    last_modified_date    DATE,
    description           VARCHAR,
    naics                 VARCHAR,
    naics_description     VARCHAR,
    psc                   VARCHAR,
    psc_description       VARCHAR,
    source                VARCHAR NOT NULL,
    source_format         VARCHAR NOT NULL,
    retrieved_at          TIMESTAMP NOT NULL,
    retrieved_at_basis    VARCHAR NOT NULL,
    dataset               VARCHAR NOT NULL,
    load_id               BIGINT NOT NULL,
    source_file           VARCHAR NOT NULL,
    source_row            BIGINT NOT NULL,
    extra                 JSON,
    source_url            VARCHAR GENERATED ALWAYS AS (award_source_url(award_key, award_key_kind, piid)) VIRTUAL
);
COMMENT ON TABLE award_records IS 'Every award snapshot as each loaded file gave it (several per award when files overlap); the awards view keeps the newest. Nothing here is summed across snapshots.';
COMMENT ON COLUMN award_records.award_key IS 'Unique award key: USAspending''s generated_unique_award_id / contract_award_unique_key (CONT_AWD_<PIID>_<agency>_<parent PIID>_<parent agency>, CONT_IDV_<PIID>_<agency>; FPDS records of contracts and IDVs get the same key, so the two sources never add one award twice), FPDS_OT_<PIID>[_<parent PIID>] for Other Transaction records (not in USAspending), or, when the file has none, a surrogate SURR_<PIID>_<md5 of awarding agency|sub-agency|recipient|start date, 12 hex>. Never the PIID alone: PIIDs repeat under different parents (contracts.md §8 trap 8).';
COMMENT ON COLUMN award_records.award_key_kind IS 'usaspending (the key is USAspending''s own, so the award page exists), surrogate (built by moneytrail from the row because the file had no key), fpds (Other Transaction records, which USAspending does not carry: the link is an FPDS search for the PIID), or announced (only in the awards view: an award known from an announcement, etl/registry/announced_awards.csv).';
COMMENT ON COLUMN award_records.piid IS 'Procurement Instrument Identifier (award_id_piid / Award ID / piid) as published; not unique on its own.';
COMMENT ON COLUMN award_records.parent_piid IS 'PIID of the IDV (schedule, IDIQ, BPA) the order was placed under, when the source gives it.';
COMMENT ON COLUMN award_records.award_category IS 'contract (award types A-D), idv (indefinite-delivery vehicles: their obligations sit on the orders beneath them, so they are shown apart and never added to contract totals), other_transaction (Other Transaction agreements and orders, not in USAspending: a separate figure), other_transaction_idv (Other Transaction IDVs: their money sits on the OT orders beneath them).';
COMMENT ON COLUMN award_records.award_type IS 'Award type in words, upper case as published (DEFINITIVE CONTRACT, DELIVERY ORDER, PURCHASE ORDER, BPA CALL, OTHER TRANSACTION AGREEMENT, ...).';
COMMENT ON COLUMN award_records.award_type_code IS 'Award type code (A BPA call, B purchase order, C delivery order, D definitive contract, IDV_A ... IDV_E) when the source gives it.';
COMMENT ON COLUMN award_records.recipient_name IS 'Recipient legal name as published (SAM legal name, upper case). Resellers such as CARAHSOFT TECHNOLOGY CORP appear here, not the maker of the product (contracts.md §8 trap 7).';
COMMENT ON COLUMN award_records.recipient_uei IS 'Recipient Unique Entity ID (SAM UEI, 12 characters); the key to match recipients on, not the name. Awards before April 2022 may carry only a DUNS (kept in extra).';
COMMENT ON COLUMN award_records.recipient_parent_name IS 'Ultimate parent''s legal name as published; roll up to it only deliberately.';
COMMENT ON COLUMN award_records.recipient_parent_uei IS 'Ultimate parent''s UEI.';
COMMENT ON COLUMN award_records.awarding_agency IS 'Awarding toptier agency (department), e.g. Department of Homeland Security.';
COMMENT ON COLUMN award_records.awarding_sub_agency IS 'Awarding sub-tier agency, e.g. U.S. Immigration and Customs Enforcement. The AI inventory calls the same body a bureau (ICE).';
COMMENT ON COLUMN award_records.awarding_office IS 'Awarding contracting office, when given.';
COMMENT ON COLUMN award_records.funding_agency IS 'Funding toptier agency (may differ from the awarding one: one agency buys on behalf of another).';
COMMENT ON COLUMN award_records.funding_sub_agency IS 'Funding sub-tier agency.';
COMMENT ON COLUMN award_records.obligated IS 'Money committed on the award so far (total_obligated_amount / Award Amount / total_obligation; for a transactions file the award-level total_dollars_obligated on its latest transaction). DECIMAL. Not the ceiling; never add it to potential_value.';
COMMENT ON COLUMN award_records.current_value IS 'Base plus exercised options (current_total_value_of_award / base_exercised_options), when given.';
COMMENT ON COLUMN award_records.potential_value IS 'Ceiling: what could be obligated if every option were exercised (potential_total_value_of_award / base_and_all_options). NULL when the source does not give it (Advanced Search results do not). Never summed with obligations, nor IDV ceilings with their orders.';
COMMENT ON COLUMN award_records.outlays IS 'Money actually paid out so far (total_outlayed_amount / Total Outlays / total_outlay), when given.';
COMMENT ON COLUMN award_records.start_date IS 'Period of performance start (Start Date / period_of_performance_start_date). Searches match action dates, so this can fall outside a searched window.';
COMMENT ON COLUMN award_records.end_date IS 'Current end of the period of performance.';
COMMENT ON COLUMN award_records.potential_end_date IS 'End of the period of performance if every option were exercised, when given.';
COMMENT ON COLUMN award_records.last_modified_date IS 'When USAspending last changed the award record, when given.';
COMMENT ON COLUMN award_records.description IS 'Award description (Description / prime_award_base_transaction_description / description), as published.';
COMMENT ON COLUMN award_records.naics IS 'NAICS industry code.';
COMMENT ON COLUMN award_records.naics_description IS 'NAICS industry title.';
COMMENT ON COLUMN award_records.psc IS 'Product or service code: what was bought.';
COMMENT ON COLUMN award_records.psc_description IS 'Product or service code title.';
COMMENT ON COLUMN award_records.source IS 'Publisher: usaspending (USAspending.gov, API or downloads), fpds (FPDS contract actions from the SAM.gov Contract Awards API), or announced (only in the awards view: a reviewed announcement from etl/registry/announced_awards.csv, not a transaction record).';
COMMENT ON COLUMN award_records.source_format IS 'Kind of file: search_csv (Advanced Search results, display-name columns), awards_csv (Contracts_PrimeAwardSummaries download), transactions_csv (Contracts_PrimeTransactions download), search_json (spending_by_award response), award_json (award detail response), sam_json (SAM.gov Contract Awards API page), registry_csv (announced awards).';
COMMENT ON COLUMN award_records.retrieved_at IS 'When the file was retrieved from the source (UTC). The newest retrieval of an award wins in the awards view.';
COMMENT ON COLUMN award_records.retrieved_at_basis IS 'Where retrieved_at comes from: fetch (recorded by moneytrail fetch in <file>.meta.json) or file_mtime (the file''s modification time, when nothing better is known).';
COMMENT ON COLUMN award_records.dataset IS 'Replacement key of the file the row came from (see load_log.dataset).';
COMMENT ON COLUMN award_records.load_id IS 'Load that wrote this row (load_log).';
COMMENT ON COLUMN award_records.source_file IS 'Name of the file the row came from.';
COMMENT ON COLUMN award_records.source_row IS 'Record number in that file (1 = first data record; for JSON the position in results).';
COMMENT ON COLUMN award_records.extra IS 'Every source column or field that has no column here, by its published name (JSON), so that nothing is lost.';
COMMENT ON COLUMN award_records.source_url IS 'The award''s page on usaspending.gov (a PIID keyword search when the file gave no award key; an FPDS search for OT records; for announced awards, the page where the announcement is published or quoted).';

-- One row per modification, every snapshot; award_transactions keeps the newest of each.
CREATE TABLE IF NOT EXISTS award_transaction_records (
    transaction_key                  VARCHAR NOT NULL,
    award_key                        VARCHAR NOT NULL,
    award_key_kind                   VARCHAR NOT NULL,
    piid                             VARCHAR,
    modification_number              VARCHAR,
    action_date                      DATE,
    action_type                      VARCHAR,
    action_type_description          VARCHAR,
    federal_action_obligation        DECIMAL(18, 2),
    base_and_exercised_options_value DECIMAL(18, 2),
    base_and_all_options_value       DECIMAL(18, 2),
    description                      VARCHAR,
    source                           VARCHAR NOT NULL,
    source_format                    VARCHAR NOT NULL,
    retrieved_at                     TIMESTAMP NOT NULL,
    retrieved_at_basis               VARCHAR NOT NULL,
    dataset                          VARCHAR NOT NULL,
    load_id                          BIGINT NOT NULL,
    source_file                      VARCHAR NOT NULL,
    source_row                       BIGINT NOT NULL,
    extra                            JSON,
    fiscal_year                      INTEGER GENERATED ALWAYS AS (fiscal_year(action_date)) VIRTUAL,
    source_url                       VARCHAR GENERATED ALWAYS AS (award_source_url(award_key, award_key_kind, piid)) VIRTUAL
);
COMMENT ON TABLE award_transaction_records IS 'Every contract modification (transaction) as each loaded file gave it; award_transactions keeps the newest snapshot of each. Sum federal_action_obligation, never the award-level cumulative totals repeated on each transaction (contracts.md §8 trap 3).';
COMMENT ON COLUMN award_transaction_records.transaction_key IS 'Unique transaction key: contract_transaction_unique_key / the API''s transaction id (CONT_TX_...).';
COMMENT ON COLUMN award_transaction_records.award_key IS 'Award the modification belongs to (award_records.award_key).';
COMMENT ON COLUMN award_transaction_records.award_key_kind IS 'usaspending or fpds, as in award_records.';
COMMENT ON COLUMN award_transaction_records.piid IS 'PIID of the award.';
COMMENT ON COLUMN award_transaction_records.modification_number IS 'Modification number (0 or blank for the base award, P00065, ...).';
COMMENT ON COLUMN award_transaction_records.action_date IS 'Date the action was signed.';
COMMENT ON COLUMN award_transaction_records.action_type IS 'Action type code (A additional work, B supplemental agreement, C funding only, ...); for FPDS records the reasonForModification code.';
COMMENT ON COLUMN award_transaction_records.action_type_description IS 'Action type in words (FUNDING ONLY ACTION, TERMINATE FOR CONVENIENCE, ...); for FPDS records the reasonForModification name, NULL on the base award.';
COMMENT ON COLUMN award_transaction_records.federal_action_obligation IS 'Obligation of this action alone, signed: de-obligations (closeouts, terminations) stay negative. DECIMAL.';
COMMENT ON COLUMN award_transaction_records.base_and_exercised_options_value IS 'Change, from this transaction only, to the current contract value.';
COMMENT ON COLUMN award_transaction_records.base_and_all_options_value IS 'Change, from this transaction only, to the ceiling (potential value).';
COMMENT ON COLUMN award_transaction_records.description IS 'Description of the modification as published.';
COMMENT ON COLUMN award_transaction_records.source IS 'Publisher: usaspending or fpds.';
COMMENT ON COLUMN award_transaction_records.source_format IS 'transactions_csv (Contracts_PrimeTransactions download), transactions_json (POST /api/v2/transactions/ response) or sam_json (SAM.gov Contract Awards API page: one record per contract action).';
COMMENT ON COLUMN award_transaction_records.retrieved_at IS 'When the file was retrieved (UTC); the newest retrieval of a transaction wins.';
COMMENT ON COLUMN award_transaction_records.retrieved_at_basis IS 'fetch or file_mtime, as in award_records.';
COMMENT ON COLUMN award_transaction_records.dataset IS 'Replacement key of the file the row came from.';
COMMENT ON COLUMN award_transaction_records.load_id IS 'Load that wrote this row (load_log).';
COMMENT ON COLUMN award_transaction_records.source_file IS 'Name of the file the row came from.';
COMMENT ON COLUMN award_transaction_records.source_row IS 'Record number in that file (1 = first data record or result).';
COMMENT ON COLUMN award_transaction_records.extra IS 'Every source column with no column here (including the award-level cumulative totals, which must not be summed), as JSON.';
COMMENT ON COLUMN award_transaction_records.fiscal_year IS 'Federal fiscal year of action_date (FY starts October 1).';
COMMENT ON COLUMN award_transaction_records.source_url IS 'The award''s page on usaspending.gov, which lists its transactions.';

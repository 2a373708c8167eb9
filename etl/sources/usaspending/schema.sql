-- Contract awards (USAspending) --------------------------------------------------------------
-- Formats and traps: ../shared/reference/contracts_and_ai_use.md (cited as contracts.md §N).

-- Money and dates as USAspending files write them: plain decimals (display files may add $ and
-- thousands separators), ISO dates, sometimes with a time part ("2025-08-23 00:00:00").
CREATE MACRO IF NOT EXISTS usa_money(x) AS TRY_CAST(replace(replace(trim(x), '$', ''), ',', '') AS DECIMAL(18, 2));
CREATE MACRO IF NOT EXISTS usa_date(x) AS TRY_CAST(left(trim(x), 10) AS DATE);

-- award_records and award_transaction_records, shared with the fpds source, are in etl/model/awards.sql;
-- the awards and award_transactions views (with announced awards) in etl/model/award_views.sql.

-- What this source does and does not cover (source_coverage, shown next to every empty result).
INSERT OR REPLACE INTO source_coverage VALUES
 ('usaspending', 'contracts and IDVs', true, 'Prime contract awards (types A-D) and indefinite-delivery vehicles reported to FPDS, from FY2008 (search) or FY2001 (downloads).', 'contracts.md §1.3; USAspending API'),
 ('usaspending', 'Other Transaction agreements', false, 'OT agreements are not FFATA awards and USAspending has no OT award type: the DoD CDAO frontier-AI prototype agreements with OpenAI, Anthropic, Google and xAI (2025) are not in these records. They are in FPDS and the SAM.gov Contract Awards API.', 'contracts.md §3.1; GAO, Nov 2023'),
 ('usaspending', 'DoD awards of the last 90 days', false, 'DoD procurement records are embargoed for 90 days after signature in FPDS and USAspending, so recent DoD awards are missing everywhere public.', 'contracts.md §1.5, §8 trap 10'),
 ('usaspending', 'classified work', false, 'Classified contracts and classified details of awards are not published.', 'contracts.md §7.1'),
 ('usaspending', 'purchases through resellers', true, 'Purchases through a reseller or a GSA Schedule holder (e.g. Carahsoft for the GSA OneGov $1 deals) appear under the reseller as recipient, not under the maker of the product.', 'contracts.md §0 item 4, §8 trap 7'),
 ('usaspending', 'subawards', false, 'Subcontracts under a prime award are a separate file (Contracts_Subawards) that moneytrail does not load yet.', 'contracts.md §2.1');

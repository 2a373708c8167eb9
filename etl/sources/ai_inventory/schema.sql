-- Federal AI Use Case Inventory ----------------------------------------------------------------
-- Formats and traps: ../shared/reference/contracts_and_ai_use.md §4, §5 and §8 traps 12-17
-- (cited as contracts.md §N). Loader: etl/sources/ai_inventory.py; answers normalised in
-- etl/sources/_inventory_text.py.

CREATE TABLE IF NOT EXISTS ai_use_cases (
    use_case_key               VARCHAR PRIMARY KEY,
    dataset                    VARCHAR NOT NULL,
    load_id                    BIGINT NOT NULL,
    inventory_year             INTEGER NOT NULL,
    record_kind                VARCHAR NOT NULL,
    publisher                  VARCHAR NOT NULL,
    agency                     VARCHAR,
    agency_name                VARCHAR,
    bureau                     VARCHAR,
    use_case_id                VARCHAR,
    name                       VARCHAR,
    stage                      VARCHAR,
    stage_raw                  VARCHAR,
    topic                      VARCHAR,
    classification             VARCHAR,
    impact                     VARCHAR,
    impact_framework           VARCHAR,
    impact_raw                 VARCHAR,
    vendor_name                VARCHAR,
    problem                    VARCHAR,
    benefits                   VARCHAR,
    outputs                    VARCHAR,
    data_description           VARCHAR,
    contracting_usage          VARCHAR,
    piids                      VARCHAR,
    operational_date           DATE,
    operational_date_raw       VARCHAR,
    operational_date_precision VARCHAR,
    is_withheld                BOOLEAN,
    is_withheld_raw            VARCHAR,
    cots_in_use                BOOLEAN,
    cots_users                 VARCHAR,
    source_file                VARCHAR NOT NULL,
    source_row                 BIGINT NOT NULL,
    source_url                 VARCHAR,
    extra                      JSON
);
COMMENT ON TABLE ai_use_cases IS 'One row per AI use case as an inventory publishes it: OMB''s consolidated 2023, 2024 (v2) and 2025 files, the 2025 COTS table (one row per agency and task), and agency-published spreadsheets. Years use different forms: compare stage across years, never impact (contracts.md §8 trap 14). Excludes DoD/"Department of War", national security systems and the intelligence community (contracts.md §4.1): absence is not non-use.';
COMMENT ON COLUMN ai_use_cases.use_case_key IS 'Stable unique key: <scope>:<agency>:<use case id>, where scope is the year (2023, 2024, 2025), 2025-cots or <year>-agency; agency is the abbreviation (else the agency name as a slug, else -); the id is - when blank (2024 has none). When the id is blank or repeated within the agency, :<name as a lower-case slug> is added, and when that still repeats (identical rows), #1, #2 ... in file order. Example: 2025:DHS:DHS-2556.';
COMMENT ON COLUMN ai_use_cases.dataset IS 'Replacement key (load_log.dataset): ai_inventory:2023, :2024, :2025, :2025-cots, or ai_inventory:agency:<year>:<agency> for an agency spreadsheet (ai_inventory:agency:<year>:file:<name> when it names no single agency). A newer file of the same dataset replaces these rows.';
COMMENT ON COLUMN ai_use_cases.load_id IS 'Load that wrote the row (load_log.load_id).';
COMMENT ON COLUMN ai_use_cases.inventory_year IS 'Inventory the row belongs to: 2023, 2024 or 2025 (agency spreadsheets: the year in the file name, else 2025, whose form they use).';
COMMENT ON COLUMN ai_use_cases.record_kind IS 'individual (one reported use case) or cots (2025 consolidated commercial off-the-shelf table: one row per agency and fixed task type, contracts.md §4.3).';
COMMENT ON COLUMN ai_use_cases.publisher IS 'omb for OMB''s consolidated files, agency for a spreadsheet an agency published itself (the same use case can then appear once from each).';
COMMENT ON COLUMN ai_use_cases.agency IS 'Agency abbreviation as the OMB inventories use it (DHS, HHS, STATE, TREAS ...), harmonised from the agency name where the file spells it out (2023 DOS -> STATE; COTS names); agency spreadsheets: the prefix of the use case id. NULL for COTS agencies no inventory abbreviates.';
COMMENT ON COLUMN ai_use_cases.agency_name IS 'Agency (department) name as published: 2023 Department, 2024 Agency, 2025 agency_name, COTS Agency (contracts.md §8 trap 17).';
COMMENT ON COLUMN ai_use_cases.bureau IS 'Bureau or component as published (2025 agency_bureau such as ICE; 2024 Bureau; 2023 Agency, e.g. Customs and Border Protection).';
COMMENT ON COLUMN ai_use_cases.use_case_id IS 'Use case ID as published (2023 Use_Case_ID, 2025 id such as DHS-2556). Not a key: 2025 leaves it blank on 704 rows and repeats some (DOJ-0357, TBD, bare numbers); 2024 has none (contracts.md §8 trap 13).';
COMMENT ON COLUMN ai_use_cases.name IS 'Use case name (2023 Title; COTS: the task type, e.g. "Generating code using AI.").';
COMMENT ON COLUMN ai_use_cases.stage IS 'Stage in one vocabulary for all years: planned, pre-deployment, pilot, deployed, retired, or unknown (blank, or an answer outside the forms). 2025: Pre-deployment/Pilot/Deployed/Retired as named. 2024 (NIST SDLC phases): Initiated -> planned, Acquisition and/or Development -> pre-deployment, Implementation and Assessment -> pilot, Operation and Maintenance -> deployed, Retired -> retired; strays Planned/Ideation -> planned, In production/In mission -> deployed. 2023 free text: Initiation/Planned -> planned, Development and Acquisition -> pre-deployment, Implementation/proof of concept -> pilot, Operation and Maintenance/In-use/In production -> deployed. NULL for COTS rows (no stage). OMB''s 2025 recoding map files "Initiated" under Pilot; here it is planned, as the 2024 dictionary defines it (requirements defined, nothing built). Exact text in stage_raw.';
COMMENT ON COLUMN ai_use_cases.stage_raw IS 'Stage of development exactly as published (whitespace trimmed): 2023 Development_Stage, 2024 Stage of Development, 2025 development_stage, or an agency form''s lettered answer.';
COMMENT ON COLUMN ai_use_cases.topic IS 'Use case topic area as published (2024 and 2025 vocabularies differ; agency forms: letter prefix removed). NULL for 2023 and COTS.';
COMMENT ON COLUMN ai_use_cases.classification IS '2025 AI classification (Classical ML, Generative AI, NLP, Computer Vision, Agentic AI, Reinforcement Learning, Other; agency forms standardised to these words, original in extra); 2023 Techniques as free text; NULL for 2024 (no such question) and COTS.';
COMMENT ON COLUMN ai_use_cases.impact IS 'Impact determination in the words of its own framework (impact_framework), never mixed: under OMB M-24-10 (2024) rights-impacting, safety-impacting, both or neither; under OMB M-25-21 (2025) high-impact, not high-impact, or "presumed high-impact, not high-impact" (presumed high-impact but determined not to be); unknown when blank or another answer (e.g. 2024 "No, use case is too new to fully assess impacts"); NULL where the form has no such question (2023, COTS).';
COMMENT ON COLUMN ai_use_cases.impact_framework IS 'OMB M-24-10 (2024 rights-/safety-impacting) or OMB M-25-21 (2025 high-impact); NULL for 2023 and COTS.';
COMMENT ON COLUMN ai_use_cases.impact_raw IS 'Impact answer exactly as published, trimmed (2024 writes "Rights-Impacting" with a trailing newline).';
COMMENT ON COLUMN ai_use_cases.vendor_name IS '2025 vendor_name as free text ("AIS", "Microsoft (OpenAI Azure Commercial Cloud offerings)", even a stage name); COTS: the product names used. NULL for 2023 and 2024 (not asked). Models are often named only in data_description, outputs or benefits (contracts.md §8 trap 15).';
COMMENT ON COLUMN ai_use_cases.problem IS 'What the AI is for: 2025 problem_solved; 2023 Summary (that form''s single description).';
COMMENT ON COLUMN ai_use_cases.benefits IS '2025 benefits; 2024 "What is the intended purpose and expected benefits of the AI?".';
COMMENT ON COLUMN ai_use_cases.outputs IS 'Description of the AI system''s outputs (2024, 2025).';
COMMENT ON COLUMN ai_use_cases.data_description IS 'Data used to train, fine-tune or evaluate the models (2025 data_description; 2024 "Describe any agency-owned data used to train ...").';
COMMENT ON COLUMN ai_use_cases.contracting_usage IS 'Whether the system was bought, built under contract or in-house, as published (2025: Vendor Purchased, In-house Development, Contracting and In House; 2024: "Developed with contracting resources." ...); agency forms standardised to the 2025 words, original in extra.';
COMMENT ON COLUMN ai_use_cases.piids IS '2024 only: "Provide the Procurement Instrument Identifier(s) (PIID) of the contract(s) used." as free text (may list several, or N/A). 2025 has no contract column (contracts.md §4.2).';
COMMENT ON COLUMN ai_use_cases.operational_date IS 'When the use case became operational (2025 operational_date: "or the pilot''s start date"; 2024 Date Implemented). Read from ISO dates, M/D/YYYY with or without a time, MM/YYYY, Mon-YY and YY-Mon (Excel month-year), and bare years; months and years give the first day (see operational_date_precision). A 1905 date that is a year number shown as an Excel date (2024 -> 1905-07-16) is read as that year. NULL when unreadable; the text is in operational_date_raw.';
COMMENT ON COLUMN ai_use_cases.operational_date_raw IS 'The operational date exactly as published, trimmed.';
COMMENT ON COLUMN ai_use_cases.operational_date_precision IS 'day, month or year: how much of operational_date the source gave; NULL when no date was read.';
COMMENT ON COLUMN ai_use_cases.is_withheld IS 'True when the agency answered that the use case is withheld ("Yes - Disclosure Risk", "Yes - Prohibited by Law"), false for No, NULL for blank, Other, or years without the question.';
COMMENT ON COLUMN ai_use_cases.is_withheld_raw IS 'The withholding answer exactly as published (2025 and agency forms).';
COMMENT ON COLUMN ai_use_cases.cots_in_use IS 'COTS rows: the agency uses a commercial product for this task (Agency Use (Y/N)? Y = true, N = false, blank = NULL). NULL for individual use cases.';
COMMENT ON COLUMN ai_use_cases.cots_users IS 'COTS rows: Estimated # of Licenses/Users as a band (1-100, 101-1000, 1001-5000, 5001-10,000, 10,000-50,000, 50,000+).';
COMMENT ON COLUMN ai_use_cases.source_file IS 'Name of the file the row was read from (full path in load_log).';
COMMENT ON COLUMN ai_use_cases.source_row IS 'Where the row is in that file: the physical line on which the CSV record starts (records can span lines), or the spreadsheet row number.';
COMMENT ON COLUMN ai_use_cases.source_url IS 'The published file on GitHub: ombegov''s repository at the commit recorded in shared/data/ai_inventory/PROVENANCE.md when the file''s SHA-256 matches it, else the same path at HEAD, opened at the row''s line (?plain=1#L<source_row>); NULL for agency spreadsheets.';
COMMENT ON COLUMN ai_use_cases.extra IS 'JSON object of every non-empty source value not held in a named column, keyed by the source header (whitespace collapsed; a repeated header such as 2024''s nine "If Other, please explain." gets " (column N)"). Also keeps the published wording where a named column standardised it. Nothing in the file is lost.';

-- What this source does and does not cover (source_coverage, shown next to every empty result).
INSERT OR REPLACE INTO source_coverage VALUES
 ('ai_inventory', 'Department of Defense / Department of War uses', false, 'The inventory excludes DoD ("Department of War") use cases by rule: no CDAO or other DoD use of any AI company will appear here.', 'contracts.md §4.1 (2024 and 2025 READMEs)'),
 ('ai_inventory', 'national security systems and the intelligence community', false, 'AI used as a component of a National Security System or within the Intelligence Community is excluded.', 'contracts.md §4.1'),
 ('ai_inventory', 'withheld use cases and fields', false, 'Agencies may withhold use cases or fields whose release would be inconsistent with law or policy (is_withheld).', 'contracts.md §4.1, §4.2'),
 ('ai_inventory', 'commercial off-the-shelf tools', true, 'From 2025, everyday commercial AI tools (ChatGPT Enterprise, Copilot, ...) are reported in a separate COTS table per agency and task, not as individual use cases.', 'contracts.md §4.3'),
 ('ai_inventory', 'contract numbers', false, 'The 2025 inventory has no PIID column (2024 had free-text PIIDs), so a use case links to a contract only by inference from vendor, agency and date.', 'contracts.md §4.2, §7.2');

-- Who is who: the registry (etl/registry/*.csv, reviewed and versioned) and attribution ----------
-- Filled at build time by etl/entities.py; the counting of money by organization is org_money (money.sql).

CREATE TABLE IF NOT EXISTS registry_organizations (
    org_id   VARCHAR PRIMARY KEY,
    name     VARCHAR NOT NULL,
    peer_set VARCHAR,
    scope    VARCHAR,
    source   VARCHAR NOT NULL
);
COMMENT ON TABLE registry_organizations IS 'Organizations moneytrail attributes money to (etl/registry/organizations.csv).';
COMMENT ON COLUMN registry_organizations.org_id IS 'Lowercase identifier (openai, google, ...).';
COMMENT ON COLUMN registry_organizations.name IS 'Display name.';
COMMENT ON COLUMN registry_organizations.peer_set IS 'Peer group for comparisons (ai = the AI companies).';
COMMENT ON COLUMN registry_organizations.scope IS 'What the organization includes (parent and subsidiaries).';
COMMENT ON COLUMN registry_organizations.source IS 'Public filing or page the facts come from.';

CREATE TABLE IF NOT EXISTS registry_employer_rules (
    org_id VARCHAR NOT NULL,
    rule   VARCHAR NOT NULL,
    value  VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    line   INTEGER NOT NULL
);
COMMENT ON TABLE registry_employer_rules IS 'Employer-string rules per organization (etl/registry/employer_rules.csv), compared with employer_norm() of the string as filed.';
COMMENT ON COLUMN registry_employer_rules.org_id IS 'Organization the rule attributes to (or excludes from).';
COMMENT ON COLUMN registry_employer_rules.rule IS 'exact (the normalised form equals employer_norm(value)), pattern (a regular expression over the normalised form), exclude (a regular expression that stops this organization from matching, whatever else matched).';
COMMENT ON COLUMN registry_employer_rules.value IS 'Employer form or regular expression.';
COMMENT ON COLUMN registry_employer_rules.source IS 'Why the rule is right: a filing, a 10-K exhibit, a company page.';
COMMENT ON COLUMN registry_employer_rules.line IS 'Line of the rule in employer_rules.csv.';

CREATE TABLE IF NOT EXISTS registry_people (
    person_id  VARCHAR NOT NULL,
    org_id     VARCHAR NOT NULL,
    role       VARCHAR NOT NULL,
    last_name  VARCHAR NOT NULL,
    first_name VARCHAR NOT NULL,
    name_form  VARCHAR NOT NULL,
    city       VARCHAR,
    state      VARCHAR,
    relation   VARCHAR,
    source     VARCHAR NOT NULL
);
COMMENT ON TABLE registry_people IS 'Executives and their household members (etl/registry/people.csv), one row per name form FEC filings use.';
COMMENT ON COLUMN registry_people.person_id IS 'Stable identifier of the person; becomes contributions.donor_id of the rows pinned to them.';
COMMENT ON COLUMN registry_people.org_id IS 'Organization the person is attributed to.';
COMMENT ON COLUMN registry_people.role IS 'executive or household (spouse or household member of an executive).';
COMMENT ON COLUMN registry_people.last_name IS 'Last name as compared (name_last of the name form).';
COMMENT ON COLUMN registry_people.first_name IS 'First given name as compared (name_first of the name form).';
COMMENT ON COLUMN registry_people.name_form IS 'Name form as FEC filings write it (LAST, FIRST).';
COMMENT ON COLUMN registry_people.city IS 'Home city as filed, to tell namesakes apart; NULL when not known from a source.';
COMMENT ON COLUMN registry_people.state IS 'Home state as filed; NULL when not known from a source.';
COMMENT ON COLUMN registry_people.relation IS 'Title, or relation to the executive (spouse of ...).';
COMMENT ON COLUMN registry_people.source IS 'Public page or filing for the person, role and home place.';

CREATE TABLE IF NOT EXISTS registry_committees (
    org_id  VARCHAR NOT NULL,
    cmte_id VARCHAR NOT NULL,
    role    VARCHAR NOT NULL,
    name    VARCHAR,
    source  VARCHAR NOT NULL
);
COMMENT ON TABLE registry_committees IS 'Committees tied to an organization by ID, never by name (etl/registry/committees.csv).';
COMMENT ON COLUMN registry_committees.org_id IS 'Organization.';
COMMENT ON COLUMN registry_committees.cmte_id IS 'FEC committee ID.';
COMMENT ON COLUMN registry_committees.role IS 'pac (the corporate PAC / separate segregated fund) or not_affiliated (a look-alike committee that is not the organization''s, kept to warn).';
COMMENT ON COLUMN registry_committees.name IS 'Committee name as in the committee master.';
COMMENT ON COLUMN registry_committees.source IS 'Where the tie is documented.';

CREATE TABLE IF NOT EXISTS registry_contract_recipients (
    org_id         VARCHAR NOT NULL,
    recipient_name VARCHAR NOT NULL,
    uei            VARCHAR,
    relation       VARCHAR NOT NULL,
    description_pattern VARCHAR,
    source         VARCHAR NOT NULL
);
COMMENT ON TABLE registry_contract_recipients IS 'Contract recipients of an organization: itself, subsidiaries and known resellers (etl/registry/contract_recipients.csv).';
COMMENT ON COLUMN registry_contract_recipients.org_id IS 'Organization.';
COMMENT ON COLUMN registry_contract_recipients.recipient_name IS 'Recipient legal name as USAspending writes it.';
COMMENT ON COLUMN registry_contract_recipients.uei IS 'SAM Unique Entity ID, when confirmed.';
COMMENT ON COLUMN registry_contract_recipients.relation IS 'self, subsidiary, or reseller (sells the organization''s products; its awards are not the organization''s money).';
COMMENT ON COLUMN registry_contract_recipients.description_pattern IS 'For resellers: a regular expression the award description must match (the product, e.g. CHATGPT|OPENAI), since most of a reseller''s awards are other makers'' products; NULL: every award of the recipient.';
COMMENT ON COLUMN registry_contract_recipients.source IS 'Where the relation is documented.';

CREATE TABLE IF NOT EXISTS registry_announced_awards (
    announcement_id    VARCHAR NOT NULL,
    award_id           VARCHAR,
    org_id             VARCHAR NOT NULL,
    recipient_name     VARCHAR NOT NULL,
    agency             VARCHAR NOT NULL,
    office             VARCHAR,
    award_type         VARCHAR NOT NULL,
    award_category     VARCHAR NOT NULL,
    ceiling            DECIMAL(18, 2),
    obligated_at_award DECIMAL(18, 2),
    announced_on       DATE NOT NULL,
    title              VARCHAR,
    url                VARCHAR NOT NULL,
    url_kind           VARCHAR NOT NULL,
    source             VARCHAR NOT NULL,
    line               INTEGER NOT NULL,
    announcement_key   VARCHAR GENERATED ALWAYS AS ('announced:' || announcement_id || ':' || coalesce(award_id, org_id)) VIRTUAL
);
COMMENT ON TABLE registry_announced_awards IS 'Awards known from official announcements (DoD daily contract announcements, agency releases), reviewed facts from etl/registry/announced_awards.csv: announced, not transaction records. The awards view shows one until FPDS or USAspending records of the same award id are loaded; then the records win and the announcement stays as their citation (never added to them).';
COMMENT ON COLUMN registry_announced_awards.announcement_id IS 'Which announcement: the publisher and its date (dod-contracts-2025-06-16, cdao-2025-07-14).';
COMMENT ON COLUMN registry_announced_awards.award_id IS 'PIID as announced (HQ0883-25-9-0012); NULL when the announcement gives none (the award id is not public).';
COMMENT ON COLUMN registry_announced_awards.org_id IS 'Registry organization the award goes to.';
COMMENT ON COLUMN registry_announced_awards.recipient_name IS 'Recipient as the announcement names it (not necessarily the legal awardee name in FPDS).';
COMMENT ON COLUMN registry_announced_awards.agency IS 'Awarding department.';
COMMENT ON COLUMN registry_announced_awards.office IS 'Awarding office (e.g. the CDAO, contracting office HQ0883).';
COMMENT ON COLUMN registry_announced_awards.award_type IS 'Award type as announced (Prototype Other Transaction Agreement, ...).';
COMMENT ON COLUMN registry_announced_awards.award_category IS 'other_transaction when the type is an Other Transaction, else contract (as award_records.award_category).';
COMMENT ON COLUMN registry_announced_awards.ceiling IS 'Announced ceiling (the "$200M" of a headline): what could be obligated, not money committed. Never added to obligations.';
COMMENT ON COLUMN registry_announced_awards.obligated_at_award IS 'Money the announcement says was obligated at award; NULL when it does not say.';
COMMENT ON COLUMN registry_announced_awards.announced_on IS 'Date of the announcement.';
COMMENT ON COLUMN registry_announced_awards.title IS 'What the award is for, in the announcement''s words.';
COMMENT ON COLUMN registry_announced_awards.url IS 'Page where the announcement is published (url_kind official) or quoted (secondary).';
COMMENT ON COLUMN registry_announced_awards.url_kind IS 'official (the agency''s own page) or secondary (a report quoting the announcement, because the official page could not be reached).';
COMMENT ON COLUMN registry_announced_awards.source IS 'Review note: which sources give which fact, and what is not confirmed.';
COMMENT ON COLUMN registry_announced_awards.line IS 'Line in announced_awards.csv.';
COMMENT ON COLUMN registry_announced_awards.announcement_key IS 'Key of the announced row in the awards view: announced:<announcement_id>:<award id, or org_id when the award id is not public>.';

CREATE TABLE IF NOT EXISTS registry_products (
    org_id VARCHAR NOT NULL,
    term   VARCHAR NOT NULL,
    source VARCHAR NOT NULL
);
COMMENT ON TABLE registry_products IS 'Names of an organization and its products to look for in agency AI use cases (etl/registry/products.csv).';
COMMENT ON COLUMN registry_products.org_id IS 'Organization.';
COMMENT ON COLUMN registry_products.term IS 'Name as searched (whole words, every word must occur: GPT-4, Azure OpenAI, Claude).';
COMMENT ON COLUMN registry_products.source IS 'Page that shows the product is the organization''s.';

CREATE TABLE IF NOT EXISTS registry_overrides (
    kind   VARCHAR NOT NULL,
    value  VARCHAR NOT NULL,
    target VARCHAR,
    note   VARCHAR,
    source VARCHAR NOT NULL
);
COMMENT ON TABLE registry_overrides IS 'Reviewed corrections that win over every rule (etl/registry/overrides.csv).';
COMMENT ON COLUMN registry_overrides.kind IS 'employer (value = an employer string exactly as filed) or contribution_person (value = a contribution_id).';
COMMENT ON COLUMN registry_overrides.value IS 'What is overridden.';
COMMENT ON COLUMN registry_overrides.target IS 'employer: the org_id it belongs to, or empty for none; contribution_person: the person_id the row belongs to, or empty for nobody in the registry.';
COMMENT ON COLUMN registry_overrides.note IS 'Why.';
COMMENT ON COLUMN registry_overrides.source IS 'Evidence.';

CREATE TABLE IF NOT EXISTS employer_matches (
    employer   VARCHAR NOT NULL,
    org_id     VARCHAR NOT NULL,
    rule       VARCHAR NOT NULL,
    attributed BOOLEAN NOT NULL,
    rows       BIGINT NOT NULL,
    amount     DECIMAL(18, 2)
);
COMMENT ON TABLE employer_matches IS 'Every distinct employer string a registry rule touched, per organization: attributed ones, and look-alikes an exclusion or override kept out, with their rows and counted amount. The audit list behind contributions.org_id.';
COMMENT ON COLUMN employer_matches.employer IS 'Employer string exactly as filed.';
COMMENT ON COLUMN employer_matches.org_id IS 'Organization.';
COMMENT ON COLUMN employer_matches.rule IS 'Rule that decided: override:<string>, exact:<form>, pattern:<regex>, exclude:<regex>, or ambiguous:<org ids> when rules of two organizations matched (then none is attributed).';
COMMENT ON COLUMN employer_matches.attributed IS 'True when the rows are attributed to the organization; false for look-alikes kept out.';
COMMENT ON COLUMN employer_matches.rows IS 'Contribution rows with this employer string (all, counted or not).';
COMMENT ON COLUMN employer_matches.amount IS 'SUM(amount) of those rows that count in totals.';
-- Donors: one person's contribution rows clustered into contributions.donor_id (etl/donors.py) --
-- Filled at build time after the registry pins; the model and its measured quality are in etl/donors.py.

CREATE TABLE IF NOT EXISTS donor_match_evidence (
    contribution_id_l      VARCHAR NOT NULL,
    contribution_id_r      VARCHAR NOT NULL,
    evidence               VARCHAR NOT NULL,
    joined                 BOOLEAN NOT NULL,
    match_weight           DOUBLE,
    match_probability      DOUBLE,
    last_name_level        VARCHAR,
    first_name_level       VARCHAR,
    middle_initial_level   VARCHAR,
    suffix_level           VARCHAR,
    place_level            VARCHAR,
    employer_level         VARCHAR,
    occupation_level       VARCHAR
);
COMMENT ON TABLE donor_match_evidence IS 'Why rows share a contributions.donor_id: every pair of records splink scored at or above the threshold, and every row that is the same record as another, with the score and the level of each comparison. A donor''s rows are joined by the pairs with joined = true.';
COMMENT ON COLUMN donor_match_evidence.contribution_id_l IS 'One row of the pair (contributions.contribution_id); for splink pairs the first row of its record.';
COMMENT ON COLUMN donor_match_evidence.contribution_id_r IS 'The other row of the pair (contributions.contribution_id).';
COMMENT ON COLUMN donor_match_evidence.evidence IS 'splink (the two records scored at or above the threshold) or identical_record (the row has the same name, middle initial, suffix, city, state, ZIP, employer and occupation, as compared, as contribution_id_l, so it is the same record and was not scored again).';
COMMENT ON COLUMN donor_match_evidence.joined IS 'True when the pair is in one cluster; false for a pair above the threshold kept apart because its cluster would also hold two records that cannot be one person (different first names, middle initials or suffixes), e.g. L. linked to both LAWRENCE and LYNN: stronger pairs are joined first.';
COMMENT ON COLUMN donor_match_evidence.match_weight IS 'splink match weight in bits (log2 of the Bayes factor, prior included); NULL for identical_record.';
COMMENT ON COLUMN donor_match_evidence.match_probability IS 'splink match probability; NULL for identical_record.';
COMMENT ON COLUMN donor_match_evidence.last_name_level IS 'Last names: same (weighted by how rare the name is), different, missing.';
COMMENT ON COLUMN donor_match_evidence.first_name_level IS 'First names: same, nickname or prefix (BRAD / BRADFORD, BOB / ROBERT), one-letter typo, initial, missing (a different name rules the pair out).';
COMMENT ON COLUMN donor_match_evidence.middle_initial_level IS 'Middle initials: same, missing (different initials rule the pair out).';
COMMENT ON COLUMN donor_match_evidence.suffix_level IS 'JR / SR / II / III / IV: same, missing (different suffixes rule the pair out).';
COMMENT ON COLUMN donor_match_evidence.place_level IS 'Address: same ZIP+4, same ZIP5, same city, same state, different state, missing.';
COMMENT ON COLUMN donor_match_evidence.employer_level IS 'Employer (after employer_norm; RETIRED, NONE, SELF EMPLOYED and the like count as missing): same, similar, different, missing.';
COMMENT ON COLUMN donor_match_evidence.occupation_level IS 'Occupation (reduced like the employer; RETIRED, NOT EMPLOYED and the like count as missing): same, similar, different, missing.';

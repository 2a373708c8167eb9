-- Words for the FEC's codes, so that the explorer shows "hybrid PAC (nonqualified)" rather than V. The wording
-- follows the FEC's own code pages (paraphrased, never invented): committee types and designations from
-- https://www.fec.gov/campaign-finance-data/committee-type-code-descriptions/ and the committee master file
-- description, transaction types from https://www.fec.gov/campaign-finance-data/transaction-type-code-descriptions/.
-- The count rules are moneytrail's own (etl/model/rules.sql, etl/rules.py) and say why a row is left out.
CREATE TABLE IF NOT EXISTS code_words (
    code_list  VARCHAR NOT NULL,
    code       VARCHAR NOT NULL,
    words      VARCHAR NOT NULL,
    why        VARCHAR,
    source_url VARCHAR NOT NULL,
    PRIMARY KEY (code_list, code)
);
COMMENT ON TABLE code_words IS 'Code lists in words: FEC committee types, designations, organization types, entity types and transaction types (the FEC''s definitions), and moneytrail''s count rules with why a row is or is not added.';
COMMENT ON COLUMN code_words.code_list IS 'Which list: cmte_type (committees.cmte_type), designation (CMTE_DSGN), org_type (ORG_TP), entity_tp, transaction_tp, count_rule.';
COMMENT ON COLUMN code_words.code IS 'The code as filed (V, U, 15E, 24T, ...) or the count_rule value.';
COMMENT ON COLUMN code_words.words IS 'What the code means, in the words of the list''s source (paraphrased).';
COMMENT ON COLUMN code_words.why IS 'For count rules: why a row with this rule is, or is not, added to totals.';
COMMENT ON COLUMN code_words.source_url IS 'Where the definition comes from: the FEC''s code page, or the moneytrail file that defines the rule.';

INSERT OR REPLACE INTO code_words (code_list, code, words, source_url)
SELECT 'cmte_type', code, words, 'https://www.fec.gov/campaign-finance-data/committee-type-code-descriptions/' FROM (VALUES
 ('C', 'communication cost filer'), ('D', 'delegate committee'), ('E', 'electioneering communication filer'),
 ('H', 'House candidate committee'), ('I', 'independent expenditure filer (not a committee)'),
 ('N', 'PAC, nonqualified'), ('O', 'super PAC (independent-expenditure-only political committee)'),
 ('P', 'presidential candidate committee'), ('Q', 'PAC, qualified'), ('S', 'Senate candidate committee'),
 ('U', 'single-candidate independent expenditure filer'),
 ('V', 'hybrid PAC (with a non-contribution account), nonqualified'),
 ('W', 'hybrid PAC (with a non-contribution account), qualified'), ('X', 'party committee, nonqualified'),
 ('Y', 'party committee, qualified'), ('Z', 'national party nonfederal account')) t(code, words);

INSERT OR REPLACE INTO code_words (code_list, code, words, source_url)
SELECT 'designation', code, words, 'https://www.fec.gov/campaign-finance-data/committee-master-file-description/' FROM (VALUES
 ('A', 'authorized by a candidate'), ('B', 'lobbyist/registrant PAC'), ('D', 'leadership PAC'),
 ('J', 'joint fundraiser'), ('P', 'principal campaign committee of a candidate'), ('U', 'unauthorized')) t(code, words);

INSERT OR REPLACE INTO code_words (code_list, code, words, source_url)
SELECT 'org_type', code, words, 'https://www.fec.gov/campaign-finance-data/committee-master-file-description/' FROM (VALUES
 ('C', 'corporation'), ('L', 'labor organization'), ('M', 'membership organization'), ('T', 'trade association'),
 ('V', 'cooperative'), ('W', 'corporation without capital stock'), ('H', 'host committee'),
 ('I', 'inaugural committee')) t(code, words);

INSERT OR REPLACE INTO code_words (code_list, code, words, source_url)
SELECT 'entity_tp', code, words, 'https://www.fec.gov/campaign-finance-data/contributions-individuals-file-description/' FROM (VALUES
 ('CAN', 'candidate'), ('CCM', 'candidate committee'), ('COM', 'committee'), ('IND', 'individual (a person)'),
 ('ORG', 'organization (not a committee and not a person)'), ('PAC', 'political action committee'),
 ('PTY', 'party organization')) t(code, words);

INSERT OR REPLACE INTO code_words (code_list, code, words, source_url)
SELECT 'transaction_tp', code, words, 'https://www.fec.gov/campaign-finance-data/transaction-type-code-descriptions/' FROM (VALUES
 ('10', 'contribution to a super PAC or a hybrid PAC''s non-contribution account (any person, corporations included)'),
 ('11', 'tribal contribution'), ('15', 'contribution from an individual'),
 ('15C', 'contribution from the candidate'),
 ('15E', 'earmarked contribution through a conduit (e.g. ActBlue, WinRed), reported by the recipient'),
 ('15J', 'memo: the recipient''s share of a contribution through a joint fundraising committee'),
 ('20Y', 'nonfederal refund'), ('21Y', 'tribal refund'), ('22Y', 'refund of a contribution to an individual'),
 ('24A', 'independent expenditure opposing a candidate'), ('24C', 'coordinated party expenditure'),
 ('24E', 'independent expenditure supporting a candidate'), ('24F', 'communication cost supporting a candidate'),
 ('24I', 'earmarked contribution passed on by the conduit (check), reported by the conduit'),
 ('24K', 'contribution made to a nonaffiliated committee'), ('24R', 'election recount disbursement'),
 ('24T', 'earmarked contribution passed on by the conduit (treasury funds), reported by the conduit'),
 ('24Z', 'in-kind contribution made to a registered filer'),
 ('30', 'contribution to a national party''s convention account'),
 ('31', 'contribution to a national party''s headquarters account'),
 ('32', 'contribution to a national party''s recount account')) t(code, words);

INSERT OR REPLACE INTO code_words (code_list, code, words, why, source_url)
SELECT 'count_rule', code, words, why, 'etl/model/rules.sql' FROM (VALUES
 ('counted', 'counted in totals', 'An itemized receipt that carries its money once: it is added to every total.'),
 ('memo', 'memo line, not counted', 'The filer marked it MEMO_CD X, which the FEC defines as "NOT to be included in the itemization total" (e.g. the conduit memo under an earmarked gift).'),
 ('conduit_copy', 'conduit''s copy of an earmarked gift, not counted', 'A 24T/24I row filed by the conduit: the recipient''s own 15E row carries the same money, so adding both would count it twice.'),
 ('refund', 'refund, shown apart and subtracted for net', 'Money going back to the donor (22Y/20Y/21Y, Form 13 F133), usually filed as a positive amount: adding it would count money out as money in.'),
 ('superseded', 'replaced by an amendment, not counted', 'A row of an e-filing that a loaded amendment replaces: the amendment''s row counts instead (etl/rules.py).'),
 ('duplicate_of_bulk', 'also in a bulk file, not counted here', 'The same itemization was loaded from an FEC bulk file (or an OpenFEC page): that row counts (etl/rules.py).'),
 ('duplicate_row', 'a later copy of the same row, not counted here', 'The same SUB_ID came again in a newer file or a later page: the newer row counts (etl/rules.py).')) t(code, words, why);

-- A code in words, or the code itself when the list does not know it (never a blank).
CREATE MACRO IF NOT EXISTS code_in_words(list_name, c) AS
    CASE WHEN c IS NULL OR c = '' THEN NULL
         ELSE coalesce((SELECT c || ' (' || w.words || ')' FROM code_words w WHERE w.code_list = list_name AND w.code = c),
                       c || ' (code not in the FEC list loaded here)') END;

-- True in the SYNTHETIC demo (etl/demo.py): its IDs are fictional, so no link to a real site is built from them.
CREATE MACRO IF NOT EXISTS warehouse_is_synthetic() AS
    (SELECT count(*) > 0 FROM warehouse_info WHERE key = 'synthetic' AND value = 'true');

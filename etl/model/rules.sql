-- Counting rules: the one place that decides whether a receipt counts in totals. The rules that
-- compare rows across files (amendments, copies) are applied after the loads by etl/rules.py.

-- Why a row is (not) counted; counts_in_totals is exactly (count_rule = 'counted').
-- memo: MEMO_CD X means "NOT to be included in the itemization total" (fec.md §1.3);
-- conduit_copy: 24T/24I rows are the conduit's copy of an earmarked gift whose 15E row at the
--   recipient carries the same money (fec.md §2.1);
-- refund: 22Y/20Y/21Y (and Form 13 refunds, F133) are money going back out, usually filed as
--   positive amounts; they are shown separately and subtracted for net figures.
CREATE MACRO IF NOT EXISTS is_memo(memo_cd) AS coalesce(upper(trim(memo_cd)), '') = 'X';
-- An individual's row (entity type IND, or none given, as in older bulk files): its employer string says whom it is
-- attributed to and it is clustered into donors; any other row is attributed by its contributor name.
CREATE MACRO IF NOT EXISTS is_individual(entity_tp) AS (entity_tp = 'IND' OR entity_tp IS NULL);
CREATE MACRO IF NOT EXISTS attribution_kind(entity_tp) AS
    CASE WHEN is_individual(entity_tp) THEN 'employer' ELSE 'contributor' END;
CREATE MACRO IF NOT EXISTS attribution_name(entity_tp, employer, contributor_name) AS
    CASE WHEN is_individual(entity_tp) THEN employer ELSE contributor_name END;

CREATE MACRO IF NOT EXISTS contribution_count_rule(memo_cd, transaction_tp, form_type) AS
    CASE
        WHEN is_memo(memo_cd) THEN 'memo'
        WHEN transaction_tp IN ('24T', '24I') THEN 'conduit_copy'
        WHEN transaction_tp IN ('22Y', '20Y', '21Y') OR upper(form_type) LIKE 'F133%' THEN 'refund'
        ELSE 'counted'
    END;

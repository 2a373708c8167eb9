-- Counting rules: the one place that decides whether a receipt counts in totals. The rules that
-- compare rows across files (amendments, copies) are applied after the loads by etl/rules.py.

-- Why a row is (not) counted; counts_in_totals is exactly (count_rule = 'counted').
-- memo: MEMO_CD X means "NOT to be included in the itemization total" (fec.md §1.3);
-- conduit_copy: 24T/24I rows are the conduit's copy of an earmarked gift whose 15E row at the
--   recipient carries the same money (fec.md §2.1);
-- refund: 22Y/20Y/21Y (and Form 13 refunds, F133) are money going back out, usually filed as
--   positive amounts; they are shown separately and subtracted for net figures.
CREATE MACRO IF NOT EXISTS is_memo(memo_cd) AS coalesce(upper(trim(memo_cd)), '') = 'X';

CREATE MACRO IF NOT EXISTS contribution_count_rule(memo_cd, transaction_tp, form_type) AS
    CASE
        WHEN is_memo(memo_cd) THEN 'memo'
        WHEN transaction_tp IN ('24T', '24I') THEN 'conduit_copy'
        WHEN transaction_tp IN ('22Y', '20Y', '21Y') OR upper(form_type) LIKE 'F133%' THEN 'refund'
        ELSE 'counted'
    END;

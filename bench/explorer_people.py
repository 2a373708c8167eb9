"""The Person and Committee pages' named queries for bench/bench_explorer.py: who to ask for, and what the pages call.

The pages' calls (dashboard/app_pages/person.py, committee.py) with the parameters they pass: the Person page for
the donor with the most rows (a registry person pinned across the whole file) and a typical donor cluster (the
donor of the middle row); the Committee page for the committee with the most rows and a middle-sized one. Tables
the pages read a page at a time (components.rows) are timed as the page calls them: Query.first(PAGE_ROWS).
"""

from __future__ import annotations

PAGE_ROWS = 5000  # dashboard/components.py PAGE_ROWS


def pick_people(con) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The donor_id with the most rows and the donor of the middle row of contributions (a typical cluster)."""
    (big,) = con.execute("""SELECT donor_id FROM contributions WHERE donor_id IS NOT NULL
                            GROUP BY donor_id ORDER BY count(*) DESC, donor_id LIMIT 1""").fetchall()[0]
    (mid,) = con.execute("""SELECT donor_id FROM contributions WHERE donor_id LIKE 'd:%'
                            LIMIT 1 OFFSET (SELECT count(*) // 2 FROM contributions)""").fetchall()[0]
    return big, mid


def pick_committees(con) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The recipient committee with the most rows and the middle one of those ranked by rows."""
    ranked = [c for (c,) in con.execute("""SELECT recipient_cmte_id FROM contributions WHERE recipient_cmte_id IS NOT NULL
                                           GROUP BY 1 ORDER BY count(*) DESC, 1""").fetchall()]
    return ranked[0], ranked[len(ranked) // 2]


def person_plan(donor: str) -> list[tuple[str, str, str, dict, bool]]:
    """(page, label, query, parameters, read a page at a time) for the Person page of donor."""
    p = {"donor_id": donor}
    return [("person", "person_totals", "person_totals", p, False),
            ("person", "person_names", "person_names", p, False),
            ("person", "person_net", "person_net", p, False),
            ("person", "person_not_counted", "person_not_counted", p, False),
            ("person", "person (rows, first page)", "person", p, True)]


def committee_plan(cmte: str) -> list[tuple[str, str, str, dict, bool]]:
    """(page, label, query, parameters, read a page at a time) for the Committee page of cmte."""
    p = {"cmte_id": cmte}
    return [("committee", "committee", "committee", p, False),
            ("committee", "committee_net", "committee_net", p, False),
            ("committee", "committee_receipts_by_month", "committee_receipts_by_month", p, False),
            ("committee", "committee_top_donors", "committee_top_donors", {**p, "limit": 15}, False),
            ("committee", "committee_org_money", "committee_org_money", p, False),
            ("committee", "committee_org_money_total", "committee_org_money_total", p, False),
            ("committee", "committee_filings", "committee_filings", p, False),
            ("committee", "committee_reconciliation", "committee_reconciliation", p, False)]


def time_pages(cur, timed, runs: int) -> tuple[list[dict], dict]:  # type: ignore[no-untyped-def]
    """Time the Person and Committee pages' queries for a large and a middle donor and committee."""
    import statistics

    from etl.queries import QUERIES

    people, cmtes = pick_people(cur), pick_committees(cur)
    out = []
    for plan, subjects in ((person_plan, people), (committee_plan, cmtes)):
        for subject, which in zip(subjects, ("largest", "middle"), strict=True):
            for page, label, name, params, paged in plan(subject):
                q = QUERIES[name]
                def call(q=q, params=params, paged=paged):  # type: ignore[no-untyped-def]
                    return q.first(cur, PAGE_ROWS, **params) if paged else q.run(cur, **params)
                times, res = timed(call, runs)
                out.append({"page": page, "label": label, "org": subject, "which": which, "rows": res.count,
                            "runs": len(times), "median_ms": statistics.median(times) * 1000,
                            "max_ms": max(times) * 1000, "cpu_ms": statistics.median(timed.cpu) * 1000})
    return out, {"largest_donor": people[0], "middle_donor": people[1], "largest_cmte": cmtes[0],
                 "middle_cmte": cmtes[1]}

"""The command line: help on every command, --db / MONEYTRAIL_DB, and `sql` that only reads."""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from etl.cli import app
from helpers import (
    CONTRIBUTION_ROWS,
    INDIV20_COUNTED,
    INDIV20_COUNTED_ROWS,
    INDIV20_REFUND_ROWS,
    free_port,
    moneytrail_server,
)

runner = CliRunner()


@pytest.mark.parametrize("name", sorted(c.name for c in typer.main.get_command(app).commands.values()))
def test_every_command_has_help_with_an_example(name):
    res = runner.invoke(app, [name, "--help"])
    assert res.exit_code == 0, res.output
    assert "Example:" in res.output


def test_sql_prints_csv(warehouse):
    res = runner.invoke(app, ["--db", str(warehouse), "sql",
                              "SELECT count_rule, count(*) AS n FROM contributions WHERE dataset = 'indiv2020' "
                              "GROUP BY 1 ORDER BY 1"])
    assert res.exit_code == 0, res.output
    assert res.stdout == (f"count_rule,n\nconduit_copy,80\ncounted,{INDIV20_COUNTED_ROWS}\nmemo,226\n"
                          f"refund,{INDIV20_REFUND_ROWS}\n")


def test_db_from_environment(warehouse):
    res = runner.invoke(app, ["sql", "SELECT sum(amount) AS total FROM contributions WHERE counts_in_totals "
                                     "AND dataset = 'indiv2020'"], env={"MONEYTRAIL_DB": str(warehouse)})
    assert res.stdout == f"total\n{INDIV20_COUNTED}\n"


@pytest.mark.parametrize("query,message", [
    ("DELETE FROM contributions", "DELETE statements are not allowed"),
    ("DROP TABLE contributions", "DROP statements are not allowed"),
    ("COPY contributions TO 'x.csv'", "COPY statements are not allowed"),
    ("SELECT 1; DELETE FROM contributions", "DELETE statements are not allowed"),
    ("SELECT 1; SELECT 2", "exactly one statement"),
    ("SELEC nonsense", "could not parse"),
])
def test_sql_refuses_writes_with_a_clear_message(warehouse, query, message):
    res = runner.invoke(app, ["--db", str(warehouse), "sql", query])
    assert res.exit_code == 2
    assert message in " ".join(res.output.split())
    ok = runner.invoke(app, ["--db", str(warehouse), "sql", "SELECT count(*) AS n FROM contributions"])
    assert ok.stdout == f"n\n{CONTRIBUTION_ROWS}\n"


def test_every_command_takes_db_after_its_name(warehouse, tmp_path):
    res = runner.invoke(app, ["sql", "--db", str(warehouse), "SELECT count(*) AS n FROM contributions"])
    assert res.exit_code == 0 and res.stdout == f"n\n{CONTRIBUTION_ROWS}\n"
    from conftest import FIXTURES
    target = tmp_path / "after.duckdb"
    res = runner.invoke(app, ["build", "--db", str(target), "--from", str(FIXTURES / "efile")])
    assert res.exit_code == 0, res.output
    assert target.exists()
    for name, command in typer.main.get_command(app).commands.items():
        for sub in getattr(command, "commands", {"": command}).values():
            assert "--db" in [o for p in sub.params for o in p.opts], f"{name} {sub.name}"


def test_sql_without_a_database_says_what_to_do(tmp_path):
    res = runner.invoke(app, ["--db", str(tmp_path / "none.duckdb"), "sql", "SELECT 1"])
    assert res.exit_code == 2
    assert "moneytrail build" in " ".join(res.output.split())


def test_query_error_is_one_line_not_a_traceback(warehouse):
    res = runner.invoke(app, ["--db", str(warehouse), "sql", "SELECT no_such_column FROM contributions"])
    assert res.exit_code == 2 and "query failed" in res.output and "Traceback" not in res.output


def test_up_builds_when_there_is_no_database_then_serves(tmp_path):
    """`moneytrail up --from DIR` on a fresh machine: builds, then the explorer answers its health check."""
    from conftest import FIXTURES

    target = tmp_path / "mt.duckdb"
    port = free_port()
    with moneytrail_server(["--db", str(target), "up", "--from", str(FIXTURES / "efile"), "--port", str(port),
                            "--no-browser"], port, log=tmp_path / "up.log"):
        assert target.exists()


def test_search_prints_where_the_words_were_found(warehouse):
    res = runner.invoke(app, ["--db", str(warehouse), "search", "GPT-4 resume", "--kind", "ai_use_case"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0] == "kind,doc_key,title,detail,score,matched_fields,source_url"
    assert len(lines) == 2 and lines[1].startswith("ai_use_case,2025:DHS:DHS-2556,AI-Assisted Resume Screening Tool,")
    assert "benefits data_description name outputs problem" in lines[1]


def test_search_refuses_an_unknown_kind_clearly(warehouse):
    res = runner.invoke(app, ["--db", str(warehouse), "search", "x", "--kind", "contributions; DROP"])
    assert res.exit_code == 2
    assert "Invalid value for '--kind'" in res.output


def test_coverage_says_what_usaspending_does_not_hold(warehouse):
    res = runner.invoke(app, ["--db", str(warehouse), "coverage"])
    assert res.exit_code == 0, res.output
    ot = [line for line in res.stdout.splitlines() if line.startswith("usaspending,Other Transaction agreements,")]
    assert len(ot) == 1 and ",False," in ot[0] and "not in these records" in ot[0]


def test_orgs_audit_lists_every_string_attributed_to_an_organization(warehouse):
    res = runner.invoke(app, ["--db", str(warehouse), "orgs", "audit", "GOOGLE"])
    assert res.exit_code == 0, res.output
    assert res.stdout == ("employer,rule,attributed,rows,amount\nGOOGLE LLC,prefix:GOOGLE,True,90,44713.00\n"
                          "GOOGLE,prefix:GOOGLE,True,6,3850.00\nNEST,bare:NEST + uncorroborated,False,1,5000.00\n")


def test_orgs_audit_of_an_unknown_organization_says_which_exist(warehouse):
    res = runner.invoke(app, ["--db", str(warehouse), "orgs", "audit", "'; DROP TABLE x; --"])
    assert res.exit_code == 2
    assert "unknown organization" in res.output and "openai" in res.output


def test_the_issue_query_returns_googles_channels(warehouse):
    res = runner.invoke(app, ["--db", str(warehouse), "sql",
                              "SELECT channel, sum(amount) AS amount, sum(rows) AS rows FROM org_money "
                              "WHERE org_id = 'google' GROUP BY 1 ORDER BY 1"])
    assert res.exit_code == 0, res.output
    assert res.stdout == "channel,amount,rows\nemployees,5350.00,8\npac,56000.00,13\nto_own_pac,43213.00,88\n"

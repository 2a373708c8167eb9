"""Claims checked against the warehouse built from the real files: verdicts, figures, rows behind, what would decide."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import typer

from etl import claims, entities, warehouse
from etl.net.files import LoadError
from helpers import MONEYTRAIL

IDS = ["quitgpt_a_brockman_maga_inc", "quitgpt_b_altman_inaugural", "quitgpt_c_26x_ratio", "quitgpt_d_ice_gpt4_resume",
       "quitgpt_e_openai_dod_ot", "quitgpt_f_anthropic_ban"]


@pytest.fixture()
def checks(ro) -> dict[str, claims.Check]:
    return {c.id: c for c in claims.check_claims(ro)}


def test_every_claim_has_one_of_three_verdicts(checks):
    assert list(checks) == IDS
    assert {c.verdict for c in checks.values()} <= {"supported", "differs", "not decidable from loaded records"}


def test_a_brockman_is_supported_by_the_maga_inc_filing(ro, checks):
    a = checks["quitgpt_a_brockman_maga_inc"]
    assert a.verdict == "supported"
    assert a.reported == ("$25,000,000.00 (greg_brockman, anna_brockman to C00892471, gifts dated 2025-09-01 to 2025-09-30, "
                          "channels executives_and_households)")
    assert (a.found, a.difference, a.rows, a.missing) == ("$25,000,000.00 in 1 counted row", "$0.00", 1, [])
    assert a.caveats[0] == ("from filing 1930418, amended by 1930534 on 2026-01-02; the amendment is not loaded "
                            "(fetch it: `moneytrail fetch openfec --efile 1930534`)")
    assert ("the counted rows name only greg_brockman; no row of anna_brockman: how the $25,000,000.00 is split between "
            "them is not confirmed by the loaded records") in a.caveats
    (row,) = claims.claim_rows(ro, a.id).records()
    assert (row["giver"], row["transaction_dt"].isoformat(), row["amount"], row["file_num"], row["tran_id"]) == \
        ("BROCKMAN, GREG", "2025-09-12", Decimal("25000000.00"), 1930418, "SA17.4915")
    assert row["source_url"] == "https://docquery.fec.gov/cgi-bin/forms/C00892471/1930418/sa/ALL"
    assert a.citation.endswith("records: https://docquery.fec.gov/cgi-bin/forms/C00892471/1930418/sa/ALL.")


def test_b_altman_is_not_decidable_and_names_the_inaugural_form_13_and_its_fetch(checks):
    b = checks["quitgpt_b_altman_inaugural"]
    assert b.verdict == "not decidable from loaded records"
    assert b.reported.startswith("$1,000,000.00 (sam_altman to C00894162")
    assert b.rows == 0
    # $0 is never shown alone: it says what the loaded records cover
    assert b.found.startswith("$0.00: no counted row of sam_altman to C00894162")
    assert "fec_bulk (9 files, 2017-01-03 to 2019-03-04, as of 2019-03-04)" in b.found
    assert b.missing[0] == "C00894162: no loaded record covers 2024-12-01 to 2025-04-20"
    assert "Form 13" in b.missing[1] and "FEC file 1910509 per third-party code" in b.missing[1] and "unverified" in b.missing[1]
    assert b.missing[2] == ("fetch: `moneytrail fetch filings --committee C00894162`; "
                            "`moneytrail fetch openfec --form13 --efile 1910509`")


def test_c_ratio_states_its_definitions_and_is_not_decidable_without_the_peers_gifts(checks):
    c = checks["quitgpt_c_26x_ratio"]
    assert c.verdict == "not decidable from loaded records"
    assert c.reported.startswith("26 times ($26,000,000.00 against the largest other peer; peers meta, amazon, google, "
                                 "microsoft, perplexity; openai to C00892471, C00894162, gifts dated 2024-12-01 to 2025-12-31")
    readings = [x for x in c.caveats if x.startswith(("people and treasury:", "people only:"))]
    assert len(readings) == 2
    for r in readings:
        assert "vs the sum of the others" in r and "vs the largest other" in r and "vs the median of the 5 others" in r
    # MAGA Inc.'s loaded filings cover 2025-07-01 to 2025-12-31 (1930418, 1943509); nothing of the inaugural committee
    assert c.missing[:2] == ["C00892471: no loaded record covers 2024-12-01 to 2025-06-30",
                             "C00894162: no loaded record covers 2024-12-01 to 2025-12-31"]
    assert c.found.startswith("openai $25,000,000.00 against the largest other peer (none has a loaded row) $0.00: undefined")
    assert set(c.details["readings"]) == {"individuals", "individuals_and_treasury"}


def test_d_shows_the_inventorys_own_words_next_to_the_claims(checks):
    d = checks["quitgpt_d_ice_gpt4_resume"]
    assert d.verdict == "differs"
    assert d.reported.startswith('"ChatGPT" in 2025:DHS:DHS-2556')
    assert d.found.startswith('DHS-2556 "AI-Assisted Resume Screening Tool" (2025 inventory; agency DHS, bureau ICE; '
                              'vendor "AIS"; Deployed, High-impact, Generative AI); names GPT-4, OpenAI')
    assert '"OpenAI\'s GPT-4 is trained on common crawl and publicly available data." (data_description)' in d.found
    assert d.found.endswith('"ChatGPT" does not occur in the record')
    assert d.difference == 'the claim says "ChatGPT"; the record says GPT-4, OpenAI with vendor "AIS"'
    assert d.citation.endswith("Data/2025_individually_reported_AI_use_cases.csv?plain=1#L200.")


def test_e_the_ot_agreement_is_supported_by_its_announcement_and_says_so(checks):
    """USAspending never has the OT agreement; the announced-award registry (issue 16) does, labelled as such."""
    e = checks["quitgpt_e_openai_dod_ot"]
    assert e.verdict == "supported"
    assert e.found == "HQ0883-25-9-0012: ceiling $200,000,000.00, obligated $1,999,998.00 (announced)"
    assert e.caveats[0] == "the ceiling is what may be spent, never added to obligations"
    assert e.caveats[1].startswith("from an announcement, not a transaction record")
    assert "`moneytrail fetch fpds --piid HQ0883-25-9-0012`" in e.caveats[1]


def test_f_a_policy_is_never_decided_by_financial_records(checks):
    f = checks["quitgpt_f_anthropic_ban"]
    assert f.verdict == "not decidable from loaded records"
    # its one award is the CDAO's announced $200M-ceiling agreement (issue 16), with no obligation announced
    assert f.found.startswith("a policy is not a financial record; anthropic has 1 award (no obligated amount stated) in "
                              "the loaded records:")
    assert "termination of Anthropic's July 2025 CDAO prototype Other Transaction agreement" in f.missing[0]


def test_each_money_figure_is_the_sum_of_its_rows(ro, checks):
    for cid in ("quitgpt_a_brockman_maga_inc", "quitgpt_b_altman_inaugural"):
        rows = claims.claim_rows(ro, cid).records()
        assert checks[cid].rows == len([r for r in rows if not r["is_peer"]])
        assert checks[cid].details["found_amount"] == sum((r["amount"] for r in rows), Decimal(0))


def test_cli_csv_has_the_columns_and_one_line_per_claim(warehouse):
    out = subprocess.run([MONEYTRAIL, "--db", str(warehouse), "claims", "--format", "csv"], capture_output=True,
                         text=True, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["id", "verdict", "reported", "found", "difference", "rows", "caveats", "missing", "citation"]
    assert [r["id"] for r in rows] == IDS
    assert rows[1]["verdict"] == "not decidable from loaded records"
    assert "`moneytrail fetch filings --committee C00894162`" in rows[1]["missing"]


def test_cli_one_claim_with_its_rows_and_a_clear_error_for_an_unknown_one(warehouse):
    done = subprocess.run([MONEYTRAIL, "--db", str(warehouse), "claims", "--id", "quitgpt_d_ice_gpt4_resume", "--rows"],
                          capture_output=True, text=True, check=True).stdout
    assert "verdict: differs" in done and "-- rows behind quitgpt_d_ice_gpt4_resume: 1" in done
    assert "2025:DHS:DHS-2556,DHS-2556,2025,DHS,ICE,AI-Assisted Resume Screening Tool" in done
    bad = subprocess.run([MONEYTRAIL, "--db", str(warehouse), "claims", "--id", "'; DROP TABLE contributions; --"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown claim" in bad.stderr and "Traceback" not in bad.stderr


def _parse(cmd: str) -> tuple[str, dict]:
    """Parse a `moneytrail ...` command line as the CLI would, without running it; a bad option raises."""
    from etl.cli import app
    group, name, words = typer.main.get_command(app), "moneytrail", cmd.split()[1:]
    while hasattr(group, "resolve_command"):  # a group
        name, group, words = group.resolve_command(group.make_context(name, list(words), resilient_parsing=True), words)
    return name, group.make_context(name, list(words)).params


def test_every_fetch_command_in_the_registry_is_a_real_command():
    commands = [cmd for row in entities.registry_rows("claims.csv") for cmd in row["fetch_commands"].split(";") if cmd]
    assert len(commands) == 6  # (a) 1, (b) 2, (c) 2, (d) 1; none exists yet for (e) and (f)
    for cmd in commands:
        name, params = _parse(cmd)
        assert name == cmd.split()[2]
    assert _parse("moneytrail fetch openfec --form13 --efile 1910509")[1]["efile"] == [1910509]
    with pytest.raises(Exception, match="No such option"):
        _parse("moneytrail fetch openfec --no-such-option 1")


def _registry_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "registry"
    shutil.copytree(entities.REGISTRY_DIR, folder)
    return folder


@pytest.mark.parametrize(("column", "value", "message"), [
    ("recipients", "MAGA INC", "recipients 'MAGA INC' is not in the form"),
    ("subject", "greg_brockmann", "unknown or missing subject greg_brockmann"),
    ("channels", "super_pac", "unknown or missing channel super_pac"),
    ("fetch_commands", "curl http://example.invalid", "fetch_commands"),
    ("window_to", "", "unknown or missing window"),
])
def test_a_bad_claim_stops_the_build_with_file_and_line(tmp_path, column, value, message):
    folder = _registry_copy(tmp_path)
    rows = entities.registry_rows("claims.csv", folder)
    rows[0][column] = value
    with open(folder / "claims.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    con = duckdb.connect()
    warehouse.apply_schema(con)
    with pytest.raises(LoadError) as err:
        entities.load_registry(con, folder)
    assert "claims.csv:2: " in str(err.value) and message in str(err.value)


def test_a_registry_without_claims_has_none(tmp_path):
    folder = _registry_copy(tmp_path)
    (folder / "claims.csv").unlink()
    con = duckdb.connect()
    warehouse.apply_schema(con)
    assert entities.load_registry(con, folder)["registry_claims"] == 0
    assert claims.check_claims(con) == []

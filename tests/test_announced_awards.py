"""Announced awards (etl/registry/announced_awards.csv): reviewed facts, validated at build, shown in the awards
view as "announced, not a transaction record" and never added to a record of the same award."""

from __future__ import annotations

import shutil
from decimal import Decimal

import duckdb
import pytest

from conftest import one
from etl import entities, warehouse
from etl.net.files import LoadError


def test_the_openai_cdao_agreement_from_the_real_build(ro):
    rows = ro.execute("SELECT potential_value, obligated, award_category, evidence, source FROM awards "
                      "WHERE piid = 'HQ0883-25-9-0012'").fetchall()
    assert rows == [(Decimal("200000000.00"), Decimal("1999998.00"), "other_transaction",
                     "announced, not a transaction record", "announced")]
    # the three July 2025 CDAO awards have no public award id: kept under the announcement's own key
    keys = ro.execute("SELECT award_key FROM awards WHERE source = 'announced' AND piid IS NULL ORDER BY 1").fetchall()
    assert keys == [("announced:cdao-2025-07-14:anthropic",), ("announced:cdao-2025-07-14:google",),
                    ("announced:cdao-2025-07-14:xai",)]
    # announced rows are in no USAspending total and have no transactions
    assert one(ro, "SELECT count(*) FROM award_transactions WHERE award_key LIKE 'announced:%'") == 0


def _registry(tmp_path, line: str):
    reg = tmp_path / "registry"
    shutil.copytree(entities.REGISTRY_DIR, reg)
    with open(reg / "announced_awards.csv", "a", encoding="utf-8") as f:
        f.write(line + "\n")
    con = duckdb.connect()
    warehouse.apply_schema(con)
    return con, reg


@pytest.mark.parametrize("line, message", [
    ("x-1,,openai,Examplar AI Inc (SYNTHETIC),Department of Examples,,Other Transaction Agreement,"
     "\"$200,000,000\",,2025-01-01,t,https://example.org/,secondary,synthetic test", "ceiling must be a plain number"),
    ("x-1,,openai,Examplar AI Inc (SYNTHETIC),Department of Examples,,Other Transaction Agreement,1,,01/02/2025,t,"
     "https://example.org/,secondary,synthetic test", "announced_on must be a date"),
    ("x-1,,openai,Examplar AI Inc (SYNTHETIC),Department of Examples,,Other Transaction Agreement,1,,2025-01-02,t,"
     "http://example.org/,secondary,synthetic test", "url must be an https:// link"),
    ("x-1,,openai,Examplar AI Inc (SYNTHETIC),Department of Examples,,Other Transaction Agreement,1,,2025-01-02,t,"
     "https://example.org/,rumour,synthetic test", "url_kind must be one of"),
    ("x-1,,nobody,Examplar AI Inc (SYNTHETIC),Department of Examples,,Other Transaction Agreement,1,,2025-01-02,t,"
     "https://example.org/,secondary,synthetic test", "org_id not in organizations.csv: nobody"),
    ("cdao-2025-07-14,,xai,Examplar AI Inc (SYNTHETIC),Department of Examples,,Other Transaction Agreement,1,,"
     "2025-01-02,t,https://example.org/,secondary,synthetic test", "the same award twice: announced:cdao-2025-07-14:xai"),
])
def test_a_bad_line_stops_the_build_with_file_line_and_reason(tmp_path, line, message):
    con, reg = _registry(tmp_path, line)
    with pytest.raises(LoadError, match=message) as info:
        entities.load_registry(con, reg)
    assert str(reg) in str(info.value)


def test_two_announcements_of_one_award_are_one_award(tmp_path):
    # a second (SYNTHETIC) announcement of the same PIID: the awards view still has one row for it
    con, reg = _registry(tmp_path, "dod-release-2025-06-17,HQ0883-25-9-0012,openai,Examplar AI Inc (SYNTHETIC),"
                                   "Department of Examples,,Other Transaction Agreement,5,5,2025-06-17,t,"
                                   "https://example.org/,secondary,synthetic test")
    entities.load_registry(con, reg)
    assert con.execute("SELECT obligated, announced_on::VARCHAR FROM awards WHERE piid_key(piid) = 'HQ08832590012'"
                       ).fetchall() == [(Decimal("1999998.00"), "2025-06-16")]  # the first announcement, once
    assert one(con, "SELECT count(*) FROM registry_announced_awards WHERE award_id = 'HQ0883-25-9-0012'") == 2

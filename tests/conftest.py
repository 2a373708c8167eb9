"""Shared fixtures: the real records in ../shared/data and a warehouse built from them."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from etl.build import build

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_data() -> Path:
    """The real-records folder (MONEYTRAIL_SHARED_DATA, else ../shared/data beside the repo)."""
    env = os.environ.get("MONEYTRAIL_SHARED_DATA")
    # resolved: CI sets a relative path (../shared/data), and a test that links to a file must not make a dangling link
    path = (Path(env) if env else REPO.parent / "shared" / "data").resolve()
    if not (path / "fec" / "PROVENANCE.md").exists():
        # Fail, never skip: tests on real records must not pass by not running.
        pytest.fail(f"real records not found at {path}: set MONEYTRAIL_SHARED_DATA to the shared/data folder")
    return path


@pytest.fixture(scope="session")
def fec_dir() -> Path:
    """../shared/data/fec: real FEC bulk files and e-filings."""
    return shared_data() / "fec"


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built once per test run from every real file in shared/data (FEC, contracts, AI inventory)."""
    target = tmp_path_factory.mktemp("wh") / "moneytrail.duckdb"
    build(shared_data(), target)
    return target


@pytest.fixture()
def ro(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the session warehouse."""
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con
    con.close()


def one(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> object:
    """The single value a query returns."""
    rows = con.execute(sql, params or {}).fetchall()
    assert len(rows) == 1 and len(rows[0]) == 1, rows
    return rows[0][0]


@pytest.fixture()
def page(request: pytest.FixtureRequest, warehouse: Path, monkeypatch: pytest.MonkeyPatch):
    """An AppTest of the explorer page named by the test module's PAGE_NAME, on the session warehouse."""
    from streamlit.testing.v1 import AppTest
    monkeypatch.setenv("MONEYTRAIL_DB", str(warehouse))
    return AppTest.from_file(str(REPO / "dashboard" / "app_pages" / f"{request.module.PAGE_NAME}.py"), default_timeout=60)


def metrics(at) -> dict[str, str]:
    """Label -> shown value of every metric on a page run."""
    return {m.label: m.value for m in at.metric}


@pytest.fixture()
def replay(monkeypatch: pytest.MonkeyPatch):
    """The local replay server (tests/replay.py) on 127.0.0.1, every base URL pointed at it, retries made quick.

    Clients wait REPLAY_TIMEOUT for an answer, far above the ~0.3 s the server needed for a first answer at load
    average 30; a test that queues a "slow" fault gets SLOW_FAULT_TIMEOUT, which the held answer always exceeds.
    """
    from helpers import REPLAY_TIMEOUT, SLOW_FAULT_TIMEOUT
    from replay import Replay
    with Replay(shared_data()) as server:
        for k, v in server.env().items():
            monkeypatch.setenv(k, v)
        server.on_slow = lambda: monkeypatch.setenv("MONEYTRAIL_HTTP_TIMEOUT", str(SLOW_FAULT_TIMEOUT))
        monkeypatch.setenv("MONEYTRAIL_HTTP_TIMEOUT", str(REPLAY_TIMEOUT))
        monkeypatch.setenv("MONEYTRAIL_HTTP_BACKOFF", "0.01")
        monkeypatch.setenv("MONEYTRAIL_HTTP_ATTEMPTS", "4")
        yield server

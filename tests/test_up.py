"""`moneytrail up`: offline it starts the labelled demo; against the replay server it builds the real warehouse."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb

MONEYTRAIL = str(Path(sys.executable).parent / "moneytrail")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _closed_base() -> str:
    """A URL on 127.0.0.1 where nothing listens: connections are refused, as with no network."""
    return f"http://127.0.0.1:{_free_port()}"


def _up(tmp_path: Path, env: dict[str, str], *args: str, timeout: float = 120) -> tuple[str, float]:
    """Run `moneytrail up` until the explorer answers its health check; return its stderr and the seconds it took."""
    port = _free_port()
    log = tmp_path / f"up-{port}.log"
    t0 = time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen([MONEYTRAIL, "--db", str(tmp_path / "mt.duckdb"), "up", "--port", str(port),
                                 "--no-browser", *args], stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "COLUMNS": "250", "MONEYTRAIL_RAW_DIR": str(tmp_path / "raw"), **env})
    try:
        body, deadline = b"", time.time() + timeout
        while time.time() < deadline and body != b"ok" and proc.poll() is None:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read()
            except OSError:
                time.sleep(0.2)
        took = time.perf_counter() - t0
        assert body == b"ok", log.read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    return " ".join(log.read_text().split()), took


def _offline_env() -> dict[str, str]:
    base = _closed_base()
    return {"MONEYTRAIL_FEC_BULK_BASE": base, "MONEYTRAIL_OPENFEC_BASE": base, "MONEYTRAIL_DOCQUERY_BASE": base,
            "MONEYTRAIL_USASPENDING_BASE": base, "MONEYTRAIL_AI_INVENTORY_BASE": base, "FEC_API_KEY": ""}


def _synthetic(db: Path) -> str | None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT value FROM warehouse_info WHERE key = 'synthetic'").fetchall()
    finally:
        con.close()
    return rows[0][0] if rows else None


def test_up_with_no_network_says_which_sources_failed_and_starts_the_labelled_demo(tmp_path):
    out, took = _up(tmp_path, _offline_env())
    print(f"offline `up` to a serving demo: {took:.1f} s")
    for source in ("FEC bulk", "FEC Form 13 filings", "USAspending awards", "Federal AI Use Case Inventory"):
        assert f"cannot reach {source}" in out, out
    assert "ConnectError" in out and "Starting the SYNTHETIC DEMO" in out
    assert "OpenFEC skipped: FEC_API_KEY is not set" in out
    assert not (tmp_path / "mt.duckdb").exists()  # the demo never takes the real warehouse's place
    assert _synthetic(tmp_path / "mt-demo.duckdb") == "true"
    assert took < 60


def test_up_demo_asks_for_it_directly_and_a_second_up_reuses_it(tmp_path):
    out, _ = _up(tmp_path, _offline_env(), "--demo")
    assert "you asked for the demo (--demo)" in out and "cannot reach" not in out
    out, took = _up(tmp_path, _offline_env(), "--demo")
    print(f"second `up --demo`: {took:.1f} s")
    assert "Starting the SYNTHETIC DEMO" in out and "moneytrail build" not in out

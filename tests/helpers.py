"""What the tests share: a free port, a server started and polled until healthy, hostile strings, figures defined once.

The figures are those of the real records in shared/data (PROVENANCE.md); each is named once here and imported, so a
change to a loader that moves one shows in every test that relies on it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

MONEYTRAIL = str(Path(sys.executable).parent / "moneytrail")
# Seconds a client waits for the replay server (tests/replay.py): normal answers, and with a "slow" fault queued.
REPLAY_TIMEOUT, SLOW_FAULT_TIMEOUT = 30.0, 3.0

# Text a user could type into any box: SQL, a 10,000-character paste.
HOSTILE = ["'; DROP TABLE contributions; --", ("'; DROP TABLE contributions; --" * 400)[:10_000]]
HOSTILE_IDS = ["sql", "10000-chars"]

# Queries an attacker (or a careless user) gave `moneytrail sql` (issue 15), by name. WRITES_FILE names the file
# the first one would write in the working directory; SECRET is a made-up key put in the environment to be stolen.
SECRET = "not-a-real-key-zq7319"
WRITES_FILE = "x.sh"
HOSTILE_SQL = {
    "explain-analyze-copy": "EXPLAIN ANALYZE COPY (SELECT 'echo x') TO 'x.sh' (HEADER false, QUOTE '')",
    "explain-analyze-paren-copy": "EXPLAIN (ANALYZE) COPY (SELECT 'echo x') TO 'x.sh' (HEADER false, QUOTE '')",
    "explain-analyze-install": "EXPLAIN ANALYZE INSTALL httpfs",
    "environ": "SELECT content FROM read_text('/proc/self/environ')",
    "shadow": "SELECT content FROM read_blob('/etc/shadow')",
    "glob": "SELECT * FROM glob('/*')",
    "url": "SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')",
    "set-config": "SELECT 1; SET enable_external_access = true",
}
MEMORY_BOMB = "SELECT length(string_agg(repeat('x', 100000), '')) FROM range(200000)"
LONG_JOIN = "SELECT count(*) FROM search_postings a JOIN search_postings b ON a.term <> b.term"

# The session warehouse (every real file in shared/data): 70,671 + 7 bulk rows, 2,598 + 76 e-filed, 137 + 4 of
# MAGA Inc.'s 2025 filings (SA17) and 776 OpenFEC rows of tech executives (2023-2025).
CONTRIBUTION_ROWS = 74269
# indiv20.zip (itcont.txt) alone, by count_rule.
INDIV20_COUNTED_ROWS = 65508
INDIV20_COUNTED = Decimal("29833004.00")
INDIV20_REFUND_ROWS = 4857
# Filing 1544132 (Klobuchar for Minnesota): its itemized receipts.
EFILING_1544132_ROWS = 2598
# AI Use Case Inventory: 710 (2023) + 2,133 (2024) + 3,611 (2025) + 900 COTS rows.
AI_2023_ROWS, AI_2024_ROWS, AI_2025_ROWS, AI_COTS_ROWS = 710, 2133, 3611, 900
AI_USE_CASES = AI_2023_ROWS + AI_2024_ROWS + AI_2025_ROWS + AI_COTS_ROWS
# FEC bulk 2020 masters and pas2 as loaded: (rows read, loaded, rejected); cm20 has 2 duplicate lines, cn20 one.
BULK_2020 = {"ccl": (3752, 3752, 0), "cm": (11605, 11603, 2), "cn": (3937, 3936, 1), "pas2": (3159, 3159, 0)}
# The USAspending search CSV: contract awards.
CONTRACT_AWARDS = 2107
# NASA's TRACERS award (THE UNIVERSITY OF IOWA): potential value.
TRACERS_POTENTIAL = Decimal("172272419.67")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def closed_base() -> str:
    """A URL on 127.0.0.1 where nothing listens: connections are refused, as with no network."""
    return f"http://127.0.0.1:{free_port()}"


def wait_healthy(port: int, proc: subprocess.Popen | None = None, timeout: float = 60) -> bool:
    """Poll the explorer's health check until it says ok (True), the process exits or the time is up (False)."""
    deadline = time.time() + timeout
    while time.time() < deadline and (proc is None or proc.poll() is None):
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5).read() == b"ok":
                return True
        except OSError:
            time.sleep(0.2)
    return False


@contextmanager
def moneytrail_server(args: list[str], port: int, *, env: dict[str, str] | None = None, log: Path | None = None,
                      timeout: float = 60) -> Iterator[subprocess.Popen]:
    """Run `moneytrail ARGS` (a command that serves on port) until its health check answers; stop it afterwards."""
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen([MONEYTRAIL, *args], stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        healthy = wait_healthy(port, proc, timeout)
        assert healthy, (log.read_text() if log else f"moneytrail {' '.join(args)} did not answer within {timeout} s")
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        if log:
            out.close()


def indiv_folder(path: Path, lines: list[bytes], masters: Path) -> Path:
    """A new folder holding links to the real 2020 masters (cm20, cn20, ccl20 in masters) and an indiv20.zip of lines."""
    import os
    import zipfile

    path.mkdir()
    for name in ("cm20.zip", "cn20.zip", "ccl20.zip"):
        os.symlink(masters / name, path / name)
    with zipfile.ZipFile(path / "indiv20.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("itcont.txt", b"".join(lines))
    return path


def warehouse_rows(path: Path, sql: str) -> list[tuple]:
    """The rows of one query on the warehouse at path, read through the locked reader."""
    from etl import db

    con = db.read_connection(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()

"""N concurrent explorer sessions against `moneytrail serve`, at the websocket level (no browser), on 127.0.0.1 only.

  uv run python bench/bench_serve.py --db /tmp/i15.duckdb --sessions 50 [--pages organization,compare] [--rounds 1]

Starts `moneytrail serve` on a free port of 127.0.0.1, renders each page once to warm the server (reported apart),
then opens --sessions websockets to /_stcore/stream at once; each session asks for every page in turn (--rounds
times), as the browser does: a BackMsg rerun_script with the page name and query string, timed until the
ForwardMsg script_finished. A page run that shows an exception element or does not finish within --timeout counts
as an error. Prints p50/p95/max per page, errors, the server's CPU seconds (user + system, /proc) and its peak RSS
(VmHWM). Then, with nothing else running on the server, each page is rendered --cpu-runs times, one fresh session
after another, and the server's CPU seconds per run of that page are printed (steadier than wall times on a busy
machine). Sessions are capped at 200 and the whole run at --deadline seconds. `--app DIR` serves another checkout
through its own `moneytrail serve` (its own server settings), e.g. main's, for a before/after on the same load.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from helpers import MONEYTRAIL, free_port, wait_healthy  # noqa: E402

QUERY = {"organization": "org=openai", "compare": "peers=ai&org=openai"}
MAX_SESSIONS = 200


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _render(ws, page: str, timeout: float) -> tuple[float, bool]:
    """Ask for one page run; (seconds until script_finished, whether it failed)."""
    msg = BackMsg()
    msg.rerun_script.page_name = page
    msg.rerun_script.query_string = QUERY.get(page, "")
    t0 = time.perf_counter()
    await ws.send(msg.SerializeToString())
    failed = False
    try:
        async with asyncio.timeout(timeout):
            while True:
                fwd = ForwardMsg()
                fwd.ParseFromString(await ws.recv())
                kind = fwd.WhichOneof("type")
                if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element" \
                        and fwd.delta.new_element.WhichOneof("type") == "exception":
                    failed = True
                if kind == "script_finished":
                    if fwd.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                        failed = True
                    return time.perf_counter() - t0, failed
    except TimeoutError:
        return time.perf_counter() - t0, True


async def _session(port: int, pages: list[str], rounds: int, timeout: float, out: dict[str, list]) -> None:
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    try:
        # No keepalive pings: a server busy for over 20 s would otherwise be dropped as dead, which is not what is measured.
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout,
                                      ping_interval=None) as ws:
            for _ in range(rounds):
                for page in pages:
                    out[page].append(await _render(ws, page, timeout))
    except (OSError, websockets.WebSocketException) as exc:
        out["connect"].append((0.0, True))
        print(f"session failed: {type(exc).__name__}: {exc}", file=sys.stderr)


async def _sequential_cpu(port: int, pid: int, page: str, runs: int, timeout: float) -> float:
    """Server CPU seconds per run of one page, rendered runs times by fresh sessions one after another."""
    out: dict[str, list] = {page: [], "connect": []}
    cpu0 = _cpu_seconds(pid)
    for _ in range(runs):
        await _session(port, [page], 1, timeout, out)
    return (_cpu_seconds(pid) - cpu0) / runs


async def _run(port: int, sessions: int, pages: list[str], rounds: int, timeout: float) -> dict[str, list]:
    out: dict[str, list] = {p: [] for p in [*pages, "connect"]}
    await asyncio.gather(*(_session(port, pages, rounds, timeout, out) for _ in range(sessions)))
    return out


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else float("nan")


def main() -> None:
    """Run the benchmark and print its table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--pages", default="organization,compare")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=180.0, help="seconds a page run may take before it is an error")
    ap.add_argument("--deadline", type=float, default=900.0, help="seconds the whole run may take")
    ap.add_argument("--app", type=Path, help="serve another checkout's explorer through its own `moneytrail serve` "
                                             "(its settings), e.g. main's, for a before/after on the same machine load")
    ap.add_argument("--cpu-runs", type=int, default=10, help="sequential runs per page for the CPU-per-run figure")
    args = ap.parse_args()
    if not 1 <= args.sessions <= MAX_SESSIONS:
        sys.exit(f"--sessions must be between 1 and {MAX_SESSIONS}")
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    port = free_port()
    serve = ["--db", str(args.db.resolve()), "serve", "--port", str(port), "--no-browser"]
    if args.app:  # the other checkout's etl package first on the path: its serve command, its dashboard, its flags
        boot = f"import sys; sys.path.insert(0, {str(args.app.resolve())!r}); from etl.cli import main; main()"
        cmd = [sys.executable, "-c", boot, *serve]
    else:
        cmd = [MONEYTRAIL, *serve]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_healthy(port, proc, 120):
            sys.exit("the server did not answer within 120 s")
        warm = asyncio.run(_run(port, 1, pages, 1, args.timeout))
        cpu0, client0 = _cpu_seconds(proc.pid), time.process_time()
        t0 = time.perf_counter()
        res = asyncio.run(asyncio.wait_for(_run(port, args.sessions, pages, args.rounds, args.timeout), args.deadline))
        wall = time.perf_counter() - t0
        cpu, client = _cpu_seconds(proc.pid) - cpu0, time.process_time() - client0
        rss = _peak_rss_mb(proc.pid)
        per_run = {p: asyncio.run(_sequential_cpu(port, proc.pid, p, args.cpu_runs, args.timeout)) for p in pages}
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(f"{args.sessions} sessions x {args.rounds} round(s) of {', '.join(pages)} on {args.db} "
          f"({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, app {args.app or ROOT}); wall {wall:.1f} s")
    print("| page | first render (warm-up) s | runs | p50 s | p95 s | max s | errors | server CPU s per run, alone |")
    print("|---|---|---|---|---|---|---|---|")
    for page in pages:
        times = [t for t, _ in res[page]] or [float("nan")]
        errors = sum(f for _, f in res[page])
        print(f"| {page} | {warm[page][0][0]:.2f} | {len(times)} | {_pct(times, 0.5):.2f} | {_pct(times, 0.95):.2f} | "
              f"{max(times):.2f} | {errors} | {per_run[page]:.3f} |")
    runs = max(1, sum(len(res[p]) for p in pages))
    print(f"connection errors: {len(res['connect'])}; server CPU {cpu:.1f} s ({cpu / runs:.3f} "
          f"s per page run); server peak RSS {rss:,.0f} MB; this client's CPU {client:.1f} s (it shares the cores)")


if __name__ == "__main__":
    main()

"""Benchmark the download path (etl/sources/_http.py) against the local replay server, all in one process.

  uv run python bench/bench_fetch.py [--mb 64] [--runs 5]

Serves a SYNTHETIC file of --mb megabytes of random bytes (no records involved) from tests/replay.py on
127.0.0.1, and times, median of --runs each:
  baseline     httpx.Client.get of the whole body into memory (the floor: no cache, no checks)
  download     Http.download to disk: streamed write, size check, sha256
  dropped      the same with the connection dropped half-way once, then resumed with Range
  unchanged    a second download of an unchanged file (If-None-Match -> 304)
Prints MB/s, ms and the ratio of each to the baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import httpx  # noqa: E402

from etl.net import http as _http  # noqa: E402
from replay import Replay  # noqa: E402


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=64)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_fetch_"))
    served = work / "served"
    served.mkdir()
    (served / "synthetic.bin").write_bytes(os.urandom(args.mb << 20))
    os.environ["MONEYTRAIL_HTTP_BACKOFF"] = "0.01"
    with Replay(work) as replay:
        replay.mounts["/bench/"] = served
        url = replay.base + "/bench/synthetic.bin"
        size = args.mb << 20
        with httpx.Client() as c:
            base = _median(lambda: c.get(url).content, args.runs)
        with _http.Http() as http:
            def fresh(fault: str | None = None) -> _http.Fetched:
                dest = work / "dl" / "synthetic.bin"
                for p in dest.parent.glob("*"):
                    p.unlink()
                if fault:
                    replay.fault("/bench/synthetic.bin", fault)
                return http.download(url, dest)
            plain = _median(fresh, args.runs)
            dropped = _median(lambda: fresh("drop"), args.runs)
            fresh()
            unchanged = _median(lambda: http.download(url, work / "dl" / "synthetic.bin"), args.runs)
    print(f"SYNTHETIC {args.mb} MB random file served by tests/replay.py on 127.0.0.1, median of {args.runs}")
    print(f"{'method':<10} {'ms':>9} {'MB/s':>8} {'x baseline':>11}")
    for name, t in (("baseline", base), ("download", plain), ("dropped", dropped), ("unchanged", unchanged)):
        rate = f"{size / t / 1e6:8.1f}" if name != "unchanged" else "     n/a"
        print(f"{name:<10} {t * 1000:9.1f} {rate} {t / base:11.2f}")


if __name__ == "__main__":
    main()

"""Download the AI Use Case Inventory files OMB publishes, for `moneytrail fetch ai-inventory` and `up`."""

from __future__ import annotations

from pathlib import Path

from etl import config
from etl.net.http import FetchSummary, Http, check_text
from etl.net.progress import ProgressFactory
from etl.sources.ai_inventory.load import NAME, UPSTREAM_PATHS
from etl.sources.base import WatchStep

# The OMB consolidated files as published on GitHub (reference/contracts_and_ai_use.md §4.1).
PUBLISHED = {kind: f"/{repo}/main/{path}" for kind, (repo, path) in UPSTREAM_PATHS.items()}


def fetch(http: Http, raw: Path, progress_for: ProgressFactory | None = None,
          base: str | None = None) -> FetchSummary:
    """Download the published inventory files into raw/ai-inventory/ (conditional: unchanged files are kept)."""
    base = (base or config.settings().ai_inventory_base).rstrip("/")
    summary = FetchSummary(NAME, "Federal AI Use Case Inventory (2023, 2024 v2, 2025, 2025 COTS)", [])
    for path in PUBLISHED.values():
        name = path.rsplit("/", 1)[1]
        got = http.download(base + path, raw / "ai-inventory" / name, validate=check_text,
                            progress=progress_for(name) if progress_for else None)
        summary.add(got)
    return summary


def watch_steps(cycles: list[int]) -> list[WatchStep]:
    """`up` fetches the published inventory files."""
    return [WatchStep("Federal AI Use Case Inventory", f"{config.settings().ai_inventory_base}/",
                      lambda http, raw, bars: [fetch(http, raw, bars)])]

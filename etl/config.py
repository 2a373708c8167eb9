"""Settings read from the environment, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = Path("data") / "moneytrail.duckdb"


@dataclass(frozen=True)
class Settings:
    """Runtime settings: database path, shared data folder, API key, base URLs."""

    db_path: Path
    shared_data: Path | None
    fec_api_key: str | None
    fec_bulk_base: str
    openfec_base: str
    docquery_base: str
    usaspending_base: str
    ai_inventory_base: str


def settings() -> Settings:
    """Read settings from the environment (MONEYTRAIL_DB, MONEYTRAIL_SHARED_DATA, FEC_API_KEY, MONEYTRAIL_*_BASE)."""
    shared = os.environ.get("MONEYTRAIL_SHARED_DATA")
    return Settings(
        db_path=Path(os.environ.get("MONEYTRAIL_DB") or DEFAULT_DB),
        shared_data=Path(shared) if shared else None,
        fec_api_key=os.environ.get("FEC_API_KEY") or None,
        fec_bulk_base=os.environ.get("MONEYTRAIL_FEC_BULK_BASE", "https://www.fec.gov/files/bulk-downloads"),
        openfec_base=os.environ.get("MONEYTRAIL_OPENFEC_BASE", "https://api.open.fec.gov/v1"),
        docquery_base=os.environ.get("MONEYTRAIL_DOCQUERY_BASE", "https://docquery.fec.gov"),
        usaspending_base=os.environ.get("MONEYTRAIL_USASPENDING_BASE", "https://api.usaspending.gov"),
        ai_inventory_base=os.environ.get("MONEYTRAIL_AI_INVENTORY_BASE", "https://raw.githubusercontent.com"),
    )

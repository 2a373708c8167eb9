"""Reading USAspending files: which format a file is (by its name and first bytes) and its records.

Formats: Advanced Search results saved as CSV (display-name columns such as `Award ID`), custom and bulk
download CSVs (snake_case columns) and the API's JSON responses (../shared/reference/contracts_and_ai_use.md §1-2).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from etl.net.files import LoadError
from etl.sources.base import Recognised

# Awards before their transactions, so the snapshots derived from transactions sort after.
ORDER = {"search_csv": 10, "search_json": 10, "awards_csv": 10, "award_json": 11, "transactions_csv": 12,
         "transactions_json": 12}


@dataclass
class Record:
    """One source record: its number, the physical line it starts on, its raw text and its fields."""

    no: int
    line: int
    raw: str
    fields: dict[str, str]


def recognise(path: Path) -> Recognised | None:
    """The USAspending format of a file (search_csv, awards_csv, ...), judged by its name and first bytes, or None."""
    fmt = _format(path)
    return Recognised(path, fmt, ORDER[fmt]) if fmt else None


def _format(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        cols = set(_csv_header(path))
        if "contract_transaction_unique_key" in cols:
            return "transactions_csv"
        if "contract_award_unique_key" in cols or "award_id_piid" in cols:
            return "awards_csv"
        if {"Award ID", "Recipient Name"} <= cols:
            return "search_csv"
    elif suffix == ".json" and not path.name.lower().endswith(".meta.json"):
        with open(path, "rb") as f:
            head = f.read(8192).decode("utf-8", errors="replace")
        if '"generated_unique_award_id"' in head:
            return "award_json"
        if '"spending_level"' in head or ('"page_metadata"' in head and '"Award ID"' in head):
            return "search_json"
        if '"CONT_TX_' in head or ('"federal_action_obligation"' in head and '"modification_number"' in head):
            return "transactions_json"
    return None


def _csv_header(path: Path) -> list[str]:
    with open(path, "rb") as f:
        first = f.read(65536).split(b"\n", 1)[0]
    try:
        return next(csv.reader([first.decode("utf-8-sig", errors="replace").rstrip("\r")]))
    except (StopIteration, csv.Error):
        return []


def read(path: Path, fmt: str) -> tuple[list[Record], list[tuple[int, str, str]]]:
    """Records of the file, plus (line, raw text, reason) for records too broken to read."""
    try:
        if fmt.endswith("_csv"):
            return _read_csv(path)
        return _read_json(path, fmt), []
    except UnicodeDecodeError as exc:
        raise LoadError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); USAspending files are UTF-8") from exc


def _read_csv(path: Path) -> tuple[list[Record], list[tuple[int, str, str]]]:
    records: list[Record] = []
    broken: list[tuple[int, str, str]] = []
    consumed: list[str] = []

    def lines(f):  # keep the exact text of each record (quoted fields may span lines)
        for text in f:
            consumed.append(text)
            yield text

    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(lines(f))
        header = next(reader, None)
        if not header:
            raise LoadError(f"{path}: empty file, no header line")
        start = reader.line_num + 1
        consumed.clear()
        for row in reader:
            raw = "".join(consumed).rstrip("\r\n")
            consumed.clear()
            if len(row) == len(header):
                records.append(Record(len(records) + 1, start, raw, dict(zip(header, row))))
            elif any(v.strip() for v in row):
                broken.append((start, raw, f"wrong field count ({len(row)} fields, header has {len(header)})"))
            else:
                broken.append((start, raw, "blank line"))
            start = reader.line_num + 1
    return records, broken


def _read_json(path: Path, fmt: str) -> list[Record]:
    try:
        # parse_float keeps the exact decimal text, so money never passes through a float.
        doc = json.loads(path.read_text(encoding="utf-8-sig"), parse_float=str, parse_int=str)
    except json.JSONDecodeError as exc:
        raise LoadError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno} ({exc.msg})") from exc
    items = [doc] if fmt == "award_json" else doc.get("results") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise LoadError(f"{path}: expected a JSON object with a results list (USAspending API response)")
    return [Record(i, i, json.dumps(item, ensure_ascii=False)[:10000], _flatten(item)) for i, item in enumerate(items, 1)]


def _flatten(value: object, prefix: str = "") -> dict[str, str]:
    """Nested JSON objects as dotted paths (recipient.recipient_uei); lists stay JSON text."""
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}{k}."))
        return out
    if value is None:
        return {prefix[:-1]: ""}
    if isinstance(value, bool):
        return {prefix[:-1]: str(value).lower()}
    return {prefix[:-1]: value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}

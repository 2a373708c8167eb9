"""Read an FEC electronic filing in any of its forms into its header, cover page and records.

Forms (../shared/reference/fec.md §4.1, §4.1a): the raw `.fec` (v6+ fields split by 0x1C; older versions
comma-separated, which fecfile knows), and docquery's "Download .csv" rendering (every field double-quoted,
the same layouts as the `.fec` of the same version). A filing is recognised by its first line (HDR), whatever
the file is called; its number comes from the name, else from the fetch record's URL.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from fecfile import fecparser

from etl.net.files import LoadError
from etl.net.meta import read_meta

FS = "\x1c"
_HDR_RE = re.compile(rb'^\s*"?HDR"?\s*[\x1c,]')
_URL_NUM_RE = re.compile(r"/(\d+)\.(?:fec|csv)(?:\?|$)", re.I)


@dataclass
class Record:
    """One schedule line: its 1-based line number, the raw text, the fields by fecfile name."""

    line_no: int
    raw: str
    kind: str
    fields: dict[str, str]


@dataclass
class Filing:
    """A parsed filing: number, header, version, cover page fields, schedule records and unreadable lines."""

    file_num: int
    rendering: str  # 'fec' (0x1C), 'fec-comma' (older comma versions) or 'csv' (docquery's quoted CSV)
    header: dict[str, str]
    version: str
    cover: dict[str, str]
    records: list[Record] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)


def is_filing(path: Path) -> bool:
    """True when the file's first line is an FEC header (HDR), as in .fec files and docquery's CSV."""
    try:
        with open(path, "rb") as f:
            return bool(_HDR_RE.match(f.read(64)))
    except OSError:
        return False


def file_number(path: Path) -> int:
    """The FEC filing number: the file name if it is digits, else the URL in its fetch record; else LoadError."""
    if path.stem.isdigit():
        return int(path.stem)
    url = str(read_meta(path).get("url") or "")
    got = _URL_NUM_RE.search(url)
    if got:
        return int(got.group(1))
    raise LoadError(f"{path}: cannot tell the FEC filing number; name the file by it (e.g. 1930418.csv or "
                    "1930418.fec) or fetch it with `moneytrail fetch filings`")


def _split(text: str, rendering: str) -> list[str]:
    if rendering == "csv":
        return next(csv.reader([text]), [])
    if rendering == "fec":
        return [x.strip('"') if len(x) > 1 and x.startswith('"') and x.endswith('"') else x for x in text.split(FS)]
    return fecparser.fields_from_line(text)


def _fields(text: str, rendering: str, version: str, line_no: int) -> dict[str, str]:
    """Fields by fecfile's layout for the line's form and version (as text)."""
    parts = _split(text, rendering)
    # fecfile splits v6+ lines on 0x1C only: hand it the fields joined that way whatever the rendering
    return fecparser.parse_line(FS.join(parts), version, line_no, as_strings=True) or {}


def parse(path: Path) -> Filing:
    """Parse a filing in any rendering; LoadError with a one-line reason when it is not one."""
    lines = path.read_bytes().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) < 2:
        raise LoadError(f"{path}: not an FEC filing (fewer than two lines)")
    if not _HDR_RE.match(lines[0][:64]):
        raise LoadError(f"{path}: first line is not an FEC header (HDR)")
    head = lines[0].decode("latin-1").rstrip("\r")
    rendering = "fec" if FS in head else ("csv" if head.startswith('"') else "fec-comma")
    parts = _split(head, rendering)
    version = (parts[2] if len(parts) > 2 and parts[1].strip().upper() == "FEC" else
               parts[1] if len(parts) > 1 else "").strip()
    if not version:
        raise LoadError(f"{path}: first line is not an FEC header (HDR)")
    if rendering == "fec-comma" and version[:1] not in fecparser.comma_versions:
        raise LoadError(f"{path}: comma-separated filing of version {version}, which fecfile does not lay out as comma")
    try:
        header = _fields(head, rendering, version, 1)
        cover = _fields(lines[1].decode("latin-1").rstrip("\r"), rendering, version, 2)
    except (IndexError, KeyError, ValueError, StopIteration):
        raise LoadError(f"{path}: version {version} is not one fecfile has layouts for") from None
    if not (cover.get("form_type") or "").strip() or "filer_committee_id_number" not in cover:
        raise LoadError(f"{path}: second line is not a cover page (got {(cover.get('form_type') or 'nothing')[:20]})")
    filing = Filing(file_number(path), rendering, header, version, {k: (v or "").strip() for k, v in cover.items()})
    for n, raw in enumerate(lines[2:], start=3):
        raw = raw.rstrip(b"\r")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            filing.errors.append((n, raw.decode("utf-8", "replace"), "undecodable bytes (not UTF-8)"))
            continue
        kind = _split(text[:40], rendering)[0].strip().strip('"').upper() if text.strip() else ""
        if not kind:
            continue
        try:
            fields = _fields(text, rendering, version, n)
        except (IndexError, KeyError, ValueError, csv.Error):
            fields = {}
        filing.records.append(Record(n, text.replace(FS, "|"), kind, fields))
    return filing

"""Reading AI Use Case Inventory files: CSV in any of OMB's encodings, XLSX, header found below title rows.

Formats: ../shared/reference/contracts_and_ai_use.md §4.1-4.8 (cited as contracts.md) and §8 trap 12.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from etl.net.files import LoadError
from etl.sources.ai_inventory import text as tx

SNIFF_BYTES = 64 * 1024
HEADER_SEARCH_ROWS = 30  # agency spreadsheets put titles and notes above the header (contracts.md §4.8)

# First header cells (tx.header_key) of each of OMB's consolidated files.
SIGNATURES = {
    "ai_2023": ["use_case_id", "department_code", "agency", "office"],
    "ai_2024": ["use case name", "agency", "agency abbreviation", "bureau"],
    "ai_2025": ["agency", "agency_name", "id", "use_case_name"],
    "ai_2025_cots": ["agency", "ai use case", "agency use (y/n)?"],
}
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_SURROGATE = re.compile("[\udc80-\udcff]")


@dataclass
class Sheet:
    """The header and data rows of one inventory file, whatever its format."""

    file_type: str
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list]] = field(default_factory=list)
    rejects: list[tuple[int, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def sniff(path: Path) -> str | None:
    """The inventory file type from the first rows of a CSV or XLSX (never raises), or None."""
    try:
        if path.suffix.lower() == ".csv":
            with open(path, "rb") as f:
                text, _ = decode(f.read(SNIFF_BYTES), errors="replace")
            rows: list[list[str]] = []
            reader = csv.reader(io.StringIO(text))
            try:
                for row in reader:
                    rows.append(row)
                    if len(rows) == HEADER_SEARCH_ROWS:
                        break
            except csv.Error:
                pass  # the sniffed block may end inside a record; the rows before it are enough
            return find_header(rows)[0]
        import openpyxl  # only when a workbook is sniffed or read

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            return "ai_agency" if _xlsx_header(wb) else None
        finally:
            wb.close()
    except Exception:  # sniffing only: a file that cannot be read is simply not recognised
        return None


def workbook_opens(path: Path) -> bool:
    """True when openpyxl can open the file as a workbook, whatever its sheets hold."""
    try:
        import openpyxl
        openpyxl.load_workbook(path, read_only=True).close()
    except Exception:  # openpyxl raises many kinds (zip, XML, KeyError) for what is not a workbook
        return False
    return True


def decode(data: bytes, errors: str = "surrogateescape") -> tuple[str, str]:
    """Text of a CSV and the encoding used: UTF-8 (with or without BOM), else cp1252."""
    if data.startswith(codecs.BOM_UTF8):  # 2025 files (contracts.md §8 trap 12)
        return data[3:].decode("utf-8", errors), "utf-8 with BOM"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # 2024 v2 is cp1252 (byte 0x92 for ’, contracts.md §4.4). A file with no valid multi-byte UTF-8
    # sequence at all is cp1252; one with some is UTF-8 with a few bad rows, rejected one by one.
    if _UTF8_MULTIBYTE.search(data):
        return data.decode("utf-8", errors), "utf-8"
    return data.decode("cp1252", errors), "cp1252"


def find_header(rows: list[list]) -> tuple[str | None, int]:
    """The file type and index of the first row that is an inventory header, or (None, -1)."""
    for i, row in enumerate(rows):
        keys = [tx.header_key(c) for c in row]
        for file_type, sig in SIGNATURES.items():
            if keys[:len(sig)] == sig:
                return file_type, i
        shorts = {tx.header_short(c) for c in row} - {None}
        if "use_case_name" in shorts and len(shorts) >= 4:
            return "ai_agency", i
    return None, -1


def read(path: Path) -> Sheet:
    """Header and rows of a CSV or XLSX inventory file; LoadError when it is not one."""
    if not path.is_file():
        raise LoadError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix == ".xls":
        raise LoadError(f"{path}: old .xls workbooks are not read; save it as .xlsx or CSV")
    return _read_csv(path)


def _read_csv(path: Path) -> Sheet:
    data = path.read_bytes()
    if not data.strip():
        raise LoadError(f"{path}: empty file")
    text, encoding = decode(data)
    records: list[tuple[int, int, list[str]]] = []
    reader = csv.reader(io.StringIO(text))
    prev = 0
    try:
        for cells in reader:
            records.append((prev + 1, reader.line_num, cells))  # physical lines where the record starts and ends
            prev = reader.line_num
    except csv.Error as exc:
        raise LoadError(f"{path}: not a readable CSV after line {prev} ({exc})") from exc
    filled = [r for r in records if any(c.strip() for c in r[2])]
    file_type, at = find_header([r[2] for r in filled[:HEADER_SEARCH_ROWS]])
    if file_type is None:
        raise LoadError(f"{path}: no AI use case inventory header in the first {HEADER_SEARCH_ROWS} rows "
                        f"(read as {encoding}); expected OMB's 2023/2024/2025 columns or an agency form with "
                        "'Use Case Name' and other 2025 questions")
    start = filled[at][0]
    # An undecodable byte in a header name is shown as U+FFFD (found by tests/test_fuzz.py): the name is kept as a key.
    sheet = Sheet(file_type, [_clean_header(_SURROGATE.sub("\ufffd", c)) for c in filled[at][2]], start)
    sheet.notes.append(f"read as {encoding}")
    if start > 1:
        sheet.notes.append(f"header on line {start}")
    lines = text.split("\n")
    width = len(sheet.headers)
    blank = 0
    for first, last, cells in records:
        if first <= start:
            continue
        if not any(c.strip() for c in cells):
            blank += 1
            continue
        raw = _SURROGATE.sub("\ufffd", "\n".join(lines[first - 1:last]).rstrip("\r"))
        if any(_SURROGATE.search(c) for c in cells):
            sheet.rejects.append((first, raw, f"undecodable bytes (not {encoding})"))
        elif file_type != "ai_agency" and len(cells) != width:
            sheet.rejects.append((first, raw, f"wrong field count ({len(cells)} fields, the header has {width})"))
        else:
            sheet.rows.append((first, cells))
    if blank:
        sheet.notes.append(f"{blank} blank rows skipped")
    return sheet


def _xlsx_header(wb) -> tuple[object, int, list] | None:
    """The first worksheet with an inventory header in its top rows: (worksheet, header row number, header cells)."""
    for ws in wb.worksheets:
        ws.reset_dimensions()  # agency files often carry wrong stored dimensions
        top = [list(r) for _, r in zip(range(HEADER_SEARCH_ROWS), ws.iter_rows(values_only=True))]
        file_type, at = find_header(top)
        if file_type is not None:
            return ws, at + 1, top[at]
    return None


def _read_xlsx(path: Path) -> Sheet:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, KeyError) for a damaged workbook
        raise LoadError(f"{path}: not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})") from exc
    try:
        found = _xlsx_header(wb)
        if found is None:
            raise LoadError(f"{path}: no worksheet has an AI use case inventory header in its first "
                            f"{HEADER_SEARCH_ROWS} rows ('Use Case Name' and other 2025 agency-form questions)")
        ws, header_row, header = found
        sheet = Sheet("ai_agency", [_clean_header(c) for c in header], header_row)
        sheet.notes.append(f"worksheet {ws.title!r}, header on row {header_row}")
        blank = 0
        for n, row in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1):
            if all(tx.clean(c) is None for c in row):
                blank += 1  # trailing empty rows are Excel formatting, not records
            else:
                sheet.rows.append((n, list(row)))
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(f"{path}: not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})") from exc
    finally:
        wb.close()
    if blank:
        sheet.notes.append(f"{blank} blank rows skipped")
    return sheet


def _clean_header(cell: object) -> str:
    return " ".join(str(cell if cell is not None else "").split())

"""Federal AI Use Case Inventory: OMB's 2023, 2024 v2 and 2025 files and agency spreadsheets -> ai_use_cases.

Formats and traps: ../shared/reference/contracts_and_ai_use.md §4 (one schema per year, cited as
contracts.md), §5 (DHS-2556) and §8 traps 12-17; upstream files: ../shared/data/ai_inventory/PROVENANCE.md.
Files are read in read.py; answers and headers are normalised in text.py.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import db
from etl.net.progress import Progress
from etl.sources.ai_inventory import read as rd
from etl.sources.ai_inventory import text as tx
from etl.sources.ai_inventory.read import Sheet
from etl.sources.base import Recognised

NAME = "ai_inventory"
ORDER = {"ai_2023": 20, "ai_2024": 20, "ai_2025": 20, "ai_2025_cots": 20, "ai_agency": 21, "ai_unreadable": 22}
SCOPES = {"ai_2023": "2023", "ai_2024": "2024", "ai_2025": "2025", "ai_2025_cots": "2025-cots"}

# Source header (tx.header_key) -> field, per OMB file. 2025 and agency sheets use the 2025 short names.
COLUMNS = {
    "ai_2023": {"use_case_id": "id", "department_code": "agency", "department": "agency_name",
                "agency": "agency_bureau", "title": "use_case_name", "summary": "problem_solved",
                "development_stage": "development_stage", "techniques": "classification"},
    "ai_2024": {"use case name": "use_case_name", "agency": "agency_name", "agency abbreviation": "agency",
                "bureau": "agency_bureau", "use case topic area": "topic_area",
                "what is the intended purpose and expected benefits of the ai?": "benefits",
                "describe the ai system's outputs.": "system_outputs", "stage of development": "development_stage",
                "is the ai use case rights-impacting, safety-impacting, both, or neither?": "is_high_impact",
                "date implemented": "operational_date",
                "was the ai system involved in this use case developed (or is it to be developed) under "
                "contract(s) or in-house?": "contracting_usage",
                "provide the procurement instrument identifier(s) (piid) of the contract(s) used.": "piids",
                "describe any agency-owned data used to train, fine-tune, and/or evaluate performance of the "
                "model(s) used in this use case.": "data_description"},
    "ai_2025_cots": {"agency": "agency_name", "ai use case": "use_case_name", "agency use (y/n)?": "cots_in_use",
                     "name of commercial product or service used": "vendor_name",
                     "estimated # of licenses/users": "cots_users"},
}
NAMED_2025 = ["agency", "agency_name", "id", "use_case_name", "agency_bureau", "is_withheld", "development_stage",
              "is_high_impact", "topic_area", "classification", "problem_solved", "benefits", "system_outputs",
              "operational_date", "contracting_usage", "vendor_name", "data_description"]

# Where OMB published each file, by SHA-256 (PROVENANCE.md): rows cite the exact upstream version.
_R25 = "ombegov/2025-Federal-Agency-AI-Use-Case-Inventory"
_R24 = "ombegov/2024-Federal-AI-Use-Case-Inventory"
UPSTREAM = {
    "a62721202ca4b110ce3c53ffdb688d05ad27a35971a7afda4f1179b2493e31d0":
        (_R25, "3c225ba8438e48306ace7698c8c7feb9486cbc69", "Data/2025_individually_reported_AI_use_cases.csv"),
    "bd18984bdc41f8fc818c9d145de78ebe2563ee0ffab29fe7e96de4c223c8ba17":
        (_R25, "3c225ba8438e48306ace7698c8c7feb9486cbc69", "Data/2025_consolidated_COTS_AI_use_cases.csv"),
    "789e1bac6d2551e8f90e5cfc5feb37ac23c6ca9f302f5af92fea8a577caa0a83":
        (_R24, "739f686fdf8c52d1be15bd6e945aec2ef59c8a68", "data/2024_consolidated_ai_inventory_raw_v2.csv"),
    "426955e213dda0e4c5656571c69147c9f219417eb57fd394c206f06745387358":
        (_R24, "2a91f52c539771a57e5f8db19f1560f197a12a6f", "data/2023_consolidated_ai_inventory_raw.csv"),
}
# Any other version of an OMB file: its path at the repository's current HEAD.
UPSTREAM_PATHS = {"ai_2023": (_R24, "data/2023_consolidated_ai_inventory_raw.csv"),
                  "ai_2024": (_R24, "data/2024_consolidated_ai_inventory_raw_v2.csv"),
                  "ai_2025": (_R25, "Data/2025_individually_reported_AI_use_cases.csv"),
                  "ai_2025_cots": (_R25, "Data/2025_consolidated_COTS_AI_use_cases.csv")}

TABLE_COLS = ["use_case_key", "dataset", "load_id", "inventory_year", "record_kind", "publisher", "agency",
              "agency_name", "bureau", "use_case_id", "name", "stage", "stage_raw", "topic", "classification",
              "impact", "impact_framework", "impact_raw", "vendor_name", "problem", "benefits", "outputs",
              "data_description", "contracting_usage", "piids", "operational_date", "operational_date_raw",
              "operational_date_precision", "is_withheld", "is_withheld_raw", "cots_in_use", "cots_users",
              "source_file", "source_row", "source_url", "extra"]
_TYPES = {"load_id": pa.int64(), "inventory_year": pa.int32(), "source_row": pa.int64(),
          "operational_date": pa.date32(), "is_withheld": pa.bool_(), "cots_in_use": pa.bool_()}

_NAME_RE = re.compile(r"(^|[^a-z])ai([^a-z]|use)")


def recognise(path: Path) -> Recognised | None:
    """An inventory file (by name and header) of kind ai_2023, ai_2024, ai_2025, ai_2025_cots or ai_agency, else None."""
    path = Path(path)
    name = path.name.lower()
    if path.suffix.lower() not in (".csv", ".xlsx", ".xlsm") or not _NAME_RE.search(name):
        return None
    if "inventory" not in name and not re.search(r"use[-_ ]?cases?", name):
        return None
    kind = rd.sniff(path)
    if kind is None and path.suffix.lower() != ".csv" and not rd.workbook_opens(path):
        # Named like an inventory workbook but not one (an HTML page saved as .xlsx): recognised anyway, so that its
        # load fails with the reader's reason instead of the file being skipped without a word (issue 15).
        kind = "ai_unreadable"
    return Recognised(path, kind, ORDER[kind]) if kind else None


def load(con: duckdb.DuckDBPyConnection, path: Path, progress: Progress | None = None) -> db.LoadResult:
    """Load one inventory file; loading it again changes nothing, a newer file of its dataset replaces its rows."""
    t0 = time.perf_counter()
    path = Path(path)
    sheet = rd.read(path)
    sha = db.sha256_file(path)
    targets, keys, url = _targets(sheet), _extra_keys(sheet.headers), _source_url(sheet.file_type, sha)
    rows = [_record(sheet.file_type, targets, keys, n, cells, path, url) for n, cells in sheet.rows]
    dataset, scope = _dataset(sheet, rows, path)
    _assign_keys(rows, scope)

    def write(ld: db.Loading) -> db.Counts:
        con.execute("DELETE FROM ai_use_cases WHERE dataset = $d", {"d": dataset})
        for r in rows:
            r.update(dataset=dataset, load_id=ld.load_id)
        ld.stage("ai_stage", pa.table({c: pa.array([r[c] for r in rows], _TYPES.get(c, pa.string()))
                                       for c in TABLE_COLS}))
        con.execute("INSERT INTO ai_use_cases BY NAME SELECT * REPLACE (extra::JSON AS extra, "
                    "record_link(source_url) AS source_url) FROM ai_stage")
        loaded = con.execute("SELECT count(*) FROM ai_use_cases WHERE load_id = $id",
                             {"id": ld.load_id}).fetchall()[0][0]
        return db.Counts(len(sheet.rows) + len(sheet.rejects), int(loaded), ld.reject(sheet.rejects),
                         "; ".join(sheet.notes) if sheet.notes else None)

    return db.load_file(con, db.FileLoad(NAME, sheet.file_type, dataset, path), write, started=t0)


def _targets(sheet: Sheet) -> list[str | None]:
    """The field each column fills (first column of a name wins), None for columns kept in extra."""
    out: list[str | None] = []
    seen: set[str] = set()
    for h in sheet.headers:
        if sheet.file_type in COLUMNS:
            target = COLUMNS[sheet.file_type].get(tx.header_key(h))
        else:
            target = tx.header_short(h) if sheet.file_type == "ai_agency" else h
            target = target if target in NAMED_2025 else None
        out.append(None if target in seen else target)
        if target:
            seen.add(target)
    return out


def _extra_keys(headers: list[str]) -> list[str]:
    """Headers made unique: a repeated header ("If Other, please explain." x9 in 2024) gets its column number."""
    counts = Counter(headers)
    return [f"{h or '(no header)'} (column {i})" if counts[h] > 1 or not h else h for i, h in enumerate(headers, 1)]


def _source_url(file_type: str, sha: str) -> str | None:
    """The upstream file on GitHub: the pinned commit when the SHA-256 is a known version, else HEAD; None for agency files."""
    if upstream := UPSTREAM.get(sha):
        return "https://github.com/{}/blob/{}/{}".format(*upstream)
    if file_type in UPSTREAM_PATHS:
        return "https://github.com/{}/blob/HEAD/{}".format(*UPSTREAM_PATHS[file_type])
    return None


def _record(ft: str, targets: list[str | None], keys: list[str], source_row: int, cells: list, path: Path,
            url: str | None) -> dict:
    """One ai_use_cases row (without key, dataset and load_id) from one source row."""
    agency_form = ft == "ai_agency"
    f: dict[str, object] = {}
    header_of: dict[str, str] = {}
    extra: dict[str, str] = {}
    for i, cell in enumerate(cells):
        target = targets[i] if i < len(targets) else None
        if target:
            f[target], header_of[target] = cell, keys[i]
        elif (v := tx.clean(cell)) is not None:
            extra[keys[i] if i < len(keys) else f"(column {i + 1})"] = v

    def txt(name: str) -> str | None:
        return tx.clean(f.get(name))

    def standard(name: str, fn) -> str | None:
        raw, std = txt(name), fn(f.get(name))
        if std != raw and raw is not None:
            extra[header_of[name]] = raw  # the agency's own wording, before standardising
        return std

    agency_name, published = txt("agency_name"), txt("agency")
    if published and " " in published and agency_name is None:
        agency_name, published = published, None  # an agency form's "Agency" column holding the full name
    agency = tx.agency_abbreviation(agency_name) or (published.upper() if published else None)
    if published and agency != published:
        extra[header_of["agency"]] = published  # 2023 writes DOS for State; the other years STATE
    use_case_id = txt("id")
    if agency is None and use_case_id and (m := re.match(r"([A-Za-z]{2,6})\s*[-\u2013]", use_case_id)):
        agency = m[1].upper()  # agency forms have no agency column; IDs are "[Agency Abbrev.] – [#]"
    framework = {"ai_2024": tx.M_24_10, "ai_2025": tx.M_25_21, "ai_agency": tx.M_25_21}.get(ft)
    stage_raw, impact_raw, withheld_raw = txt("development_stage"), txt("is_high_impact"), txt("is_withheld")
    day, precision = tx.parse_date(f.get("operational_date"))
    used_raw = txt("cots_in_use")
    if used_raw is not None and tx.yes_no(used_raw) is None:
        extra[header_of["cots_in_use"]] = used_raw
    year = SCOPES.get(ft, "")[:4] or _name_year(path)
    return {
        "inventory_year": int(year), "record_kind": "cots" if ft == "ai_2025_cots" else "individual",
        "publisher": "agency" if agency_form else "omb",
        "agency": agency, "agency_name": agency_name or (tx.agency_display_name(agency) if agency_form else None),
        "bureau": txt("agency_bureau"), "use_case_id": use_case_id, "name": txt("use_case_name"),
        "stage": None if ft == "ai_2025_cots" else tx.stage(stage_raw), "stage_raw": stage_raw,
        "topic": standard("topic_area", lambda v: tx.label(v, cut=False)) if agency_form else txt("topic_area"),
        "classification": standard("classification", tx.classification) if agency_form else txt("classification"),
        "impact": tx.impact(impact_raw, framework) if framework else None,
        "impact_framework": framework, "impact_raw": impact_raw,
        "vendor_name": txt("vendor_name"), "problem": txt("problem_solved"), "benefits": txt("benefits"),
        "outputs": txt("system_outputs"), "data_description": txt("data_description"),
        "contracting_usage": standard("contracting_usage", tx.contracting) if agency_form else txt("contracting_usage"),
        "piids": txt("piids"), "operational_date": day, "operational_date_raw": txt("operational_date"),
        "operational_date_precision": precision,
        "is_withheld": tx.withheld(withheld_raw), "is_withheld_raw": withheld_raw,
        "cots_in_use": tx.yes_no(used_raw), "cots_users": txt("cots_users"),
        "source_file": path.name, "source_row": source_row,
        "source_url": f"{url}?plain=1#L{source_row}" if url else None,
        "extra": json.dumps(extra, ensure_ascii=False) if extra else None,
    }


def _name_year(path: Path) -> str:
    # Agency files carry the inventory year in their name (DHS: 2025_0128_ocio-dhs-ai-use-case-inventory.xlsx);
    # without one, the 2025 form's headers mean the 2025 inventory.
    m = re.search(r"(?<!\d)(20[2-9]\d)(?!\d)", path.name)
    return m[1] if m else "2025"


def _dataset(sheet: Sheet, rows: list[dict], path: Path) -> tuple[str, str]:
    """Replacement key and key scope: one per OMB file kind; per agency and year for agency spreadsheets."""
    if sheet.file_type in SCOPES:
        scope = SCOPES[sheet.file_type]
        return f"{NAME}:{scope}", scope
    year = _name_year(path)
    agencies = {r["agency"] for r in rows if r["agency"]}
    if len(agencies) == 1:
        agency = agencies.pop()
        for r in rows:
            r["agency"] = r["agency"] or agency
            r["agency_name"] = r["agency_name"] or tx.agency_display_name(agency)
        return f"{NAME}:agency:{year}:{agency}", f"{year}-agency"
    return f"{NAME}:agency:{year}:file:{path.name}", f"{year}-agency-{tx.slug(path.stem, 40)}"


def _assign_keys(rows: list[dict], scope: str) -> None:
    """use_case_key = scope:agency:id, plus :name-slug when the id is blank or repeated, plus #n if still repeated."""
    def who(r: dict) -> str:
        return r["agency"] or tx.slug(r["agency_name"]) or "-"

    ids = Counter((who(r), r["use_case_id"]) for r in rows)
    for r in rows:
        key = f"{scope}:{who(r)}:{r['use_case_id'] or '-'}"
        if not r["use_case_id"] or ids[(who(r), r["use_case_id"])] > 1:
            key += f":{tx.slug(r['name']) or '-'}"
        r["use_case_key"] = key
    counts, seen = Counter(r["use_case_key"] for r in rows), Counter()
    for r in rows:
        key = r["use_case_key"]
        if counts[key] > 1:
            seen[key] += 1
            r["use_case_key"] = f"{key}#{seen[key]}"

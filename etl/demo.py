"""The SYNTHETIC demo behind `moneytrail up --demo`: fictional records in the real file formats, built by the real loaders.

write_demo() writes FEC bulk zips and a Form 13 filing (etl/demo_fec.py), USAspending API responses and an
AI use case inventory (etl/demo_gov.py), and a registry folder naming the fictional organizations.
build_demo() builds a warehouse from them with etl.build.build (same loaders, same atomic swap) and marks
it synthetic in warehouse_info, so the explorer shows a banner on every page. Every person, company,
committee, agency and award in it is made up; a fixed seed makes the files byte-identical on every run.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import duckdb
from rich.console import Console

from etl import db, warehouse
from etl.build import build
from etl.demo_fec import SEED, write_fec
from etl.demo_gov import write_inventory, write_usaspending
from etl.net.files import LoadError
from etl.net.progress import ProgressFactory, no_progress

MARKER = "SYNTHETIC_DEMO.md"
SOURCE = "synthetic demo (etl/demo.py): a fictional fact, not from any public record"
NOTE = ("SYNTHETIC DEMO DATA written by etl/demo.py: every person, company, committee, agency and award is "
        "fictional. No record links to a real site: where a real record has its source page, a demo record says "
        "'SYNTHETIC demo record: no source page'.")
# What every link column holds in the demo (record_link, etl/model/macros.sql): its IDs are made up, so an
# address on fec.gov or usaspending.gov built from them would lead to nothing or to someone else's record.
SYNTHETIC_LINK = "SYNTHETIC demo record: no source page"

# file -> rows (the header is etl/entities.py FILES); every row ends with the source note.
REGISTRY = {
    "organizations.csv": ("org_id,name,peer_set,scope", [
        ("examplar", "Examplar AI Inc (SYNTHETIC)", "ai", "Examplar AI Inc and its PAC (fictional)"),
        ("fictitia", "Fictitia Labs (SYNTHETIC)", "ai", "Fictitia Labs LLC and its PAC (fictional)"),
        ("imaginary", "Imaginary Intelligence Corp (SYNTHETIC)", "ai", "Imaginary Intelligence Corp (fictional)"),
        ("hypothetica", "Hypothetica Inc (SYNTHETIC)", "ai", "Hypothetica Inc (fictional)")]),
    "employer_rules.csv": ("org_id,rule,value", [
        ("examplar", "exact", "EXAMPLAR AI"), ("examplar", "pattern", "^EXAMPLAR( |$)"),
        ("examplar", "exclude", "^EXAMPLAR PLUMBING"),
        ("fictitia", "exact", "FICTITIA LABS"), ("fictitia", "pattern", "^FICTITIA( |$)"),
        ("imaginary", "exact", "IMAGINARY INTELLIGENCE"), ("imaginary", "pattern", "^IMAGINARY INTELLIGENCE( |$)"),
        ("hypothetica", "exact", "HYPOTHETICA"), ("hypothetica", "pattern", "^HYPOTHETICA( |$)")]),
    "people.csv": ("person_id,org_id,role,name_forms,city,state,relation", [
        ("alice_testperson", "examplar", "executive", "TESTPERSON, ALICE", "EXAMPLEVILLE", "CA", "CEO (fictional)"),
        ("bob_testperson", "examplar", "household", "TESTPERSON, BOB;TESTPERSON, ROBERT", "EXAMPLEVILLE", "CA",
         "spouse of alice_testperson"),
        ("dave_fictionalson", "fictitia", "executive", "FICTIONALSON, DAVE", "", "", "CTO (fictional); no home place, "
         "so only rows whose employer resolves to Fictitia are his")]),
    "committees.csv": ("org_id,cmte_id,role,name", [
        ("examplar", "C99900101", "pac", "EXAMPLAR AI PAC (SYNTHETIC)"),
        ("fictitia", "C99900102", "pac", "FICTITIA LABS PAC (SYNTHETIC)")]),
    "contract_recipients.csv": ("org_id,recipient_name,uei,relation,description_pattern", [
        ("examplar", "EXAMPLAR AI INC (SYNTHETIC)", "DEMOUEI00001", "self", ""),
        ("fictitia", "FICTITIA LABS LLC (SYNTHETIC)", "", "self", ""),
        ("imaginary", "IMAGINARY INTELLIGENCE CORP (SYNTHETIC)", "", "self", ""),
        ("imaginary", "PRETEND RESELLER LLC (SYNTHETIC)", "", "reseller", "IMAGINE-1")]),
    "overrides.csv": ("kind,value,target,note", [
        ("employer", "EXAMPLAR AI SAFETY INSTITUTE", "", "not Examplar AI: an unrelated fictional nonprofit")]),
    "products.csv": ("org_id,term", [
        ("examplar", "Examplar"), ("examplar", "ExamplarChat"), ("fictitia", "Fictitia"),
        ("imaginary", "Imaginary Intelligence"), ("imaginary", "IMAGINE-1"), ("hypothetica", "Hypothetica")]),
}


def write_registry(folder: Path) -> dict[str, int]:
    """The registry CSVs for the fictional organizations (same files and columns as etl/registry/)."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, (header, rows) in REGISTRY.items():
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow([*header.split(","), "source"])
        w.writerows([*row, SOURCE] for row in rows)
        (folder / name).write_text(out.getvalue(), encoding="utf-8")
        counts[f"registry/{name}"] = len(rows)
    return counts


README = f"""# SYNTHETIC DEMO DATA

Written by `etl/demo.py` (seed {SEED}) for `moneytrail up --demo`. Every person, company, committee,
agency and award in these files is fictional; the files only have the shapes of the real public
records (FEC bulk zips and a Form 13 filing, USAspending API responses, OMB's 2025 AI use case
inventory) so that moneytrail's real loaders read them. Do not cite anything here.

- `records/`: the files the warehouse is built from.
- `registry/`: who is who among the fictional organizations (same format as etl/registry/).
"""


def write_demo(folder: Path) -> dict[str, int]:
    """Write the SYNTHETIC demo records (folder/records) and registry (folder/registry); returns records per file.

    The counts are data lines per FEC bulk file, Schedule 13-A lines of the filing, results per API
    response, use cases in the inventory and rows per registry file, keyed by path under folder.
    A folder that holds anything but an earlier demo is refused, never emptied.
    """
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()) and not (folder / MARKER).exists():
        raise LoadError(f"{folder}: not empty and not a moneytrail demo folder; give an empty or new folder")
    for sub in ("records", "registry"):
        shutil.rmtree(folder / sub, ignore_errors=True)  # files of an older demo version must not be loaded
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(README, encoding="utf-8")
    records = folder / "records"
    counts = {f"records/fec/{k}": v for k, v in write_fec(records / "fec").items()}
    counts |= {f"records/contracts/{k}": v for k, v in write_usaspending(records / "contracts").items()}
    counts |= {f"records/ai_inventory/{k}": v for k, v in write_inventory(records / "ai_inventory").items()}
    return counts | write_registry(folder / "registry")


def mark_synthetic(con: duckdb.DuckDBPyConnection) -> None:
    """Record in warehouse_info that this warehouse is the synthetic demo (before it is swapped into place)."""
    con.execute("INSERT OR REPLACE INTO warehouse_info VALUES ('synthetic', 'true'), ('note', $note), ('generator', $gen)",
                {"note": NOTE, "gen": f"etl/demo.py, seed {SEED}"})


def demo_schema(con: duckdb.DuckDBPyConnection) -> None:
    """The warehouse schema with every record link (record_link) defined as the SYNTHETIC marker, before any table uses it."""
    con.execute(f"CREATE MACRO record_link(url) AS CASE WHEN url IS NOT NULL THEN '{SYNTHETIC_LINK}' END")
    warehouse.apply_schema(con)


def demo_folder(target: Path) -> Path:
    """Where build_demo writes the demo's files by default: beside the warehouse (data/moneytrail-demo.duckdb:
    data/moneytrail-demo-files/), where a reader can open them."""
    return target.with_name(target.stem.removesuffix("-demo") + "-demo-files")


def build_demo(target: Path, console: Console | None = None, folder: Path | None = None,
               bars: ProgressFactory = no_progress) -> list[db.LoadResult]:
    """Write the demo files (into folder, default demo_folder(target)) and build the SYNTHETIC warehouse at target.

    The build is etl.build.build with the demo registry; the warehouse is marked synthetic before the
    atomic swap, so a reader never sees it unmarked, and a failed build leaves target as it was.
    """
    target = Path(target)
    folder = Path(folder) if folder else demo_folder(target)
    write_demo(folder)
    return build(folder / "records", target, console=console, registry_dir=folder / "registry",
                 after_load=mark_synthetic, bars=bars, schema=demo_schema)


def is_synthetic(path: Path) -> bool:
    """True when the warehouse at path is the synthetic demo (warehouse_info.synthetic = 'true')."""
    if not Path(path).exists():
        return False
    con = duckdb.connect(str(path), read_only=True)
    try:
        if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'warehouse_info'").fetchall()[0][0]:
            return False
        return con.execute("SELECT count(*) FROM warehouse_info WHERE key = 'synthetic' AND value = 'true'").fetchall()[0][0] > 0
    finally:
        con.close()

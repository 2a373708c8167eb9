"""SAM.gov Contract Awards API pages -> award_transaction_records (every action) and award_records (award snapshots).

One record of `awardSummary` is one contract action: the base award (modificationNumber "0") or a
modification with its reasonForModification. Each becomes a transaction, its actionObligation kept
signed (de-obligations and terminations stay negative). The award-level totals (totalContractDollars)
repeat on every record and are never summed: each award's snapshot is taken from its latest action in
the file. Keys (contracts.md §8 trap 8: never the PIID alone):

* contracts and IDVs get USAspending's own keys (CONT_AWD_<PIID>_<agency>_<IDV PIID>_<IDV agency>,
  CONT_IDV_<PIID>_<agency>, CONT_TX_...), so an award loaded from both sources is one award whose newest
  retrieval wins, never two;
* Other Transaction agreements, IDVs and orders, which USAspending does not carry, get FPDS_OT_<PIID>
  (plus _<IDV PIID> for an order) with award_category other_transaction (other_transaction_idv for IDVs).
"""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from etl import db
from etl.net.files import LoadError
from etl.net.meta import MetaError, read_meta, retrieved_at
from etl.net.progress import Progress
from etl.sources.base import Recognised

NAME = "fpds"
KIND = "sam_json"
TX_COLUMNS = ("transaction_key", "award_key", "award_key_kind", "piid", "modification_number", "action_date",
              "action_type", "action_type_description", "federal_action_obligation",
              "base_and_exercised_options_value", "base_and_all_options_value", "description", "extra")
AWARD_COLUMNS = ("award_key", "award_key_kind", "piid", "parent_piid", "award_category", "award_type",
                 "award_type_code", "recipient_name", "recipient_uei", "recipient_parent_name", "recipient_parent_uei",
                 "awarding_agency", "awarding_sub_agency", "awarding_office", "funding_agency", "funding_sub_agency",
                 "obligated", "current_value", "potential_value", "start_date", "end_date", "potential_end_date",
                 "last_modified_date", "description", "naics", "naics_description", "psc", "psc_description", "extra")
MONEY = {"federal_action_obligation", "base_and_exercised_options_value", "base_and_all_options_value", "obligated",
         "current_value", "potential_value"}
DATES = {"action_date", "start_date", "end_date", "potential_end_date", "last_modified_date"}
# Fields kept in `extra` by their published path: the OT facts and the award totals (not to be summed).
EXTRA = ("contractId.transactionNumber", "awardDetails.totalContractDollars", "awardDetails.dollars",
         "awardDetails.competitionInformation.typeOfAgreement",
         "awardDetails.competitionInformation.nonTraditionalGovernmentEntityParticipation",
         "awardDetails.competitionInformation.numberOfOffersReceived", "awardDetails.awardeeData.consortia",
         "awardDetails.transactionData.status")


def recognise(path: Path) -> Recognised | None:
    """A saved Contract Awards page: JSON whose top-level object holds `awardSummary`."""
    if path.suffix.lower() != ".json" or path.name.lower().endswith(".meta.json"):
        return None
    with open(path, "rb") as f:
        head = f.read(4096).decode("utf-8", errors="replace")
    return Recognised(path, KIND, 12) if head.lstrip().startswith("{") and '"awardSummary"' in head else None


def g(rec: Any, dotted: str) -> Any:
    """The value at a dotted path of a record (None when any step is missing)."""
    for part in dotted.split("."):
        if not isinstance(rec, dict):
            return None
        rec = rec.get(part)
    return rec


def _text(v: Any) -> str | None:
    return str(v).strip() or None if v is not None and not isinstance(v, (dict, list)) else None


def _pk(piid: str | None) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", piid or "").upper()


def keys(rec: dict) -> tuple[str, str, str, str]:
    """(award_key, award_key_kind, award_category, transaction_key) of one action."""
    piid, sub = _text(g(rec, "contractId.piid")), _text(g(rec, "contractId.subtier.code"))
    ref, ref_sub = _text(g(rec, "contractId.referencedIDVPiid")), _text(g(rec, "contractId.referencedIDVSubtier.code"))
    mod = _text(g(rec, "contractId.modificationNumber")) or "0"
    txn = _text(g(rec, "contractId.transactionNumber")) or "0"
    is_idv = (_text(g(rec, "coreData.awardOrIDV")) or "").upper() == "IDV"
    if (_text(g(rec, "coreData.awardOrIDVType.name")) or "").upper().startswith("OTHER TRANSACTION") or not sub:
        key = f"FPDS_OT_{_pk(piid)}" + (f"_{_pk(ref)}" if ref else "")
        category = "other_transaction_idv" if is_idv else "other_transaction"
        return key, "fpds", category, f"{key}_TX_{mod}_{txn}"
    if is_idv:
        return f"CONT_IDV_{piid}_{sub}", "usaspending", "idv", f"CONT_TX_{sub}_-NONE-_{piid}_{mod}_-NONE-_{txn}"
    key = f"CONT_AWD_{piid}_{sub}_{ref or '-NONE-'}_{ref_sub or '-NONE-'}"
    return key, "usaspending", "contract", f"CONT_TX_{sub}_{ref_sub or '-NONE-'}_{piid}_{mod}_{ref or '-NONE-'}_{txn}"


def _row(rec: dict, synthetic: str | None) -> tuple[dict, dict]:
    """The transaction and award fields of one action, as published (text)."""
    award_key, kind, category, tx_key = keys(rec)
    naics = g(rec, "coreData.productOrServiceInformation.principalNaics")
    naics = naics[0] if isinstance(naics, list) and naics else {}
    extra = {p: v for p in EXTRA if (v := g(rec, p)) not in (None, "", {}, [])}
    if synthetic:
        extra["_synthetic"] = synthetic
    extra_json = json.dumps(extra, ensure_ascii=False) if extra else None
    desc = g(rec, "awardDetails.productOrServiceInformation.descriptionOfContractRequirement")
    piid = _text(g(rec, "contractId.piid"))
    org = "coreData.federalOrganization."
    tx = {"transaction_key": tx_key, "award_key": award_key, "award_key_kind": kind, "piid": piid,
          "modification_number": _text(g(rec, "contractId.modificationNumber")),
          "action_date": g(rec, "awardDetails.dates.dateSigned"),
          "action_type": _text(g(rec, "contractId.reasonForModification.code")),
          "action_type_description": _text(g(rec, "contractId.reasonForModification.name")),
          "federal_action_obligation": g(rec, "awardDetails.dollars.actionObligation"),
          "base_and_exercised_options_value": g(rec, "awardDetails.dollars.baseAndExercisedOptionsValue"),
          "base_and_all_options_value": g(rec, "awardDetails.dollars.baseAndAllOptionsValue"),
          "description": _text(desc), "extra": extra_json}
    award = {"award_key": award_key, "award_key_kind": kind, "piid": piid,
             "parent_piid": _text(g(rec, "contractId.referencedIDVPiid")), "award_category": category,
             "award_type": (_text(g(rec, "coreData.awardOrIDVType.name")) or "").upper() or None,
             "award_type_code": _text(g(rec, "coreData.awardOrIDVType.code")),
             "recipient_name": _text(g(rec, "awardDetails.awardeeData.awardeeHeader.legalBusinessName"))
             or _text(g(rec, "awardDetails.awardeeData.awardeeHeader.awardeeName")),
             "recipient_uei": _text(g(rec, "awardDetails.awardeeData.awardeeUEIInformation.uniqueEntityId")),
             "recipient_parent_name": _text(g(rec, "awardDetails.awardeeData.awardeeUEIInformation.awardeeUltimateParentName")),
             "recipient_parent_uei": _text(g(rec, "awardDetails.awardeeData.awardeeUEIInformation."
                                                  "awardeeUltimateParentUniqueEntityId")),
             "awarding_agency": _text(g(rec, org + "contractingInformation.contractingDepartment.name")),
             "awarding_sub_agency": _text(g(rec, org + "contractingInformation.contractingSubtier.name")),
             "awarding_office": _text(g(rec, org + "contractingInformation.contractingOffice.name")),
             "funding_agency": _text(g(rec, org + "fundingInformation.fundingDepartment.name")),
             "funding_sub_agency": _text(g(rec, org + "fundingInformation.fundingSubtier.name")),
             "obligated": g(rec, "awardDetails.totalContractDollars.totalActionObligation"),
             "current_value": g(rec, "awardDetails.totalContractDollars.totalBaseAndExercisedOptionsValue"),
             "potential_value": g(rec, "awardDetails.totalContractDollars.totalBaseAndAllOptionsValue"),
             "start_date": g(rec, "awardDetails.dates.periodOfPerformanceStartDate"),
             "end_date": g(rec, "awardDetails.dates.currentCompletionDate"),
             "potential_end_date": g(rec, "awardDetails.dates.ultimateCompletionDate"),
             "last_modified_date": g(rec, "awardDetails.transactionData.lastModifiedDate"),
             "description": _text(desc), "naics": _text(naics.get("code")), "naics_description": _text(naics.get("name")),
             "psc": _text(g(rec, "coreData.productOrServiceInformation.productOrService.code")),
             "psc_description": _text(g(rec, "coreData.productOrServiceInformation.productOrService.name")),
             "extra": extra_json}
    return tx, award


def _typed(row: dict) -> dict:
    """Amounts to Decimal and dates to date (mixed formats: '2025-02-20T00:00:00Z', '2025-02-20 00:00:00.000');
    ValueError naming the field when one does not parse."""
    out = dict(row)
    for k in MONEY & row.keys():
        v = _text(row[k])
        try:
            out[k] = Decimal(v) if v is not None else None
        except InvalidOperation:
            raise ValueError(f"bad {k}: {v}") from None
    for k in DATES & row.keys():
        v = _text(row[k])
        try:
            out[k] = date.fromisoformat(v[:10]) if v is not None else None
        except ValueError:
            raise ValueError(f"bad {k}: {v}") from None
    return out


def load(con: duckdb.DuckDBPyConnection, path: Path, progress: Progress | None = None) -> db.LoadResult:
    """Load one saved page; a newer file with the same dataset replaces the older one's rows."""
    t0 = time.perf_counter()
    when, basis, meta = _retrieval(path)
    dataset = f"fpds:{meta['query_key']}/{path.name}" if meta.get("query_key") else f"fpds:{path.name}"
    try:
        data = json.loads(path.read_bytes())
    except ValueError as exc:
        raise LoadError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("awardSummary", []), list):
        raise LoadError(f"{path}: not a SAM.gov Contract Awards page (no awardSummary list)")
    synthetic = _text(data.get("_synthetic"))
    txs, awards, rejected = [], [], []
    for no, rec in enumerate(data.get("awardSummary") or [], start=1):
        try:
            if not isinstance(rec, dict) or not _text(g(rec, "contractId.piid")):
                raise ValueError("no contractId.piid")
            tx, award = _row(rec, synthetic)
            txs.append({**_typed(tx), "_no": no})
            awards.append({**_typed(award), "_no": no, "_when": txs[-1]["action_date"], "_mod": tx["modification_number"]})
        except ValueError as exc:
            rejected.append((no, json.dumps(rec, ensure_ascii=False)[:2000], str(exc)))

    def write(ld: db.Loading) -> db.Counts:
        params = {"load_id": ld.load_id, "dataset": dataset, "file": path.name, "when": when, "basis": basis}
        for table in ("award_records", "award_transaction_records"):
            con.execute(f"DELETE FROM {table} WHERE dataset = $d", {"d": dataset})
        ld.stage("fpds_tx", _arrow(txs, TX_COLUMNS))
        ld.stage("fpds_awards", _arrow(awards, AWARD_COLUMNS, ("_when", "_mod")))
        loaded = con.execute(INSERT_TX, params).fetchall()[0][0]
        snapshots = con.execute(INSERT_AWARDS, params).fetchall()[0][0]
        ld.reject(rejected)
        note = f"also {snapshots:,} award snapshot(s) from the latest action of each award in the page"
        return db.Counts(len(txs) + len(rejected), int(loaded), len(rejected), note + (" (SYNTHETIC)" if synthetic else ""))

    return db.load_file(con, db.FileLoad(NAME, KIND, dataset, path), write, started=t0)


def _retrieval(path: Path) -> tuple[datetime, str, dict]:
    """When the page was fetched: from <file>.meta.json written by `moneytrail fetch fpds`, else its mtime."""
    try:
        meta = read_meta(path, strict=True)
    except MetaError as exc:
        raise LoadError(f"{exc}; delete it or fetch the file again") from exc
    if meta and (when := retrieved_at(meta)) is not None:
        return when, "fetch", meta
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None), "file_mtime", meta


def _arrow(rows: list[dict], columns: tuple[str, ...], more: tuple[str, ...] = ()) -> pa.Table:
    types = {**{c: pa.string() for c in columns}, **{c: pa.decimal128(18, 2) for c in MONEY},
             **{c: pa.date32() for c in DATES}, "_no": pa.int64(), "_when": pa.date32(), "_mod": pa.string()}
    names = (*columns, "_no", *more)
    return pa.table({c: pa.array([r.get(c) for r in rows], type=types[c]) for c in names})


INSERT_TX = """
INSERT INTO award_transaction_records
SELECT transaction_key, award_key, award_key_kind, piid, modification_number, action_date, upper(action_type),
       upper(action_type_description), federal_action_obligation, base_and_exercised_options_value,
       base_and_all_options_value, description, 'fpds', 'sam_json', $when, $basis, $dataset, $load_id, $file, _no,
       extra::JSON
FROM fpds_tx
"""

# The latest action of each award in the page carries its current totals (they repeat on every action).
INSERT_AWARDS = """
INSERT INTO award_records
SELECT award_key, award_key_kind, piid, parent_piid, award_category, award_type, upper(award_type_code),
       recipient_name, recipient_uei, recipient_parent_name, recipient_parent_uei, awarding_agency,
       awarding_sub_agency, awarding_office, funding_agency, funding_sub_agency, obligated, current_value,
       potential_value, NULL, start_date, end_date, potential_end_date, last_modified_date, description, naics,
       naics_description, psc, psc_description, 'fpds', 'sam_json', $when, $basis, $dataset, $load_id, $file, _no,
       extra::JSON
FROM fpds_awards
QUALIFY row_number() OVER (PARTITION BY award_key ORDER BY _when DESC NULLS LAST,
                           lpad(coalesce(_mod, ''), 12, '0') DESC, _no DESC) = 1
"""

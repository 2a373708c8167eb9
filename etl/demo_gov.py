"""The demo's government side: SYNTHETIC USAspending API responses and a 2025-format AI use case inventory.

Fictional agencies ("Department of Examples", "Fictional Example Administration"), recipients marked
(SYNTHETIC), PIIDs DEMO..., UEIs DEMOUEI..., use case IDs DOX-/FXA-. The shapes are those of the real
API responses (spending_by_award, award detail, transactions; see shared/data/contracts/api_fixtures)
and of OMB's 2025 individually reported use case file, so the real loaders read them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

AGENCY = {"toptier_agency": {"name": "Department of Examples", "code": "999", "abbreviation": "DOX",
                             "slug": "department-of-examples"},
          "subtier_agency": {"name": "Office of Illustrations (SYNTHETIC)", "code": "9990", "abbreviation": "OIX"},
          "office_agency_name": "EXAMPLE CONTRACTING OFFICE (SYNTHETIC)"}
NOTE = "SYNTHETIC demo file written by etl/demo.py: not a real USAspending response"


def _key(piid: str, parent: str = "-NONE-") -> str:
    return f"CONT_AWD_{piid}_9990_{parent}_{'9990' if parent != '-NONE-' else '-NONE-'}"


# piid, parent IDV, recipient, UEI, obligated (Award Amount), type, start, end, description
SEARCH = [
    ("DEMO25C0001", "-NONE-", "EXAMPLAR AI INC (SYNTHETIC)", "DEMOUEI00001", 1250000.0, "DEFINITIVE CONTRACT",
     "2025-02-03", "2026-02-02", "EXAMPLARCHAT PILOT FOR EXAMPLE CASEWORK (SYNTHETIC)"),
    ("DEMO25C0002", "-NONE-", "FICTITIA LABS LLC (SYNTHETIC)", "DEMOUEI00002", 480000.0, "PURCHASE ORDER",
     "2025-04-01", "2025-12-31", "TRANSLATION MODEL EVALUATION (SYNTHETIC)"),
    ("DEMO25F0003", "DEMO20A0001", "PRETEND RESELLER LLC (SYNTHETIC)", "DEMOUEI00009", 90000.0, "DELIVERY ORDER",
     "2025-05-15", "2026-05-14", "IMAGINE-1 MODEL LICENSES, RESOLD (SYNTHETIC)"),
    ("DEMO25F0004", "DEMO20A0001", "PRETEND RESELLER LLC (SYNTHETIC)", "DEMOUEI00009", 12000.0, "DELIVERY ORDER",
     "2025-06-01", "2025-06-30", "OFFICE CHAIRS (SYNTHETIC)"),
    # an older snapshot of the award in award_detail_DEMO24C0005.json, retrieved before its de-obligation
    ("DEMO24C0005", "-NONE-", "IMAGINARY INTELLIGENCE CORP (SYNTHETIC)", "DEMOUEI00003", 2700000.0,
     "DEFINITIVE CONTRACT", "2024-03-01", "2027-02-28", "IMAGE TRIAGE MODEL FOR EXAMPLE INSPECTIONS (SYNTHETIC)"),
]
# modification, action date, obligation (the last one a de-obligation), action type
TRANSACTIONS = [("0", "2024-03-01", 1500000.0, "NEW", ""), ("P00001", "2025-01-15", 1200000.0, "FUNDING ONLY ACTION", "C"),
                ("P00002", "2026-03-10", -300000.0, "CHANGE ORDER: DE-OBLIGATION", "B")]


def _location(city: str, state: str, zip5: str) -> dict:
    return {"location_country_code": "USA", "country_name": "UNITED STATES", "state_code": state, "city_name": city,
            "address_line1": "1 EXAMPLE WAY", "zip5": zip5}


def _search_result(i: int, row: tuple) -> dict:
    piid, parent, recipient, uei, amount, kind, start, end, description = row
    return {"internal_id": 999000 + i, "Award ID": piid, "Recipient Name": recipient, "Award Amount": amount,
            "Total Outlays": None, "Description": description, "Contract Award Type": kind, "Recipient UEI": uei,
            "Recipient Location": _location("SAMPLE CITY", "NY", "00002"), "Awarding Agency": "Department of Examples",
            "Awarding Sub Agency": "Office of Illustrations (SYNTHETIC)", "Funding Agency": "Department of Examples",
            "Start Date": start, "End Date": end, "Last Modified Date": "2025-12-31",
            "NAICS": {"code": "541715", "description": "RESEARCH AND DEVELOPMENT (SYNTHETIC EXAMPLE)"},
            "PSC": {"code": "DA01", "description": "IT AND TELECOM - BUSINESS APPLICATION (SYNTHETIC EXAMPLE)"},
            "generated_internal_id": _key(piid, parent)}


def _award_detail() -> dict:
    piid = "DEMO24C0005"
    recipient = {"recipient_name": "IMAGINARY INTELLIGENCE CORP (SYNTHETIC)", "recipient_uei": "DEMOUEI00003",
                 "parent_recipient_name": "IMAGINARY INTELLIGENCE CORP (SYNTHETIC)", "parent_recipient_uei": "DEMOUEI00003",
                 "location": _location("DEMOTOWN", "WA", "00004")}
    return {"id": 999100, "generated_unique_award_id": _key(piid), "piid": piid, "category": "contract", "type": "D",
            "type_description": "DEFINITIVE CONTRACT", "description": SEARCH[4][8],
            "total_obligation": sum(t[2] for t in TRANSACTIONS), "base_exercised_options": 3000000.0,
            "base_and_all_options": 6000000.0, "date_signed": "2024-03-01", "parent_award": None,
            "latest_transaction_contract_data": {"naics": "541715",
                                                 "naics_description": "RESEARCH AND DEVELOPMENT (SYNTHETIC EXAMPLE)",
                                                 "product_or_service_code": "DA01",
                                                 "product_or_service_description": "IT AND TELECOM (SYNTHETIC EXAMPLE)"},
            "funding_agency": AGENCY, "awarding_agency": AGENCY,
            "period_of_performance": {"start_date": "2024-03-01", "end_date": "2027-02-28", "last_modified_date": "2026-03-10",
                                      "potential_end_date": "2029-02-28 00:00:00"},
            "recipient": recipient, "total_outlay": 1900000.0, "note": NOTE}


def _transactions() -> dict:
    results = [{"id": f"CONT_TX_9990_-NONE-_DEMO24C0005_{mod}_-NONE-_0", "type": "D", "type_description": "DEFINITIVE CONTRACT",
                "action_date": day, "action_type": code or None, "action_type_description": kind, "modification_number": mod,
                "description": SEARCH[4][8], "federal_action_obligation": amount}
               for mod, day, amount, kind, code in reversed(TRANSACTIONS)]  # newest first, as the API returns them
    return {"page_metadata": {"page": 1, "next": None, "previous": None, "hasNext": False, "hasPrevious": False},
            "results": results}


def _write_json(path: Path, doc: dict, retrieved_at: str, url: str, **meta: str) -> None:
    """The response and the <file>.meta.json that `moneytrail fetch` keeps beside it (fixed retrieval time)."""
    path.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    # No real address: the file was never fetched, and load_log.fetched_from shows this text (a demo links nowhere real).
    record = {"retrieved_at": retrieved_at, "url": f"not fetched: {NOTE}, in the shape of USAspending's {url} response",
              **meta}
    path.with_name(path.name + ".meta.json").write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def write_usaspending(folder: Path) -> dict[str, int]:
    """A spending_by_award page, one award detail and its transactions (with a de-obligation); records per file."""
    folder.mkdir(parents=True, exist_ok=True)
    api = "/api/v2"
    search = {"spending_level": "awards", "limit": len(SEARCH), "results": [_search_result(i, r) for i, r in enumerate(SEARCH)],
              "page_metadata": {"page": 1, "hasNext": False}, "messages": [NOTE]}
    _write_json(folder / "spending_by_award_SYNTHETIC_contracts.json", search, "2026-01-05T12:00:00+00:00",
                f"{api}/search/spending_by_award/")
    _write_json(folder / "award_detail_DEMO24C0005.json", _award_detail(), "2026-06-01T08:30:00+00:00",
                f"{api}/awards/{_key('DEMO24C0005')}/")
    _write_json(folder / "transactions_DEMO24C0005.json", _transactions(), "2026-06-01T08:31:00+00:00",
                f"{api}/transactions/", award_id=_key("DEMO24C0005"))
    return {"spending_by_award_SYNTHETIC_contracts.json": len(SEARCH), "award_detail_DEMO24C0005.json": 1,
            "transactions_DEMO24C0005.json": len(TRANSACTIONS)}


INVENTORY_HEADER = ("agency,agency_name,id,use_case_name,agency_bureau,contact_email,is_withheld,development_stage,"
                    "is_high_impact,HI_justification,topic_area,classification,problem_solved,benefits,system_outputs,"
                    "operational_date,contracting_usage,vendor_name,have_ato,system_name_ato,data_description,link_to_data,"
                    "has_pii,pia_url,demographic_features,has_custom_code,code_url,hi_testing_conducted,"
                    "hi_assessment_completed,hi_potential_impacts,hi_independent_review,hi_ongoing_monitoring,"
                    "hi_training_established,hi_failsafe_presence,hi_appeal_process,hi_public_consultation").split(",")
DOX, FXA = ("DOX", "Department of Examples"), ("FXA", "Fictional Example Administration")
# agency, id, name, bureau, withheld, stage, impact, classification, problem, vendor, usage, data description, date
USE_CASES = [
    (DOX, "DOX-0001", "Example Benefits Chatbot (SYNTHETIC)", "Office of Illustrations", "No", "Deployed", "High-impact",
     "Generative AI", "Answers questions about example benefits.", "Examplar AI Inc (SYNTHETIC)", "Vendor Purchased",
     "Synthetic questions; runs on the ExamplarChat model.", "03/2025"),
    (DOX, "DOX-0002", "Example Casework Summarizer (SYNTHETIC)", "Office of Illustrations", "No", "Pilot", "Not High-impact",
     "Generative AI", "Summarizes example case files.", "Pretend Reseller LLC (SYNTHETIC)", "Vendor Purchased",
     "Fine-tuned IMAGINE-1 model on synthetic case notes.", "2025-06-01"),
    (DOX, "DOX-0003", "Example Grant Screener (SYNTHETIC)", "Office of Samples", "Yes - Disclosure Risk", "Pre-deployment",
     "Presumed High-Impact, but Not High-impact", "Classical ML", "Flags example grant applications for a second look.",
     "", "In-house Development", "", ""),
    (DOX, "DOX-0004", "Example Translation Helper (SYNTHETIC)", "Office of Samples", "No", "Deployed", "Not High-impact", "NLP",
     "Translates example letters into two fictional languages.", "Fictitia Labs (SYNTHETIC)", "Contracting and In House",
     "", "2024-11-05"),
    (DOX, "DOX-0005", "Example Workload Forecaster (SYNTHETIC)", "Office of Samples", "No", "Retired", "", "Classical ML",
     "Forecasted example workloads.", "", "In-house Development", "", "2021"),
    (DOX, "DOX-0006", "Example Meeting Scheduler Agent (SYNTHETIC)", "Office of Illustrations", "No", "Pilot", "Not High-impact",
     "Agentic AI", "Books example meetings.\nAsks a person before sending invitations.", "Examplar AI Inc (SYNTHETIC)",
     "Vendor Purchased", "", "01/2026"),
    (FXA, "FXA-0001", "Example Inspection Image Triage (SYNTHETIC)", "Bureau of Pretend Inspections", "No", "Deployed",
     "High-impact", "Computer Vision", "Sorts example inspection photos by urgency.", "Imaginary Intelligence Corp (SYNTHETIC)",
     "Vendor Purchased", "Synthetic photos of example equipment.", "2024-09-30"),
    (FXA, "FXA-0002", "Example Call Center Assistant (SYNTHETIC)", "Bureau of Pretend Inspections", "No", "Pilot",
     "Not High-impact", "NLP", "Drafts answers for example call center staff.", "Hypothetica Inc (SYNTHETIC)",
     "Vendor Purchased", "", "2025-08-15"),
    (FXA, "FXA-0003", "Example Code Helper (SYNTHETIC)", "Office of the Example CIO", "No", "Deployed", "Not High-impact",
     "Generative AI", "Suggests code for example internal tools.", "Examplar AI Inc (SYNTHETIC)", "Vendor Purchased",
     "", "2025-01-20"),
    (FXA, "FXA-0004", "Example Fraud Flagger (SYNTHETIC)", "Office of the Example CIO", "No", "Pre-deployment", "High-impact",
     "Classical ML", "Flags example payments for review.", "", "In-house Development", "Synthetic payment records.", ""),
    (FXA, "", "Example Records Sorter (SYNTHETIC)", "Office of the Example CIO", "", "", "", "Other",
     "Sorts example records; reported without an ID.", "", "", "", ""),
    (FXA, "FXA-0006", "Example Document Reader (SYNTHETIC)", "Bureau of Pretend Inspections", "No", "Deployed",
     "Not High-impact", "Computer Vision", "Reads example forms.", "Acme Example Analytics LLC (SYNTHETIC)",
     "Contracting and In House", "", "2023"),
]
INVENTORY_FILE = "2025_individually_reported_AI_use_cases_SYNTHETIC.csv"


def write_inventory(folder: Path) -> dict[str, int]:
    """The inventory CSV in OMB's 2025 form (UTF-8 with BOM, a multi-line value); records per file."""
    folder.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(INVENTORY_HEADER)
    for (abbr, agency), uid, name, bureau, withheld, stage, impact, kind, problem, vendor, usage, data, day in USE_CASES:
        row = dict.fromkeys(INVENTORY_HEADER, "")
        row.update(agency=abbr, agency_name=agency, id=uid, use_case_name=name, agency_bureau=bureau, is_withheld=withheld,
                   development_stage=stage, is_high_impact=impact, classification=kind, problem_solved=problem,
                   vendor_name=vendor, contracting_usage=usage, data_description=data, operational_date=day,
                   demographic_features="[]", hi_public_consultation="[]")
        w.writerow(row.values())
    (folder / INVENTORY_FILE).write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    return {INVENTORY_FILE: len(USE_CASES)}

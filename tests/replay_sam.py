"""SAM.gov Contract Awards API route for the replay server (tests/replay.py): GET /contract-awards/v1/search.

No real response is available here (no key), so EVERY ANSWER IS SYNTHETIC, built in the documented
response shape (GSA/open-gsa-redesign `_apidocs/contract-awards.md`, its Example 1 and 2 records: nesting,
field names, amounts and totalRecords/limit/offset as strings, mixed date formats, keys left out rather
than null, reasonForModification on modifications only) and marked `"_synthetic"` at the top level:

* Examplar AI Inc (SYNTHETIC), UEI DEMOUEI00001 (fictional), holds
  - DEMOOT2590001, a prototype OTHER TRANSACTION AGREEMENT from a fictional office DEMO01 of the Department of
    Examples (SYNTHETIC): base $1,000,000.00, P00001 FUNDING ONLY ACTION +$2,000,000.00, P00002 TERMINATE FOR
    CONVENIENCE (COMPLETE OR PARTIAL) -$500,000.00; ceiling $50,000,000.00; totals cumulative per action;
  - DEMOC2500002, a DEFINITIVE CONTRACT with 120 modifications of +$1,000.00 each (base $10,000.00), so a
    query pages: 124 actions in all.
* HQ08832590012 (the PIID announced as HQ0883-25-9-0012): ONE record BUILT FROM THE DoD ANNOUNCEMENT of
  2025-06-16 as quoted in secondary reports (OpenAI Public Sector LLC, prototype OT, $200,000,000 ceiling,
  $1,999,998 obligated), NOT an FPDS record: the signing date is the announcement's date, the award type
  string "OTHER TRANSACTION AGREEMENT" is assumed (the doc does not list OT type values), and no UEI is given.

Behaviour: `api_key` is required in the query (403 with the doc's messages otherwise); `limit` ≤ 100 and
offset × limit ≤ 400,000 (400 with the doc's messages); `offset` is a page index from 0; no match or a page
past the end is HTTP 204 with no body; unknown parameters are refused (400). Filters: `piid` (letters and
digits compared), `awardeeUniqueEntityId` (`~` for several), `awardeeLegalBusinessName` (contains,
case-insensitive). The doc documents no 429: the replay's injected 429 (tests/replay.py) is invented.
`redirect_to` makes every answer a 302 to another host carrying the query string.
"""

from __future__ import annotations

import re
from decimal import Decimal

from replay import Replay, Request, Response

SEARCH = "/contract-awards/v1/search"
KEY = "SYNTHETIC-sam-key-0123456789abcdef"
SYNTHETIC = "SYNTHETIC: a replay answer in the documented shape of the SAM.gov Contract Awards API, not a real record"
FROM_ANNOUNCEMENT = ("SYNTHETIC: built from the DoD announcement of 2025-06-16 as quoted in secondary reports "
                     "(research16), not an FPDS record")
EXAMPLAR, EXAMPLAR_UEI = "EXAMPLAR AI INC (SYNTHETIC)", "DEMOUEI00001"
OT_PIID, CONTRACT_PIID, OPENAI_PIID = "DEMOOT2590001", "DEMOC2500002", "HQ08832590012"
TERMINATION = {"code": "F", "name": "TERMINATE FOR CONVENIENCE (COMPLETE OR PARTIAL)"}
ALLOWED = {"api_key", "limit", "offset", "piid", "awardeeUniqueEntityId", "awardeeLegalBusinessName"}


def _cn(code: str, name: str) -> dict:
    return {"code": code, "name": name}


def action(piid: str, mod: str, signed: str, obligation: str, total: str, ceiling: str, *, type_name: str,
           type_code: str | None, recipient: str, uei: str | None, reason: dict | None = None,
           office: tuple[str, str] = ("DEMO01", "OFFICE OF EXAMPLES (SYNTHETIC)"),
           department: tuple[str, str] = ("9999", "DEPARTMENT OF EXAMPLES (SYNTHETIC)"),
           subtier: tuple[str, str] = ("9998", "EXAMPLE AGENCY (SYNTHETIC)"), description: str = "",
           agreement: str | None = None) -> dict:
    """One contract action in the documented record shape (Example 1 and 2 of the doc), fictional values."""
    contract_id = {"subtier": _cn(*subtier), "piid": piid, "modificationNumber": mod, "transactionNumber": "0"}
    if reason:
        contract_id["reasonForModification"] = reason
    award_type = {"name": type_name} | ({"code": type_code} if type_code else {})
    org = {"contractingDepartment": _cn(*department), "contractingSubtier": _cn(*subtier),
           "contractingOffice": _cn(*office)}
    header = {"awardeeName": recipient, "legalBusinessName": recipient, "awardeeNameFromContract": recipient}
    details = {
        "dates": {"dateSigned": f"{signed}T00:00:00Z", "periodOfPerformanceStartDate": f"{signed} 00:00:00.000",
                  "currentCompletionDate": "2026-07-31 00:00:00.000", "ultimateCompletionDate": "2026-07-31 00:00:00.000",
                  "fiscalYear": str(int(signed[:4]) + (signed[5:7] >= "10"))},
        "dollars": {"actionObligation": obligation, "baseDollarsObligated": obligation,
                    "baseAndExercisedOptionsValue": "0", "baseAndAllOptionsValue": "0", "feePaidForUseOfService": "0"},
        "totalContractDollars": {"totalActionObligation": total, "totalBaseAndExercisedOptionsValue": total,
                                 "totalBaseAndAllOptionsValue": ceiling},
        "productOrServiceInformation": {"descriptionOfContractRequirement": description},
        "awardeeData": {"awardeeHeader": header,
                        "awardeeUEIInformation": {"uniqueEntityId": uei} if uei else {}},
        "transactionData": {"status": _cn("F", "FINAL"), "lastModifiedDate": f"{signed}T12:00:00Z"},
    }
    if agreement:
        details["competitionInformation"] = {"typeOfAgreement": {"name": agreement}}
    funding = {"fundingDepartment": _cn(*department), "fundingSubtier": _cn(*subtier)}
    product = {"type": "SERVICE", "code": "AJ11", "name": "R&D- GENERAL SCIENCE/TECHNOLOGY: BASIC RESEARCH"}
    return {"contractId": contract_id,
            "coreData": {"awardOrIDV": "AWARD", "awardOrIDVType": award_type,
                         "federalOrganization": {"contractingInformation": org, "fundingInformation": funding},
                         "productOrServiceInformation": {"productOrService": product}},
            "awardDetails": details}


def records() -> list[dict]:
    """Every synthetic action the replay holds, in the order it serves them."""
    ot = dict(type_name="OTHER TRANSACTION AGREEMENT", type_code=None, recipient=EXAMPLAR, uei=EXAMPLAR_UEI,
              description="PROTOTYPE EXAMPLE MODEL EVALUATION (SYNTHETIC)", agreement="PROTOTYPE")
    out = [action(OT_PIID, "0", "2025-01-15", "1000000.00", "1000000.00", "50000000.00", **ot),
           action(OT_PIID, "P00001", "2025-04-01", "2000000.00", "3000000.00", "50000000.00",
                  reason=_cn("C", "FUNDING ONLY ACTION"), **ot),
           action(OT_PIID, "P00002", "2025-09-30", "-500000.00", "2500000.00", "50000000.00", reason=TERMINATION, **ot)]
    c = dict(type_name="DEFINITIVE CONTRACT", type_code="D", recipient=EXAMPLAR, uei=EXAMPLAR_UEI,
             description="EXAMPLE DATA LABELLING SERVICES (SYNTHETIC)")
    out.append(action(CONTRACT_PIID, "0", "2024-10-01", "10000.00", "10000.00", "200000.00", **c))
    for i in range(1, 121):
        out.append(action(CONTRACT_PIID, f"P{i:05d}", "2024-11-01", "1000.00", f"{10000 + 1000 * i}.00", "200000.00",
                          reason=_cn("C", "FUNDING ONLY ACTION"), **c))
    out.append(action(OPENAI_PIID, "0", "2025-06-16", "1999998.00", "1999998.00", "200000000.00",
                      type_name="OTHER TRANSACTION AGREEMENT", type_code=None, recipient="OPENAI PUBLIC SECTOR LLC",
                      uei=None, office=("HQ0883", "CHIEF DIGITAL AND ARTIFICIAL INTELLIGENCE OFFICE"),
                      department=("9700", "DEPT OF DEFENSE"), subtier=("9700", "DEPT OF DEFENSE"),
                      description=f"{FROM_ANNOUNCEMENT}: prototype frontier AI capabilities", agreement="PROTOTYPE"))
    return out


def _key(piid: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", piid).upper()


class SamReplay:
    """The route, with its records and switches."""

    def __init__(self) -> None:
        self.records = records()
        self.redirect_to: str | None = None

    def matching(self, req: Request) -> list[dict]:
        """The records a request's filters select, in serving order."""
        out = self.records
        if (piid := req.arg("piid")) is not None:
            out = [r for r in out if _key(r["contractId"]["piid"]) == _key(piid)]
        if (ueis := req.arg("awardeeUniqueEntityId")) is not None:
            wanted = set(ueis.upper().split("~"))
            out = [r for r in out
                   if r["awardDetails"]["awardeeData"]["awardeeUEIInformation"].get("uniqueEntityId") in wanted]
        if (name := req.arg("awardeeLegalBusinessName")) is not None:
            out = [r for r in out if name.upper() in r["awardDetails"]["awardeeData"]["awardeeHeader"]["legalBusinessName"]]
        return out

    def search(self, req: Request) -> Response:
        """GET /contract-awards/v1/search"""
        if self.redirect_to:
            query = "&".join(f"{k}={v[0]}" for k, v in req.query.items())
            return Response(302, b"", {"Location": f"{self.redirect_to}{SEARCH}?{query}"})
        key = req.arg("api_key")
        if not key:
            return Response.of_json({"message": "No API Key was supplied. Please submit with a valid API key."}, 403)
        if key != KEY:
            return Response.of_json({"message": "An invalid API key was supplied. Please submit with a valid API key."}, 403)
        unknown = sorted(set(req.query) - ALLOWED)
        if unknown:
            return Response.of_json({"message": f"The search parameter, {unknown[0]} does not exist.",
                                     "detail": "Please refer to https://open.gsa.gov/api/contract-awards/ for a list of "
                                               "allowable search parameters."}, 400)
        limit, offset = int(req.arg("limit", "10")), int(req.arg("offset", "0"))
        if limit > 100:
            return Response.of_json({"message": "The max value allowed for parameter 'limit' is 100."}, 400)
        if offset * limit > 400_000:
            return Response.of_json({"message": "You may only page through the first 400,000 records. Any request "
                                                "where 'offset' x 'limit' is greater than 400,000 will be rejected."}, 400)
        found = self.matching(req)
        page = found[offset * limit:(offset + 1) * limit]
        if not page:
            return Response(204, b"")
        note = FROM_ANNOUNCEMENT if all(_key(r["contractId"]["piid"]) == OPENAI_PIID for r in page) else SYNTHETIC
        return Response.of_json({"awardSummary": page, "totalRecords": str(len(found)), "limit": str(limit),
                                 "offset": str(offset), "_synthetic": note})


def install(replay: Replay) -> SamReplay:
    """Register the route on a replay server; returns its state (switches and records)."""
    sam = SamReplay()
    replay.route("GET", re.escape(SEARCH), sam.search)
    return sam


def total(piid: str) -> Decimal:
    """Sum of the action obligations of one PIID: what the loaded transactions must add up to."""
    return sum((Decimal(r["awardDetails"]["dollars"]["actionObligation"]) for r in records()
                if r["contractId"]["piid"] == piid), Decimal(0))

"""Replay routes for following committees' filings: OpenFEC's /committee/ID/reports/ and docquery's raw .fec files.

  {base}/v1/committee/C00892471/reports/   <- fec/efiling_2025_maga_inc/fec-maga-inc-reports.json, byte for byte (real)
  {base}/dcdev/posted/1930418.fec, 1943509.fec  <- DERIVED at test time: docquery's real CSV of the same filing
                                              rewritten with 0x1C separators (the FEC's .fec itself is not in shared/data)
  {base}/v1/committee/C00894162/reports/   <- DERIVED, SYNTHETIC: no real reports answer or Form 13 of the inaugural
                                              committee is in shared/data, so it lists the fictional fixture 9999001
                                              (tests/fixtures/efile, filer C99999902, EXAMPLE donors), labelled as such
Every other filing number answers 404, as docquery does for a filing it does not have.
"""

from __future__ import annotations

import csv
from pathlib import Path

from replay import Replay, Request, Response, _static

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MAGA = "C00892471"
INAUGURAL = "C00894162"
SYNTHETIC_INAUGURAL = {
    "api_version": "1.0", "pagination": {"count": 1, "is_count_exact": True, "page": 1, "pages": 1, "per_page": 100},
    "results": [{"file_number": 9999001, "committee_id": INAUGURAL, "committee_name": "SYNTHETIC TEST ANSWER",
                 "report_form": "Form 13", "amendment_indicator": "N", "amendment_chain": [9999001],
                 "is_amended": False, "most_recent": True, "most_recent_file_number": 9999001,
                 "previous_file_number": 9999001, "receipt_date": "2025-04-20", "means_filed": "e-file",
                 "document_description": "SYNTHETIC (tests/replay_filings.py): the fictional fixture 9999001, "
                                         "not an FEC record",
                 "fec_url": "/dcdev/posted/9999001.fec"}],
}


def derived_fec(csv_path: Path, target: Path) -> Path:
    """DERIVED: docquery's CSV rendering rewritten as a 0x1C-separated .fec (same fields, same order)."""
    with open(csv_path, newline="", encoding="utf-8") as f:
        target.write_text("".join("\x1c".join(row) + "\n" for row in csv.reader(f)), encoding="utf-8")
    return target


def register(replay: Replay, shared: Path, workdir: Path) -> None:
    """Add the reports and raw-filing routes to a Replay server."""
    maga = shared / "fec" / "efiling_2025_maga_inc"
    workdir.mkdir(parents=True, exist_ok=True)
    files = {f"{n}.fec": derived_fec(maga / f"{n}.csv", workdir / f"{n}.fec") for n in (1930418, 1943509)}
    files["9999001.fec"] = FIXTURES / "efile" / "9999001.fec"
    reports = (maga / "fec-maga-inc-reports.json").read_bytes()

    def answer_reports(req: Request) -> Response:
        cmte = req.path.rstrip("/").split("/")[-2]
        if cmte == MAGA:
            return Response(200, reports, {"Content-Type": "application/json"})
        if cmte == INAUGURAL:
            return Response.of_json(SYNTHETIC_INAUGURAL)
        return Response.of_json({"api_version": "1.0", "pagination": {"count": 0, "pages": 0}, "results": []})

    def answer_filing(req: Request) -> Response:
        name = req.path.rsplit("/", 1)[-1]
        if name in files:
            return _static(files[name], req)
        static = shared / "fec" / "efiling" / name
        return _static(static, req) if static.exists() else Response(404, b"not found")

    replay.route("GET", r"/v1/committee/C\d{8}/reports/", answer_reports)
    replay.route("GET", r"/dcdev/posted/\d+\.fec", answer_filing)

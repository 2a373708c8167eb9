"""Normalising the AI Use Case Inventory's text: headers, answers, stages, impact, dates, agency names.

Reference: ../shared/reference/contracts_and_ai_use.md §4 (formats per year), §4.7-4.8 (the 2025 data
dictionary's excel_header and recoding_map, agency spreadsheets) and §8 traps 12-14.
"""

from __future__ import annotations

import re
from datetime import date, datetime

# Stage of development in one vocabulary for every year. Keys are answer labels (see label()).
# 2025 (M-25-21 form) uses its own words; 2024 used the NIST SDLC phases (2024_data_dictionary.yaml
# 16_dev_stage): "Initiated" is when purpose and requirements are first defined, so nothing is built
# yet -> planned. OMB's 2025 recoding_map files "Initiated" under Pilot; we do not follow it there.
# "Implementation and Assessment" is a system installed and under evaluation -> pilot.
STAGES = {
    "planned": "planned", "initiated": "planned", "initiation": "planned", "ideation": "planned",
    "planned (not in production)": "planned",
    "pre-deployment": "pre-deployment", "acquisition and/or development": "pre-deployment",
    "development and acquisition": "pre-deployment", "development (not in production)": "pre-deployment",
    "initial development": "pre-deployment", "currently under development": "pre-deployment",
    "pilot": "pilot", "implementation and assessment": "pilot", "implementation": "pilot",
    "proof-of-concept completed": "pilot", "investigating/proof of concept": "pilot",
    "proof of concept completed and published": "pilot", "successfully tested but not in production": "pilot",
    "this is a pilot initiative": "pilot",
    "deployed": "deployed", "operation and maintenance": "deployed", "operation and management": "deployed",
    "in production": "deployed", "in mission": "deployed", "in-use": "deployed", "deployment": "deployed",
    "retired": "retired",
}

M_24_10 = "OMB M-24-10"  # 2024: rights-impacting / safety-impacting (contracts.md §4.4)
M_25_21 = "OMB M-25-21"  # 2025: high-impact (contracts.md §4.2); not the same test as M-24-10

# Agencies as the OMB inventory files themselves spell and abbreviate them (2023-2025), first name is
# the 2025 spelling. COTS-only agencies with no abbreviation in any inventory file are left out.
AGENCIES = {
    "CFPB": ["Consumer Financial Protection Bureau"],
    "CFTC": ["Commodity Futures Trading Commission"],
    "DHS": ["Department of Homeland Security"],
    "DOC": ["Department of Commerce"],
    "DOE": ["Department of Energy"],
    "DOI": ["Department of the Interior"],
    "DOJ": ["Department of Justice"],
    "DOL": ["Department of Labor"],
    "DOT": ["Department of Transportation"],
    "EAC": ["Election Assistance Commission"],
    "ED": ["Department of Education"],
    "EEOC": ["Equal Employment Opportunity Commission"],
    "EPA": ["Environmental Protection Agency"],
    "FCA": ["Farm Credit Administration"],
    "FCC": ["Federal Communications Commission"],
    "FDIC": ["Federal Deposit Insurance Corporation"],
    "FERC": ["Federal Energy Regulatory Commission"],
    "FHFA": ["Federal Housing Finance Agency"],
    "FRB": ["Federal Reserve Board", "Board of Governors of the Federal Reserve System",
            "Federal Reserve Board of Governors"],
    "FTC": ["Federal Trade Commission"],
    "GSA": ["General Services Administration"],
    "HHS": ["Department of Health and Human Services"],
    "HUD": ["Department of Housing and Urban Development"],
    "NARA": ["National Archives and Records Administration"],
    "NASA": ["National Aeronautics and Space Administration"],
    "NCUA": ["National Credit Union Administration"],
    "NEA": ["National Endowment for the Arts", "National Endowment of the Arts"],
    "NIGC": ["National Indian Gaming Commission"],
    "NRC": ["Nuclear Regulatory Commission"],
    "NSF": ["National Science Foundation"],
    "NTSB": ["National Transportation Safety Board"],
    "OPM": ["Office of Personnel Management"],
    "OSC": ["Office of Special Counsel"],
    "OSHRC": ["Occupational Safety and Health Review Commission"],
    "PBGC": ["Pension Benefit Guaranty Corporation"],
    "PRC": ["Postal Regulatory Commission"],
    "PT": ["Presidio Trust"],
    "SBA": ["Small Business Administration"],
    "SEC": ["Securities and Exchange Commission"],
    "SSA": ["Social Security Administration"],
    "STATE": ["Department of State"],
    "STB": ["Surface Transportation Board"],
    "TREAS": ["Department of the Treasury"],
    "TVA": ["Tennessee Valley Authority"],
    "USAGM": ["United States Agency for Global Media"],
    "USAID": ["United States Agency for International Development"],
    "USCCR": ["United States Commission on Civil Rights"],
    "USDA": ["Department of Agriculture"],
    "USTDA": ["United States Trade and Development Agency"],
    "VA": ["Department of Veterans Affairs"],
}

# Long agency-form headers (2025_data_dictionary.json excel_header, normalised by header_key) -> the
# short names of OMB's 2025 CSV. Matched as prefixes: agencies shorten, extend or re-wrap them.
HEADER_PREFIXES = [
    ("use case id", "id"), ("use case name", "use_case_name"), ("bureau", "agency_bureau"),
    ("email address", "contact_email"), ("should this ai use case be withheld", "is_withheld"),
    ("stage of development", "development_stage"), ("is the ai use case high-impact", "is_high_impact"),
    ("justification", "HI_justification"), ("use case topic area", "topic_area"),
    ("ai classification", "classification"), ("what problem is the ai intended to solve", "problem_solved"),
    ("what are the expected benefits", "benefits"), ("describe the ai system's outputs", "system_outputs"),
    ("date when ai use case became operational", "operational_date"),
    ("was the system involved in this use case purchased", "contracting_usage"),
    ("vendor(s) name", "vendor_name"), ("vendor name", "vendor_name"),
    ("does this ai use case have an associated authorization to operate", "have_ato"),
    ("system(s) name", "system_name_ato"), ("describe any data used to train", "data_description"),
    ("if the data is required to be publicly disclosed", "link_to_data"),
    ("does this ai use case involve personally identifiable information", "has_pii"),
    ("if publicly available, provide the link to the ai use case's associated privacy", "pia_url"),
    ("which, if any, demographic variables", "demographic_features"),
    ("does this project include custom-developed code", "has_custom_code"),
    ("if the code is open source", "code_url"), ("has pre-deployment testing been conducted", "hi_testing_conducted"),
    ("has an ai impact assessment been completed", "hi_assessment_completed"),
    ("what are the potential impacts", "hi_potential_impacts"),
    ("has as independent review", "hi_independent_review"), ("has an independent review", "hi_independent_review"),
    ("is there a process to conduct ongoing monitoring", "hi_ongoing_monitoring"),
    ("has the agency established sufficient and periodic training", "hi_training_established"),
    ("does this ai use case have an appropriate fail-safe", "hi_failsafe_presence"),
    ("is there an established appeal process", "hi_appeal_process"),
    ("what steps has the agency taken to consult", "hi_public_consultation"),
    ("agency abbreviation", "agency"), ("agency name", "agency_name"),
]
SHORT_NAMES = {short for _, short in HEADER_PREFIXES} | {"agency", "agency_name"}

_PREFIX_RE = re.compile(r"^(?:[A-Za-z]\)[\s\u00a0\u00dd]*)+")  # a) / b)  b)  / a)\u00ddPurchased (recoding_map)
_DESCRIPTION_RE = re.compile(r"\s+[\u2013\u2014\u00f1-]\s+|:\s")  # "Pilot – The use case ..."; ñ is a mis-decoded dash
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_EXCEL_EPOCH = date(1899, 12, 30)


def clean(value: object) -> str | None:
    """Text of a cell with line ends unified and outer whitespace stripped; None when empty."""
    if value is None:
        return None
    if isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    # Excel keeps carriage returns inside cells as the escape _x000D_; no-break spaces (NASA's
    # "Improved\u00a0Surface") become plain spaces so that text matches what people type.
    text = text.replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").strip()
    return text or None


def label(value: object, cut: bool = True) -> str | None:
    """A multiple-choice answer without its letter prefix (and, when cut, its explanation); spaces collapsed."""
    text = clean(value)
    if text is None:
        return None
    text = _PREFIX_RE.sub("", " ".join(text.split()))
    if cut:
        text = _DESCRIPTION_RE.split(text, maxsplit=1)[0].rstrip(" .")
    return text or None


def header_key(header: object) -> str:
    """A header compared loosely: lower case, one space between words, plain quotes and dashes."""
    text = str(header or "").replace("_x000D_", " ")
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d\u2013\u2014", "''\"\"--"))
    return " ".join(text.lower().split())


def header_short(header: object) -> str | None:
    """The 2025 short column name for an agency-form header, or None when it is not a known question."""
    key = header_key(header)
    if not key:
        return None
    for short in SHORT_NAMES:
        if key == short.lower():
            return short
    if key == "agency":
        return "agency"
    for prefix, short in HEADER_PREFIXES:
        if key.startswith(prefix):
            return short
    return None


def stage(raw: str | None) -> str:
    """planned, pre-deployment, pilot, deployed, retired, or unknown (blank or not a stage) for any year's answer."""
    key = (label(raw) or "").lower()
    return STAGES.get(key, "unknown")


def impact(raw: str | None, framework: str) -> str:
    """The impact answer in its own framework's words: M-24-10 rights/safety or M-25-21 high-impact; else unknown."""
    key = (label(raw) or "").lower()
    if framework == M_24_10:
        return key if key in ("rights-impacting", "safety-impacting", "both", "neither") else "unknown"
    key = key.replace("high impact", "high-impact")
    if "presumed" in key:
        return "presumed high-impact, not high-impact"
    if key in ("not high-impact", "no"):
        return "not high-impact"
    if key in ("high-impact", "yes"):
        return "high-impact"
    return "unknown"


def withheld(raw: str | None) -> bool | None:
    """True for a 'Yes - ...' withholding answer, False for 'No', None for blank or 'Other'."""
    key = (label(raw) or "").lower()
    if key.startswith("yes"):
        return True
    if key == "no":
        return False
    return None


def yes_no(raw: str | None) -> bool | None:
    """Y/Yes -> True, N/No -> False, anything else None."""
    key = (clean(raw) or "").lower()
    return True if key in ("y", "yes") else False if key in ("n", "no") else None


def contracting(raw: str | None) -> str | None:
    """An agency's answer on who built the system, in the words of OMB's 2025 CSV."""
    text = label(raw, cut=False)
    key = (text or "").lower().replace("in house", "in-house")
    if not key:
        return None
    if key.startswith("no contract"):
        return "In-house Development"
    if "both" in key or "combination" in key or ("in-house" in key and ("contract" in key or "vendor" in key)):
        return "Contracting and In House"
    if "vendor" in key or "contract" in key:
        return "Vendor Purchased"
    if "in-house" in key:
        return "In-house Development"
    return text


def classification(raw: str | None) -> str | None:
    """An agency's AI classification in the words of OMB's 2025 CSV (Generative AI, Classical ML, NLP, ...)."""
    text = label(raw)
    key = (text or "").lower()
    if not key:
        return None
    rules = [("agentic", "Agentic AI"), ("generative", "Generative AI"), ("genai", "Generative AI"),
             ("gen ai", "Generative AI"), ("ai-enabled application", "Generative AI"),
             ("computer vision", "Computer Vision"), ("reinforcement", "Reinforcement Learning"),
             ("natural language", "NLP"), ("nlp", "NLP"), ("machine learning", "Classical ML"),
             ("classical", "Classical ML"), ("aiops", "Classical ML"), ("intelligent automation", "Classical ML")]
    for needle, std in rules:
        if needle in key:
            return std
    return "Other" if key == "other" else text


def _agency_key(name: str) -> str:
    text = re.sub(r"[^a-z0-9 ]+", " ", name.lower().replace("&", " and ").replace("u.s.", " "))
    words = [w for w in text.split() if w not in ("the", "united", "states", "us")]
    return " ".join(words)


_AGENCY_BY_NAME = {_agency_key(n): abbr for abbr, names in AGENCIES.items() for n in names}


def agency_abbreviation(name: str | None) -> str | None:
    """The inventory's abbreviation for an agency name in any of its spellings, or None."""
    return _AGENCY_BY_NAME.get(_agency_key(name)) if name else None


def agency_display_name(abbreviation: str | None) -> str | None:
    """The 2025 spelling of an agency's name from its abbreviation, or None."""
    names = AGENCIES.get((abbreviation or "").upper())
    return names[0] if names else None


def slug(text: str | None, limit: int = 80) -> str:
    """Lower-case words joined by '-', for keys."""
    return re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")[:limit].rstrip("-")


def _excel_year(d: date) -> int | None:
    # A bare year typed into an Excel date cell becomes that many days after 1899-12-30:
    # 2024 shows as 7/16/1905 (2024 v2 "Date Implemented" has 7/11/1905 ... 7/16/1905).
    serial = (d - _EXCEL_EPOCH).days
    return serial if 1990 <= serial <= 2100 else None


def _day(y: int, m: int, d: int) -> tuple[date | None, str | None]:
    try:
        value = date(y, m, d)
    except ValueError:
        return None, None
    if (year := _excel_year(value)) is not None:
        return date(year, 1, 1), "year"
    return value, "day"


def _month(y: int, m: int) -> tuple[date | None, str | None]:
    return (date(y, m, 1), "month") if 1 <= m <= 12 and 1900 <= y <= 2100 else (None, None)


def parse_date(value: object) -> tuple[date | None, str | None]:
    """A date and its precision (day, month, year) from any of the inventory's date spellings; (None, None) if unreadable."""
    if isinstance(value, datetime):
        return _day(value.year, value.month, value.day)
    if isinstance(value, date):
        return _day(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (date(int(value), 1, 1), "year") if value == int(value) and 1900 <= value <= 2100 else (None, None)
    text = (clean(value) or "").lower()
    time = r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?)?"
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})" + time, text):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})" + time, text):
        return _day(int(m[3]), int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{1,2})/(\d{4})", text):
        return _month(int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        return _month(int(m[1]), int(m[2]))
    # Excel shows a month-year as Mon-YY (2025 file: Jan-03 ... Apr-25) or YY-Mon (2024 file: 24-Jun).
    if (m := re.fullmatch(r"([a-z]{3})[a-z]*[- ](\d{2}|\d{4})", text)) and m[1] in _MONTHS:
        return _month(int(m[2]) + (2000 if len(m[2]) == 2 else 0), _MONTHS[m[1]])
    if (m := re.fullmatch(r"(\d{2})-([a-z]{3})", text)) and m[2] in _MONTHS:
        return _month(2000 + int(m[1]), _MONTHS[m[2]])
    if re.fullmatch(r"(19|20)\d{2}", text):
        return date(int(text), 1, 1), "year"
    return None, None

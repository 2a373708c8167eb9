"""Where each award_records / award_transaction_records column comes from, per USAspending format.

Each entry lists the source names to try in order (nested JSON fields as dotted paths); the first
non-empty one wins and every other source field is kept in `extra`. Column names: contracts.md §1.4,
§2.2-2.3 and §9 (download_column_historical_lookups.py in usaspending-api).
"""

from __future__ import annotations

Mapping = dict[str, tuple[str, ...]]

AWARD_FIELDS = ("award_key", "award_key_kind", "piid", "parent_piid", "award_category", "award_type",
                "award_type_code", "recipient_name", "recipient_uei", "recipient_parent_name",
                "recipient_parent_uei", "awarding_agency", "awarding_sub_agency", "awarding_office",
                "funding_agency", "funding_sub_agency", "obligated", "current_value", "potential_value", "outlays",
                "start_date", "end_date", "potential_end_date", "last_modified_date", "description", "naics",
                "naics_description", "psc", "psc_description", "action_date")

TRANSACTION_FIELDS = ("transaction_key", "award_key", "piid", "modification_number", "action_date", "action_type",
                      "action_type_description", "federal_action_obligation", "base_and_exercised_options_value",
                      "base_and_all_options_value", "description")

MONEY_COLUMNS = ("obligated", "current_value", "potential_value", "outlays", "federal_action_obligation",
                 "base_and_exercised_options_value", "base_and_all_options_value")
DATE_COLUMNS = ("start_date", "end_date", "potential_end_date", "last_modified_date", "action_date")

_SEARCH: Mapping = {
    "award_key": ("generated_internal_id", "generated_unique_award_id"),
    "piid": ("Award ID",),
    "award_type": ("Contract Award Type", "Award Type"),
    "recipient_name": ("Recipient Name",),
    "recipient_uei": ("Recipient UEI",),
    "awarding_agency": ("Awarding Agency",),
    "awarding_sub_agency": ("Awarding Sub Agency",),
    "funding_agency": ("Funding Agency",),
    "funding_sub_agency": ("Funding Sub Agency",),
    # Award Amount is total obligations for contracts, not the ceiling (contracts.md §1.3).
    "obligated": ("Award Amount",),
    "outlays": ("Total Outlays",),
    "start_date": ("Start Date",),
    "end_date": ("End Date",),
    "last_modified_date": ("Last Modified Date",),
    "description": ("Description",),
    "naics": ("NAICS.code", "NAICS"),
    "naics_description": ("NAICS.description",),
    "psc": ("PSC.code", "PSC"),
    "psc_description": ("PSC.description",),
}

_DOWNLOAD_AWARD: Mapping = {
    "award_key": ("contract_award_unique_key",),
    "piid": ("award_id_piid",),
    "parent_piid": ("parent_award_id_piid",),
    "award_type": ("award_type", "idv_type"),
    "award_type_code": ("award_type_code", "idv_type_code"),
    "recipient_name": ("recipient_name", "recipient_name_raw"),
    "recipient_uei": ("recipient_uei",),
    "recipient_parent_name": ("recipient_parent_name",),
    "recipient_parent_uei": ("recipient_parent_uei",),
    "awarding_agency": ("awarding_agency_name",),
    "awarding_sub_agency": ("awarding_sub_agency_name",),
    "awarding_office": ("awarding_office_name",),
    "funding_agency": ("funding_agency_name",),
    "funding_sub_agency": ("funding_sub_agency_name",),
    "current_value": ("current_total_value_of_award",),
    "potential_value": ("potential_total_value_of_award",),
    "start_date": ("period_of_performance_start_date",),
    "end_date": ("period_of_performance_current_end_date",),
    "potential_end_date": ("period_of_performance_potential_end_date",),
    "last_modified_date": ("last_modified_date",),
    # There is no award_description column in contract downloads (contracts.md §2.2).
    "description": ("prime_award_base_transaction_description", "transaction_description"),
    "naics": ("naics_code",),
    "naics_description": ("naics_description",),
    "psc": ("product_or_service_code",),
    "psc_description": ("product_or_service_code_description",),
}

AWARD_COLUMNS: dict[str, Mapping] = {
    "search_csv": _SEARCH,
    "search_json": _SEARCH,
    "awards_csv": {**_DOWNLOAD_AWARD,
                   "obligated": ("total_obligated_amount", "total_dollars_obligated"),
                   "outlays": ("total_outlayed_amount",)},
    # A transactions file repeats the award's cumulative totals on every row: take them from the
    # latest transaction only, never sum them (contracts.md §8 trap 3).
    "transactions_csv": {**_DOWNLOAD_AWARD,
                         "obligated": ("total_dollars_obligated",),
                         "outlays": ("total_outlayed_amount_for_overall_award",),
                         "action_date": ("action_date",)},
    "award_json": {
        "award_key": ("generated_unique_award_id",),
        "piid": ("piid",),
        "parent_piid": ("parent_award.piid",),
        "award_type": ("type_description",),
        "award_type_code": ("type",),
        "recipient_name": ("recipient.recipient_name",),
        "recipient_uei": ("recipient.recipient_uei",),
        "recipient_parent_name": ("recipient.parent_recipient_name",),
        "recipient_parent_uei": ("recipient.parent_recipient_uei",),
        "awarding_agency": ("awarding_agency.toptier_agency.name",),
        "awarding_sub_agency": ("awarding_agency.subtier_agency.name",),
        "awarding_office": ("awarding_agency.office_agency_name",),
        "funding_agency": ("funding_agency.toptier_agency.name",),
        "funding_sub_agency": ("funding_agency.subtier_agency.name",),
        "obligated": ("total_obligation",),
        "current_value": ("base_exercised_options",),
        "potential_value": ("base_and_all_options",),
        "outlays": ("total_outlay",),
        "start_date": ("period_of_performance.start_date",),
        "end_date": ("period_of_performance.end_date",),
        "potential_end_date": ("period_of_performance.potential_end_date",),
        "last_modified_date": ("period_of_performance.last_modified_date",),
        "description": ("description",),
        "naics": ("latest_transaction_contract_data.naics", "naics_hierarchy.base_code.code"),
        "naics_description": ("latest_transaction_contract_data.naics_description",
                              "naics_hierarchy.base_code.description"),
        "psc": ("latest_transaction_contract_data.product_or_service_code", "psc_hierarchy.base_code.code"),
        "psc_description": ("latest_transaction_contract_data.product_or_service_description",
                            "psc_hierarchy.base_code.description"),
    },
}

TRANSACTION_COLUMNS: dict[str, Mapping] = {
    "transactions_csv": {
        "transaction_key": ("contract_transaction_unique_key",),
        "award_key": ("contract_award_unique_key",),
        "piid": ("award_id_piid",),
        "modification_number": ("modification_number",),
        "action_date": ("action_date",),
        "action_type": ("action_type_code",),
        "action_type_description": ("action_type",),
        "federal_action_obligation": ("federal_action_obligation",),
        "base_and_exercised_options_value": ("base_and_exercised_options_value",),
        "base_and_all_options_value": ("base_and_all_options_value",),
        "description": ("transaction_description",),
    },
    "transactions_json": {
        "transaction_key": ("id",),
        "modification_number": ("modification_number",),
        "action_date": ("action_date",),
        "action_type": ("action_type",),
        "action_type_description": ("action_type_description",),
        "federal_action_obligation": ("federal_action_obligation",),
        "description": ("description",),
    },
}

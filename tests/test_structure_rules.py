"""Pure rules of the registry of public structures (kelisim_app/kelisim_registry/rules.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kelisim_app.exceptions import RegionMismatchError, ShippedDataError
from kelisim_app.kelisim_registry import rules
from kelisim_app.kelisim_registry.rules import (
	AccreditationError,
	MembershipError,
	StructureHierarchyError,
	StructureLevelError,
	StructureStatusError,
	Tenure,
)

TODAY = date(2026, 11, 25)


def test_shipped_kinds_cover_the_concept():
	kinds = {k.name_en: k for k in rules.parse_kinds()}
	assert len(kinds) == 11
	assert kinds["Mediation Office"].parent_kind == "Mediation Council"
	assert kinds["Volunteer Centre"].parent_kind == "House of Friendship"
	assert kinds["Mothers' Council"].name_kk == "Аналар кеңесі"
	assert all(k.name_ru and k.name_kk for k in kinds.values())


def test_kinds_file_with_unknown_parent_is_rejected(tmp_path):
	path = tmp_path / "kinds.csv"
	path.write_text("name_en,name_ru,name_kk,parent_kind,description\nA,a,a,Nowhere,\n", encoding="utf-8")
	with pytest.raises(ShippedDataError):
		rules.parse_kinds(path)


@pytest.mark.parametrize(
	("level", "region", "district", "district_region"),
	[
		("Republican", "KZ-71", None, None),
		("Republican", None, "KZ-71-X", "KZ-71"),
		("District", None, None, None),
		("District", "KZ-71", "KZ-75-Y", "KZ-75"),
	],
)
def test_territory_rejections(level, region, district, district_region):
	with pytest.raises(RegionMismatchError):
		rules.check_territory(level, region, district, district_region)


def test_territory_accepted():
	rules.check_territory("Republican", None, None, None)
	rules.check_territory("Oblast", "KZ-35", None, None)
	rules.check_territory("District", "KZ-75", "KZ-75-Y", "KZ-75")


def test_parent_kind_and_self():
	rules.check_parent("STR-1", "Mediation Office", "STR-2", "Mediation Council", "Mediation Council")
	rules.check_parent("STR-1", "Council of Public Consent", None, None, None)
	with pytest.raises(StructureHierarchyError):
		rules.check_parent("STR-1", "Mediation Office", "STR-3", "Mothers' Council", "Mediation Council")
	with pytest.raises(StructureHierarchyError):
		rules.check_parent("STR-1", "Council of Public Consent", "STR-1", "Council of Public Consent", None)


def test_a_house_of_friendship_is_an_oblasts_or_a_districts():
	rules.check_kind_level("House of Friendship", "Oblast")
	rules.check_kind_level("House of Friendship", "District")
	for level in ("Republican", "City", "Rural", ""):
		with pytest.raises(StructureLevelError):
			rules.check_kind_level("House of Friendship", level)
	for level in rules.LEVELS:  # kinds the concept does not confine take any level
		rules.check_kind_level("Council of Public Consent", level)
	assert set(rules.KIND_LEVELS) <= {k.name_en for k in rules.parse_kinds()}
	assert all(set(levels) <= set(rules.LEVELS) for levels in rules.KIND_LEVELS.values())
	doctype = Path(rules.__file__).parent / "doctype" / "kls_public_structure" / "kls_public_structure.json"
	level = next(f for f in json.loads(doctype.read_text())["fields"] if f["fieldname"] == "level")
	assert tuple(level["options"].split("\n")) == rules.LEVELS


def test_status_needs_date_and_reason_not_in_the_future():
	rules.check_status("Active", None, None, TODAY)
	rules.check_status("Dissolved", date(2026, 1, 1), "Merged", TODAY)
	with pytest.raises(StructureStatusError):
		rules.check_status("Suspended", None, "x", TODAY)
	with pytest.raises(StructureStatusError):
		rules.check_status("Dissolved", date(2026, 1, 1), "  ", TODAY)
	with pytest.raises(StructureStatusError):
		rules.check_status("Dissolved", date(2027, 1, 1), "Later", TODAY)


def test_accreditation():
	rules.check_accreditation("Council of Public Consent", False, None, None, TODAY)
	rules.check_accreditation("Ethnocultural Association", True, "A-17", date(2020, 5, 1), TODAY)
	for kind, number, when in (
		("Mothers' Council", "A-1", date(2020, 1, 1)),
		("Ethnocultural Association", "", date(2020, 1, 1)),
		("Ethnocultural Association", "A-1", None),
		("Ethnocultural Association", "A-1", date(2027, 1, 1)),
	):
		with pytest.raises(AccreditationError):
			rules.check_accreditation(kind, True, number, when, TODAY)


def test_dissolved_structure_takes_nothing_new():
	rules.check_accepts_new_records("Active", "X")
	rules.check_accepts_new_records("Suspended", "X")
	with pytest.raises(StructureStatusError):
		rules.check_accepts_new_records("Dissolved", "X")


@pytest.mark.parametrize(
	("day", "months", "expected"),
	[
		(date(2026, 11, 25), 6, date(2026, 5, 25)),
		(date(2026, 3, 31), 1, date(2026, 2, 28)),
		(date(2024, 3, 31), 1, date(2024, 2, 29)),
		(date(2026, 1, 15), 2, date(2025, 11, 15)),
		(date(2026, 8, 31), 6, date(2026, 2, 28)),
	],
)
def test_months_before(day, months, expected):
	assert rules.months_before(day, months) == expected


def test_activity_status():
	assert rules.activity_status(date(2026, 6, 1), None, TODAY, 6) == "Active"
	assert rules.activity_status(date(2026, 5, 24), None, TODAY, 6) == "Inactive"
	assert rules.activity_status(None, None, TODAY, 6) == "Inactive"
	assert rules.activity_status(None, date(2026, 10, 1), TODAY, 6) == "Active", (
		"a new structure has its grace"
	)
	assert rules.activity_status(date(2020, 1, 1), date(2019, 1, 1), TODAY, 6) == "Inactive"
	assert rules.activity_status(date(2026, 1, 1), None, TODAY, 12) == "Active"


def test_membership_dates_and_overlaps():
	rules.check_membership_dates(date(2026, 1, 1), None)
	rules.check_membership_dates(date(2026, 1, 1), date(2026, 1, 1))
	with pytest.raises(MembershipError):
		rules.check_membership_dates(date(2026, 1, 2), date(2026, 1, 1))
	past = Tenure("MEM-1", "Member", date(2020, 1, 1), date(2021, 1, 1))
	open_chair = Tenure("MEM-2", "Chair", date(2022, 1, 1), None)
	rules.check_no_overlap("Member", date(2021, 1, 2), None, [past, open_chair])
	rules.check_no_overlap("Deputy chair", date(2023, 1, 1), None, [open_chair])
	with pytest.raises(MembershipError):
		rules.check_no_overlap("Chair", date(2025, 1, 1), None, [open_chair])
	with pytest.raises(MembershipError):
		rules.check_no_overlap("Member", date(2019, 1, 1), date(2020, 6, 1), [past])
	assert rules.is_open(None, TODAY)
	assert rules.is_open(TODAY, TODAY)
	assert not rules.is_open(date(2026, 11, 24), TODAY)

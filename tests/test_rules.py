"""The geography, office and user rules of `kelisim_core.rules`, without a database."""

from __future__ import annotations

import dataclasses

import pytest

from kelisim_app.exceptions import (
	DuplicateOfficeError,
	KelisimValidationError,
	RegionMismatchError,
	ShippedDataError,
	UserOfficeError,
)
from kelisim_app.kelisim_core import rules
from kelisim_app.kelisim_core.rules import OFFICE_KGU, OFFICE_RGU, RegionGrant

HEADER = "code,kind,name_en,name_ru,name_kk,admin_centre_en,population_thousands_approx\n"
ASTANA = "KZ-71,city,Astana,Астана,Астана,Astana,1420\n"
ABAI = "KZ-10,oblast,Abai Region,Абайская область,Абай облысы,Semey,600\n"


# ---------------------------------------------------------------------------------------------- regions
@pytest.fixture(scope="module")
def regions() -> list[rules.RegionRow]:
	return rules.parse_regions()


def test_twenty_regions_are_shipped(regions):
	assert len(regions) == 20
	codes = [r.code for r in regions]
	assert len(set(codes)) == 20
	assert all(c.startswith("KZ-") and c[3:].isdigit() for c in codes)


def test_three_cities_and_seventeen_oblasts(regions):
	kinds = [r.kind for r in regions]
	assert kinds.count("City of republican significance") == 3
	assert kinds.count("Oblast") == 17
	assert {r.name_en for r in regions if r.kind == "City of republican significance"} == {
		"Astana",
		"Almaty",
		"Shymkent",
	}


def test_every_region_is_named_in_three_languages_and_populated(regions):
	for r in regions:
		assert r.name_en and r.name_ru and r.name_kk and r.admin_centre, r
		assert r.population > 0, r
	by_code = {r.code: r for r in regions}
	assert by_code["KZ-71"].name_kk == "Астана"
	assert by_code["KZ-71"].population == 1_420_000
	assert by_code["KZ-63"].name_kk == "Шығыс Қазақстан облысы"
	assert by_code["KZ-63"].name_ru == "Восточно-Казахстанская область"


def test_region_kinds_are_the_doctype_options(app_doctypes):
	region = app_doctypes["KLS Region"][1]
	kind = next(f for f in region["fields"] if f["fieldname"] == "kind")
	assert set(kind["options"].split("\n")) == set(rules.REGION_KINDS.values())


def write_csv(tmp_path, body: str, header: str = HEADER):
	path = tmp_path / "regions.csv"
	path.write_text(header + body, encoding="utf-8")
	return path


def test_a_wellformed_sample_parses(tmp_path):
	rows = rules.parse_regions(write_csv(tmp_path, ASTANA + ABAI.replace(",600", ",")))
	assert [r.code for r in rows] == ["KZ-71", "KZ-10"]
	assert rows[0] == rules.RegionRow(
		"KZ-71", "City of republican significance", "Astana", "Астана", "Астана", "Astana", 1_420_000
	)
	assert rows[1].population == 0, "an empty population is unknown, not an error"


@pytest.mark.parametrize(
	"body",
	[
		ASTANA + "71,city,Nowhere,,,,1\n",  # not an ISO code
		ASTANA + ",oblast,Nowhere,,,,1\n",  # no code
		ASTANA + "KZ-99,province,Nowhere,,,,1\n",  # unknown kind
		ASTANA + "KZ-99,oblast,,Где-то,,,1\n",  # no English name
		ASTANA + ASTANA,  # repeated code
		ASTANA + "KZ-99,oblast,Nowhere,,,,many\n",  # population is not a number
	],
	ids=["bad-code", "no-code", "bad-kind", "no-name", "repeated-code", "bad-population"],
)
def test_a_malformed_file_is_rejected(tmp_path, body):
	with pytest.raises(ShippedDataError):
		rules.parse_regions(write_csv(tmp_path, body))


def test_a_file_with_other_columns_is_rejected(tmp_path):
	with pytest.raises(ShippedDataError):
		rules.parse_regions(write_csv(tmp_path, "KZ-71,Astana\n", header="iso,name\n"))


def current_of(row: rules.RegionRow) -> dict:
	"""The KLS Region record as migrate last wrote it."""
	return {**rules.region_updates(row, None), "population": 12345}


def test_a_new_region_gets_everything(regions):
	row = regions[0]
	updates = rules.region_updates(row, None)
	assert updates == {
		"region_code": row.code,
		"kind": row.kind,
		"region_name": row.name_en,
		"region_name_ru": row.name_ru,
		"region_name_kk": row.name_kk,
		"admin_centre": row.admin_centre,
		"is_shipped": 1,
		"population": row.population,
	}


def test_an_unchanged_region_needs_nothing(regions):
	for row in regions:
		assert rules.region_updates(row, current_of(row)) == {}


def test_a_renamed_region_gets_only_its_name_back(regions):
	row = regions[-1]
	current = {**current_of(row), "region_name": "Renamed by hand"}
	assert rules.region_updates(row, current) == {"region_name": row.name_en}
	current = {**current_of(row), "region_name_kk": "", "is_shipped": 0}
	assert rules.region_updates(row, current) == {"region_name_kk": row.name_kk, "is_shipped": 1}


def test_the_population_of_an_existing_region_is_never_written(regions):
	for row in regions:
		current = {key: None for key in current_of(row)}
		updates = rules.region_updates(row, current)
		assert "population" not in updates
		assert "region_code" not in updates, "the code is the name: never rewritten"
		assert updates["region_name"] == row.name_en


# ---------------------------------------------------------------------------------------------- offices
def test_office_names():
	assert rules.office_name_for(OFFICE_RGU, None) == "RGU"
	assert rules.office_name_for(OFFICE_RGU, "KZ-71") == "RGU"
	assert rules.office_name_for(OFFICE_KGU, "KZ-71") == "KGU-KZ-71"
	assert rules.office_name_for(OFFICE_KGU, "KZ-63") != rules.office_name_for(OFFICE_KGU, "KZ-71")


def test_office_territory():
	rules.check_office_territory(OFFICE_RGU, None)
	rules.check_office_territory(OFFICE_RGU, "")
	rules.check_office_territory(OFFICE_KGU, "KZ-71")
	with pytest.raises(RegionMismatchError):
		rules.check_office_territory(OFFICE_KGU, None)
	with pytest.raises(RegionMismatchError):
		rules.check_office_territory(OFFICE_KGU, "")
	with pytest.raises(RegionMismatchError):
		rules.check_office_territory(OFFICE_RGU, "KZ-71")
	with pytest.raises(RegionMismatchError):
		rules.check_office_territory("Akimat", None)
	with pytest.raises(RegionMismatchError):
		rules.check_office_territory("Akimat", "KZ-71")


def test_office_types_are_the_doctype_options(app_doctypes):
	office = app_doctypes["KLS Office"][1]
	office_type = next(f for f in office["fields"] if f["fieldname"] == "office_type")
	assert set(office_type["options"].split("\n")) == {OFFICE_RGU, OFFICE_KGU}


def test_office_unique():
	rules.check_office_unique(OFFICE_RGU, None, [])
	rules.check_office_unique(OFFICE_KGU, "KZ-71", iter(()))
	with pytest.raises(DuplicateOfficeError, match="RGU"):
		rules.check_office_unique(OFFICE_RGU, None, ["RGU"])
	with pytest.raises(DuplicateOfficeError, match="KGU-KZ-71"):
		rules.check_office_unique(OFFICE_KGU, "KZ-71", iter(["KGU-KZ-71"]))


def test_district_region():
	rules.check_district_region("KZ-71", "KZ-71")
	rules.check_district_region(None, "KZ-71")
	rules.check_district_region("KZ-71", None)
	with pytest.raises(RegionMismatchError):
		rules.check_district_region("KZ-71", "KZ-75")


# ---------------------------------------------------------------------------------------------- users
@pytest.mark.parametrize(
	("roles", "office_type"),
	[
		(["KGU Specialist"], OFFICE_KGU),
		(["KGU Head", "KGU Specialist"], OFFICE_KGU),
		(["RGU Head"], OFFICE_RGU),
		(["RGU Coordinator"], None),
		(["Ministry Observer"], None),
		(["Ministry Observer"], OFFICE_RGU),
		(["Mediator", "Structure Secretary"], None),
		([], None),
		# a System Manager is not office staff: Frappe's tests give their test user every role
		(["System Manager", "KGU Specialist", "RGU Head"], None),
		(["System Manager", "KGU Head", "RGU Head"], OFFICE_KGU),
	],
)
def test_user_office_accepted(roles, office_type):
	rules.check_user_office(roles, office_type)


@pytest.mark.parametrize(
	("roles", "office_type"),
	[
		(["KGU Specialist"], None),
		(["KGU Head"], OFFICE_RGU),
		(["RGU Head"], OFFICE_KGU),
		(["RGU Coordinator", "Ministry Observer"], OFFICE_KGU),
		(["KGU Head", "RGU Head"], OFFICE_KGU),
	],
)
def test_user_office_rejected(roles, office_type):
	with pytest.raises(UserOfficeError):
		rules.check_user_office(roles, office_type)
	rules.check_user_office(roles, office_type, enabled=False)  # a disabled user is left alone


def test_role_constants_are_the_declared_roles():
	names = [r.name for r in rules.ROLES]
	assert len(set(names)) == len(names)
	assert set(rules.RGU_ROLES) | set(rules.KGU_ROLES) <= set(names)
	assert all(r.description for r in rules.ROLES)
	for profile in rules.ROLE_PROFILES:
		assert set(profile.roles) <= set(names) | {"System Manager"}, profile


def test_rule_errors_are_validation_errors():
	for exc in (RegionMismatchError, DuplicateOfficeError, UserOfficeError, ShippedDataError):
		assert issubclass(exc, KelisimValidationError)


# ---------------------------------------------------------------------------------------------- region grants
SCOPED = ["KLS Plan", "KLS Report", "KLS Event"]


def test_a_kgu_user_gets_his_region_for_every_scoped_doctype():
	add, remove = rules.plan_region_grants(OFFICE_KGU, "KZ-71", SCOPED, [])
	assert add == {RegionGrant("KZ-71", dt) for dt in SCOPED}
	assert len(add) == len(SCOPED)
	assert remove == set()


def test_an_rgu_user_gets_none_and_loses_what_he_had():
	existing = [RegionGrant("KZ-71", "KLS Plan"), RegionGrant("KZ-75", "")]
	add, remove = rules.plan_region_grants(OFFICE_RGU, None, SCOPED, existing)
	assert add == set()
	assert remove == set(existing)
	assert rules.plan_region_grants(None, None, SCOPED, existing) == (set(), set(existing))


def test_a_moved_kgu_user_swaps_regions_and_loses_extras():
	existing = [RegionGrant("KZ-71", dt) for dt in SCOPED] + [RegionGrant("KZ-71", "KLS Gone")]
	add, remove = rules.plan_region_grants(OFFICE_KGU, "KZ-75", SCOPED, existing)
	assert add == {RegionGrant("KZ-75", dt) for dt in SCOPED}
	assert remove == set(existing)


def test_only_the_difference_is_planned():
	existing = [
		RegionGrant("KZ-71", "KLS Plan"),
		RegionGrant("KZ-71", ""),
		RegionGrant("KZ-75", "KLS Report"),
	]
	add, remove = rules.plan_region_grants(OFFICE_KGU, "KZ-71", SCOPED, existing)
	assert add == {RegionGrant("KZ-71", "KLS Report"), RegionGrant("KZ-71", "KLS Event")}
	assert remove == {RegionGrant("KZ-71", ""), RegionGrant("KZ-75", "KLS Report")}


def test_nothing_to_do_when_the_grants_are_exact():
	exact = [RegionGrant("KZ-71", dt) for dt in SCOPED]
	assert rules.plan_region_grants(OFFICE_KGU, "KZ-71", SCOPED, exact) == (set(), set())
	assert rules.plan_region_grants(OFFICE_KGU, "KZ-71", iter(SCOPED), iter(exact)) == (set(), set())
	assert rules.plan_region_grants(OFFICE_RGU, None, SCOPED, []) == (set(), set())


def test_grants_are_values():
	grant = RegionGrant("KZ-71", "KLS Plan")
	assert grant == RegionGrant("KZ-71", "KLS Plan")
	assert hash(grant) == hash(RegionGrant("KZ-71", "KLS Plan"))
	with pytest.raises(dataclasses.FrozenInstanceError):
		grant.region = "KZ-75"  # type: ignore[misc]

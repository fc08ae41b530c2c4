"""Business rules of geography, offices and users: plain, typed functions, testable without a database."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kelisim_app.exceptions import (
	DuplicateOfficeError,
	RegionMismatchError,
	ShippedDataError,
	UserOfficeError,
	fail,
)
from kelisim_app.utils.i18n import N_, _

REGIONS_CSV = Path(__file__).parent / "data" / "regions.csv"

OFFICE_RGU = "RGU"
OFFICE_KGU = "KGU"

REGION_KINDS = {"oblast": "Oblast", "city": "City of republican significance"}

# Roles of the app, with what they are for; `desk` = the role works in the desk.
ROLE_RGU_HEAD = "RGU Head"
ROLE_RGU_COORDINATOR = "RGU Coordinator"
ROLE_KGU_HEAD = "KGU Head"
ROLE_KGU_SPECIALIST = "KGU Specialist"
ROLE_STRUCTURE_SECRETARY = "Structure Secretary"
ROLE_MEDIATOR = "Mediator"
ROLE_MINISTRY_OBSERVER = "Ministry Observer"
ROLE_ADMINISTRATOR = "Kelisim Administrator"
SYSTEM_MANAGER = "System Manager"  # Frappe's own role

RGU_ROLES = frozenset({ROLE_RGU_HEAD, ROLE_RGU_COORDINATOR})
KGU_ROLES = frozenset({ROLE_KGU_HEAD, ROLE_KGU_SPECIALIST})


@dataclass(frozen=True)
class RoleSpec:
	name: str
	description: str
	desk_access: bool = True


ROLES: tuple[RoleSpec, ...] = (
	RoleSpec(
		ROLE_RGU_HEAD, N_("Head of the republican office: signs off regional documents and national reports.")
	),
	RoleSpec(
		ROLE_RGU_COORDINATOR,
		N_(
			"Coordinator of the republican office: reviews regional documents, returns "
			"them with a reason or passes them on for sign-off."
		),
	),
	RoleSpec(
		ROLE_KGU_HEAD,
		N_("Head of a regional office: submits his region's documents to the republican office."),
	),
	RoleSpec(
		ROLE_KGU_SPECIALIST,
		N_("Specialist of a regional office: prepares his region's plans, reports and records."),
	),
	RoleSpec(
		ROLE_STRUCTURE_SECRETARY,
		N_("Secretary of a public structure: enters the events and members of his structures."),
	),
	RoleSpec(ROLE_MEDIATOR, N_("Mediator: works the mediation cases assigned to him.")),
	RoleSpec(
		ROLE_MINISTRY_OBSERVER,
		N_("Observer of the ministry: reads everything except confidential personal data, edits nothing."),
	),
	RoleSpec(
		ROLE_ADMINISTRATOR,
		N_("Administrator of Kelisim: master data, users and their offices, customisation."),
	),
)


@dataclass(frozen=True)
class RoleProfileSpec:
	name: str
	roles: tuple[str, ...]


ROLE_PROFILES: tuple[RoleProfileSpec, ...] = (
	RoleProfileSpec("Kelisim RGU Head", (ROLE_RGU_HEAD, ROLE_RGU_COORDINATOR)),
	RoleProfileSpec("Kelisim RGU Coordinator", (ROLE_RGU_COORDINATOR,)),
	RoleProfileSpec("Kelisim KGU Head", (ROLE_KGU_HEAD, ROLE_KGU_SPECIALIST)),
	RoleProfileSpec("Kelisim KGU Specialist", (ROLE_KGU_SPECIALIST,)),
	RoleProfileSpec("Kelisim Structure Secretary", (ROLE_STRUCTURE_SECRETARY,)),
	RoleProfileSpec("Kelisim Mediator", (ROLE_MEDIATOR,)),
	RoleProfileSpec("Kelisim Ministry Observer", (ROLE_MINISTRY_OBSERVER,)),
	RoleProfileSpec("Kelisim Administrator", (ROLE_ADMINISTRATOR, SYSTEM_MANAGER)),
)


# ---------------------------------------------------------------------------------------------- regions
@dataclass(frozen=True)
class RegionRow:
	code: str
	kind: str
	name_en: str
	name_ru: str
	name_kk: str
	admin_centre: str
	population: int


def parse_regions(path: Path = REGIONS_CSV) -> list[RegionRow]:
	"""Read the regions shipped with the app; reject a malformed file instead of half-syncing it."""
	rows: list[RegionRow] = []
	with open(path, encoding="utf-8", newline="") as f:
		for line_no, raw in enumerate(csv.DictReader(f), start=2):
			kind = REGION_KINDS.get((raw.get("kind") or "").strip())
			code = (raw.get("code") or "").strip()
			if not code.startswith("KZ-") or not kind or not (raw.get("name_en") or "").strip():
				fail(_("Row {0} of the regions file is malformed").format(line_no), ShippedDataError)
			population = (raw.get("population_thousands_approx") or "").strip()
			try:
				thousands = float(population) if population else 0.0
			except ValueError:
				fail(_("Row {0} of the regions file is malformed").format(line_no), ShippedDataError)
			rows.append(
				RegionRow(
					code=code,
					kind=kind,
					name_en=raw["name_en"].strip(),
					name_ru=(raw.get("name_ru") or "").strip(),
					name_kk=(raw.get("name_kk") or "").strip(),
					admin_centre=(raw.get("admin_centre_en") or "").strip(),
					population=int(thousands * 1000),
				)
			)
	codes = [r.code for r in rows]
	if len(set(codes)) != len(codes):
		fail(_("The regions file repeats a region code"), ShippedDataError)
	return rows


def region_updates(shipped: RegionRow, current: dict | None) -> dict:
	"""Fields migrate must write for a shipped region: all of them for a new one; for an existing one the
	names, kind and centre when they differ, never the population an administrator keeps."""
	wanted = {
		"region_code": shipped.code,
		"kind": shipped.kind,
		"region_name": shipped.name_en,
		"region_name_ru": shipped.name_ru,
		"region_name_kk": shipped.name_kk,
		"admin_centre": shipped.admin_centre,
		"is_shipped": 1,
	}
	if current is None:
		return {**wanted, "population": shipped.population}
	return {k: v for k, v in wanted.items() if k != "region_code" and current.get(k) != v}


# ---------------------------------------------------------------------------------------------- offices
def office_name_for(office_type: str, region: str | None) -> str:
	"""Stable document name of an office: `RGU`, or `KGU-<region code>`."""
	if office_type == OFFICE_RGU:
		return "RGU"
	return f"KGU-{region}"


def check_office_territory(office_type: str, region: str | None) -> None:
	if office_type == OFFICE_KGU and not region:
		fail(_("A regional office (KGU) must have a region"), RegionMismatchError)
	if office_type == OFFICE_RGU and region:
		fail(_("The republican office (RGU) covers the whole country and has no region"), RegionMismatchError)
	if office_type not in (OFFICE_RGU, OFFICE_KGU):
		fail(_("Unknown office type {0}").format(office_type), RegionMismatchError)


def check_office_unique(office_type: str, region: str | None, other_offices: Iterable[str]) -> None:
	"""`other_offices`: names of existing offices of the same type (and region) other than this one."""
	others = list(other_offices)
	if not others:
		return
	if office_type == OFFICE_RGU:
		fail(_("There is already a republican office (RGU): {0}").format(others[0]), DuplicateOfficeError)
	fail(_("Region {0} already has a regional office: {1}").format(region, others[0]), DuplicateOfficeError)


def check_district_region(district_region: str | None, region: str | None) -> None:
	"""A record's district must lie in the record's region."""
	if district_region and region and district_region != region:
		fail(
			_("District belongs to region {0}, not to region {1}").format(district_region, region),
			RegionMismatchError,
		)


# ---------------------------------------------------------------------------------------------- users
def check_user_office(roles: Iterable[str], office_type: str | None, enabled: bool = True) -> None:
	"""A KGU user must be attached to a regional office (that is what scopes him to his region), and an
	RGU user must not be attached to one (it would hide the other regions from him).

	A System Manager is not office staff whatever other roles he holds: he administers the site and can lift
	any region scope himself, so the rule does not bind him (Frappe's own tests give their test user every
	role of the site, and must keep passing with the app installed)."""
	if not enabled:
		return
	role_set = set(roles)
	if SYSTEM_MANAGER in role_set:
		return
	if role_set & KGU_ROLES and office_type != OFFICE_KGU:
		fail(
			_(
				"A user with a regional office role (KGU Head, KGU Specialist) must be attached to a regional "
				"office (KGU)"
			),
			UserOfficeError,
		)
	if role_set & RGU_ROLES and office_type == OFFICE_KGU:
		fail(
			_(
				"A user with a republican office role (RGU Head, RGU Coordinator) cannot be attached to a "
				"regional office"
			),
			UserOfficeError,
		)


@dataclass(frozen=True)
class RegionGrant:
	"""One User Permission on KLS Region: `region` for records of `applicable_for`."""

	region: str
	applicable_for: str


def plan_region_grants(
	office_type: str | None,
	office_region: str | None,
	scoped_doctypes: Iterable[str],
	existing: Iterable[RegionGrant],
) -> tuple[set[RegionGrant], set[RegionGrant]]:
	"""What to add and what to remove so that a user's Region permissions are exactly those his office
	implies: a KGU user gets his region for every region-scoped DocType (master data such as Region and
	District stays readable, since no grant applies to it); anyone else gets none."""
	wanted: set[RegionGrant] = set()
	if office_type == OFFICE_KGU and office_region:
		wanted = {RegionGrant(office_region, dt) for dt in scoped_doctypes}
	have = set(existing)
	return wanted - have, have - wanted

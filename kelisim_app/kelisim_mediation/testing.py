"""Records and users of the mediation layer-2 tests."""

from __future__ import annotations

import frappe
from frappe.utils import add_days, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry.tests.factories import make_person, make_structure
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REGION_A = "KZ-71"
REGION_B = "KZ-75"


def users() -> frappe._dict:
	return frappe._dict(
		kgu_head_a=make_user(
			"med-kgu-head-a", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A)
		),
		kgu_spec_a=make_user("med-kgu-spec-a", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A)),
		kgu_head_b=make_user(
			"med-kgu-head-b", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(REGION_B)
		),
		rgu=make_user("med-rgu", [core.ROLE_RGU_COORDINATOR], rgu_office()),
		observer=make_user("med-observer", [core.ROLE_MINISTRY_OBSERVER]),
		mediator_1=make_user("med-mediator-1", [core.ROLE_MEDIATOR]),
		mediator_2=make_user("med-mediator-2", [core.ROLE_MEDIATOR]),
		mediator_3=make_user("med-mediator-3", [core.ROLE_MEDIATOR]),
	)


def make_mediator(
	last: str,
	region: str = REGION_A,
	user: str | None = None,
	specialisations: str = "Household\nNeighbours\nFamily",
	valid_until: str | None = None,
	status: str = "Active",
) -> str:
	"""A mediator certified a year ago, valid for another year unless `valid_until`."""
	existing = frappe.db.get_value("KLS Mediator", {"user": user}) if user else None
	if existing:
		return existing
	valid_until = valid_until or add_days(today(), 365)
	doc = frappe.get_doc(
		{
			"doctype": "KLS Mediator",
			"person": make_person("Mediator", last, region=region),
			"region": region,
			"user": user,
			"status": status,
			"certificate_number": f"MC-{last}",
			"certificate_issued_on": min(add_days(valid_until, -700), add_days(today(), -1)),
			"issuing_body": "Mediation Training Centre",
			"certificate_valid_until": valid_until,
			"specialisations": specialisations,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def mediation_office(region: str = REGION_A) -> str:
	name = frappe.db.get_value(
		"KLS Public Structure", {"structure_kind": "Mediation Office", "region": region}
	)
	return name or make_structure(f"Mediation office {region}", region, "Mediation Office")


def mothers_council(region: str = REGION_A) -> str:
	name = frappe.db.get_value(
		"KLS Public Structure", {"structure_kind": "Mothers' Council", "region": region}
	)
	return name or make_structure(f"Mothers' council {region}", region, "Mothers' Council")


def case_values(**values) -> dict:
	base = {
		"doctype": "KLS Mediation Case",
		"received_on": today(),
		"channel": "Walk-in",
		"category": "Household",
		"region": REGION_A,
		"risk": "Low",
		"narrative": "Neighbours argue over a shared courtyard.",
		"parties": [
			{"party_name": "Aigerim Applicant", "role": "Applicant", "phone": "+77010000001"},
			{"party_name": "Boris Otherparty", "role": "Other party"},
		],
	}
	base.update(values)
	return base


def make_case(**values):
	doc = frappe.get_doc(case_values(**values))
	doc.insert()
	return doc

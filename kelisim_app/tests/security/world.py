"""The records and users the security suites probe: one record of every region-scoped DocType in region A,
and one user of each kind the issue names (KGU of the same region, KGU of another region, Structure Secretary of
another structure, Mediator of another case, Ministry Observer, Guest).

A region-scoped DocType the app gains later is found from the metadata (`region_scoped_doctypes`); the suites
then fail until `RECORD_FACTORIES` says how to make one of its records, so no DocType goes unprobed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import frappe
from frappe.utils import add_days, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry.iin import make_iin
from kelisim_app.kelisim_registry.tests.factories import make_membership, make_person, make_structure
from kelisim_app.tests.utils import kgu_office, make_user, rgu_office

REGION_A = "KZ-71"
REGION_B = "KZ-75"
PREFIX = "sec"
PERSON_IIN = make_iin(date(1985, 3, 14), True, 4711)
PERSON_BIRTH = date(1985, 3, 14)
PARTY_NAME = "Zhanargul Secretparty"


@dataclass(frozen=True)
class Kind:
	"""A kind of user: its key, roles, office region (None: no KGU office) and how it is scoped."""

	key: str
	roles: tuple[str, ...] = ()
	region: str | None = None
	rgu: bool = False
	secretary: bool = False
	mediator: bool = False
	guest: bool = False
	user: str = field(default="", compare=False)


KINDS = (
	Kind("kgu_same", (core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST), REGION_A),
	Kind("kgu_other", (core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST), REGION_B),
	Kind("secretary_other", (core.ROLE_STRUCTURE_SECRETARY,), secretary=True),
	Kind("mediator_other", (core.ROLE_MEDIATOR,), mediator=True),
	Kind("observer", (core.ROLE_MINISTRY_OBSERVER,)),
	Kind("guest", guest=True),
)


def make_kind_user(kind: Kind) -> str:
	if kind.guest:
		return "Guest"
	office = kgu_office(kind.region) if kind.region else (rgu_office() if kind.rgu else None)
	return make_user(f"{PREFIX}-{kind.key.replace('_', '-')}", list(kind.roles), office)


def users() -> frappe._dict:
	"""Users of each kind, plus the actors the records need (the secretary and the mediator *of* them)."""
	out = frappe._dict({k.key: make_kind_user(k) for k in KINDS})
	out.secretary_own = make_user(f"{PREFIX}-secretary-own", [core.ROLE_STRUCTURE_SECRETARY])
	out.mediator_own = make_user(f"{PREFIX}-mediator-own", [core.ROLE_MEDIATOR])
	out.rgu_head = make_user(f"{PREFIX}-rgu-head", [core.ROLE_RGU_HEAD], rgu_office())
	out.rgu_coordinator = make_user(f"{PREFIX}-rgu-coordinator", [core.ROLE_RGU_COORDINATOR], rgu_office())
	return out


def kinds_with_users() -> list[Kind]:
	u = users()
	return [Kind(**{**k.__dict__, "user": u[k.key]}) for k in KINDS]


# ------------------------------------------------------------------------------------------ records
def _structure(u) -> str:
	name = frappe.db.get_value("KLS Public Structure", {"structure_name": "Sec Council Astana"})
	return name or make_structure(
		"Sec Council Astana", REGION_A, secretary_user=u.secretary_own, founded_on="2012-01-01"
	)


def _other_structure(u) -> str:
	name = frappe.db.get_value("KLS Public Structure", {"structure_name": "Sec Council Almaty"})
	return name or make_structure(
		"Sec Council Almaty", REGION_B, secretary_user=u.secretary_other, founded_on="2012-01-01"
	)


# the world's person consented to the processing of his data: they may go beyond his office, so the suites
# see what each role's levels show (a person without consent: kelisim_registry/tests/test_person_consent.py)
PERSON_CONSENT = {
	"consent_given": 1,
	"consent_date": "2020-01-15",
	"consent_form": "Electronic",
	"consent_purpose": "Sec: registry of public structures",
}


def _person(u) -> str:
	name = frappe.db.get_value("KLS Person", {"iin": PERSON_IIN})
	if name:
		frappe.db.set_value("KLS Person", name, PERSON_CONSENT, update_modified=False)
		return name
	return make_person(
		"Sec",
		"Confidential",
		region=REGION_A,
		iin=PERSON_IIN,
		birth_date=PERSON_BIRTH,
		gender="Male",
		**PERSON_CONSENT,
	)


def _mediator(u, user: str, last: str, region: str = REGION_A) -> str:
	from kelisim_app.kelisim_mediation.testing import make_mediator

	return make_mediator(last, region, user=user)


def _case(u) -> str:
	from kelisim_app.kelisim_mediation.testing import case_values

	mediator = _mediator(u, u.mediator_own, "SecOwn")
	_mediator(u, u.mediator_other, "SecOther")
	existing = frappe.db.get_value("KLS Mediation Case", {"narrative": "Sec: a confidential quarrel."})
	if existing:
		return existing
	values = case_values(
		region=REGION_A,
		narrative="Sec: a confidential quarrel.",
		parties=[
			{"party_name": PARTY_NAME, "role": "Applicant", "phone": "+77010009911"},
			{"party_name": "Sec Otherparty", "role": "Other party"},
		],
	)
	doc = frappe.get_doc(values).insert(ignore_permissions=True)
	frappe.db.set_value("KLS Mediation Case", doc.name, "mediator", mediator, update_modified=False)
	return doc.name


def _event(u) -> str:
	from kelisim_app.kelisim_events.media_testing import ensure_languages, make_event

	ensure_languages()
	return make_event(_structure(u), "2026-01-15 10:00:00", True, title="Sec round table")


def _publication(u) -> str:
	from kelisim_app.kelisim_events.media_testing import ensure_languages, outlet, publication

	ensure_languages()
	doc = publication(title="Sec article", outlet=outlet("Sec Outlet Astana", REGION_A))
	return doc.insert(ignore_permissions=True).name


def _book(u) -> str:
	from kelisim_app.kelisim_events.media_testing import ensure_languages

	ensure_languages()
	doc = frappe.get_doc(
		{
			"doctype": "KLS Book",
			"title": "Sec tales",
			"genre": "Tale",
			"source_language": "Korean",
			"target_language": "Kazakh",
			"region": REGION_A,
		}
	)
	return doc.insert(ignore_permissions=True).name


def _consultation(u) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "KLS Consultation",
			"category": "Neighbours",
			"region": REGION_A,
			"question": "Sec: how do I settle a quarrel over a fence?",
		}
	)
	return doc.insert(ignore_permissions=True).name


def _appeal(u) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "KLS Mediation Appeal",
			"applicant_name": "Sec Citizen",
			"phone": "+77015550011",
			"region": REGION_A,
			"category": "Neighbours",
			"description": "Sec: the neighbours block the passage.",
			"consent": 1,
		}
	)
	return doc.insert(ignore_permissions=True).name


def _execution(u) -> str:
	from kelisim_app.kelisim_instructions.doctype.kls_instruction.test_kls_instruction import issue

	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		instruction = issue((REGION_A, REGION_B), title="Sec instruction")
	finally:
		frappe.set_user(user)
	return f"{instruction.name}-{REGION_A}"


def _regional_report(u) -> str:
	from kelisim_app.kelisim_reporting.tests.factories import quarter

	period = quarter(2031, 1)
	existing = frappe.db.get_value("KLS Regional Report", {"period": period, "region": REGION_A})
	if existing:
		return existing
	doc = frappe.get_doc(
		{"doctype": "KLS Regional Report", "period": period, "region": REGION_A, "language": "ru"}
	)
	return doc.insert(ignore_permissions=True).name


def _plan(u) -> str:
	from kelisim_app.kelisim_projects.doctype.kls_project_plan.test_kls_project_plan import plan_values

	values = plan_values(region=REGION_A, year=2031)
	existing = frappe.db.get_value(
		"KLS Project Plan", {"region": REGION_A, "year": 2031, "base_project": values["base_project"]}
	)
	return existing or frappe.get_doc(values).insert(ignore_permissions=True).name


# --- #20: partners, structures' work plans and quarterly reports
def _partner(u) -> str:
	name = frappe.db.get_value("KLS Partner", {"partner_name": "Sec Crisis centre Astana"})
	if name:
		return name
	doc = frappe.get_doc(
		{
			"doctype": "KLS Partner",
			"partner_name": "Sec Crisis centre Astana",
			"partner_type": "Crisis centre",
			"region": REGION_A,
		}
	)
	return doc.insert(ignore_permissions=True).name


def _structure_plan(u) -> str:
	structure = _structure(u)
	existing = frappe.db.get_value("KLS Structure Plan", {"structure": structure, "year": 2031})
	if existing:
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "KLS Structure Plan",
			"structure": structure,
			"year": 2031,
			"activities": [
				{
					"activity": "Sec round table",
					"direction": "Organisation and dialogue",
					"planned_from": "2031-03-01",
					"planned_to": "2031-03-01",
				}
			],
		}
	)
	return doc.insert(ignore_permissions=True).name


def _structure_report(u) -> str:
	structure = _structure(u)
	existing = frappe.db.get_value(
		"KLS Structure Report", {"structure": structure, "year": 2026, "quarter": "1"}
	)
	if existing:
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "KLS Structure Report",
			"structure": structure,
			"year": 2026,
			"quarter": "1",
			# what its workflow needs to go to the KGU (the four-eyes suite walks it)
			"work_done": "<p>Two round tables held</p>",
		}
	)
	return doc.insert(ignore_permissions=True).name


def _material(u) -> str:
	existing = frappe.db.get_value("KLS Ethnocultural Material", {"title": "Sec legend"})
	if existing:
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "KLS Ethnocultural Material",
			"title": "Sec legend",
			"material_kind": "Legend or tale",
			"region": REGION_A,
			"collected_on": "2026-01-10",
			"source": "Sec informant",
			"informant_name": "Sec Informant",
			"informant_consent": 1,
			# what its workflow needs to go to review and publication (the four-eyes suite walks it)
			"description": "<p>A legend of the steppe</p>",
		}
	)
	return doc.insert(ignore_permissions=True).name


def _youth_initiative(u) -> str:
	existing = frappe.db.get_value("KLS Youth Initiative", {"title": "Sec hackathon"})
	if existing:
		return existing
	hq = frappe.db.get_value(
		"KLS Public Structure", {"structure_name": "Sec Youth HQ Astana"}
	) or make_structure("Sec Youth HQ Astana", REGION_A, "Youth Movement Headquarters", level="Oblast")
	doc = frappe.get_doc(
		{
			"doctype": "KLS Youth Initiative",
			"title": "Sec hackathon",
			"proposing_structure": hq,
			"proposed_on": "2026-01-10",
			"description": "A hackathon of the youth headquarters",
		}
	)
	return doc.insert(ignore_permissions=True).name


def _recommendation(u) -> str:
	existing = frappe.db.get_value("KLS Information Recommendation", {"title": "Sec recommendation"})
	if existing:
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "KLS Information Recommendation",
			"title": "Sec recommendation",
			"audience": "Bloggers",
			"region": REGION_A,
			"content": "Cover the interethnic festival in Kazakh",
		}
	)
	return doc.insert(ignore_permissions=True).name


RECORD_FACTORIES = {
	"KLS Public Structure": _structure,
	"KLS Membership": lambda u: make_membership(make_person("Sec", "Member", region=REGION_A), _structure(u)),
	"KLS Person": _person,
	"KLS Mediator": lambda u: _mediator(u, u.mediator_own, "SecOwn"),
	"KLS Office": lambda u: kgu_office(REGION_A),
	"KLS Mediation Case": _case,
	"KLS Event": _event,
	"KLS Media Publication": _publication,
	"KLS Book": _book,
	"KLS Consultation": _consultation,
	"KLS Mediation Appeal": _appeal,
	"KLS Instruction Execution": _execution,
	"KLS Regional Report": _regional_report,
	"KLS Project Plan": _plan,
	"KLS Partner": _partner,
	"KLS Structure Plan": _structure_plan,
	"KLS Structure Report": _structure_report,
	"KLS Ethnocultural Material": _material,
	"KLS Youth Initiative": _youth_initiative,
	"KLS Information Recommendation": _recommendation,
}


def records(u, doctypes) -> dict[str, str]:
	"""One record in region A of each DocType (as Administrator)."""
	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		_other_structure(u)
		out = {}
		for doctype in doctypes:
			make = RECORD_FACTORIES.get(doctype)
			if make is None:
				raise AssertionError(
					f"{doctype} is region-scoped: add a factory to tests/security/world.py RECORD_FACTORIES"
				)
			out[doctype] = make(u)
			region = frappe.db.get_value(doctype, out[doctype], "region")
			assert region == REGION_A, f"{doctype} {out[doctype]} lies in {region}, not {REGION_A}"
		return out
	finally:
		frappe.set_user(user)


def attach_private_file(doctype: str, name: str) -> str:
	"""A private attachment of the record (as Administrator)."""
	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		doc = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"sec-{frappe.scrub(doctype)}-{frappe.generate_hash(length=6)}.txt",
				"attached_to_doctype": doctype,
				"attached_to_name": name,
				"is_private": 1,
				"content": f"Confidential attachment of {doctype} {name}",
			}
		).insert(ignore_permissions=True)
		return doc.name
	finally:
		frappe.set_user(user)

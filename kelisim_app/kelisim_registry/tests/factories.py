"""Records of the registry for the layer-2 tests."""

from __future__ import annotations

import frappe

# a test person consented to the processing of his data unless the test says otherwise (consent=False): his
# data may go beyond the office that registered him (kelisim_registry/personal_data.py)
CONSENT = {
	"consent_given": 1,
	"consent_date": "2024-01-10",
	"consent_form": "Electronic",
	"consent_purpose": "Registry of public structures",
}


def make_person(first: str, last: str, consent: bool = True, **extra) -> str:
	values = {"doctype": "KLS Person", "first_name": first, "last_name": last, **extra}
	if consent:
		values = {**CONSENT, **values}
	doc = frappe.get_doc(values)
	doc.insert(ignore_permissions=True)
	return doc.name


def make_structure(
	name: str, region: str | None = "KZ-71", kind: str = "Council of Public Consent", **extra
) -> str:
	values = {
		"doctype": "KLS Public Structure",
		"structure_name": name,
		"structure_kind": kind,
		"level": "Republican" if region is None else extra.pop("level", "District"),
		"region": region,
		**extra,
	}
	doc = frappe.get_doc(values)
	doc.insert(ignore_permissions=True)
	return doc.name


def make_membership(person: str, structure: str, role: str = "Member", **extra) -> str:
	doc = frappe.get_doc(
		{"doctype": "KLS Membership", "person": person, "structure": structure, "role": role, **extra}
	)
	doc.insert(ignore_permissions=True)
	return doc.name

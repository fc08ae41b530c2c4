"""Records of the registry for the layer-2 tests."""

from __future__ import annotations

import frappe


def make_person(first: str, last: str, **extra) -> str:
	doc = frappe.get_doc({"doctype": "KLS Person", "first_name": first, "last_name": last, **extra})
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

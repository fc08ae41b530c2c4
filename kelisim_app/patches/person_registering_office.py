"""Every person of the registry gets the office that registered him (KLS Person.registered_by_office): the
office of the user who created him, else the KGU of his region, else the RGU. Without consent, a person is
shown only to that office (kelisim_registry/personal_data.py). Idempotent: only empty values are filled."""

import frappe

from kelisim_app.kelisim_registry.personal_data import registering_office


def execute():
	person = frappe.qb.DocType("KLS Person")
	rows = (
		frappe.qb.from_(person)
		.select(person.name, person.owner, person.region)
		.where(person.registered_by_office.isnull() | (person.registered_by_office == ""))
		.run(as_dict=True)
	)
	for row in rows:
		office = registering_office(row.region, row.owner)
		if office:
			frappe.db.set_value("KLS Person", row.name, "registered_by_office", office, update_modified=False)

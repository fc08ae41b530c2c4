# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from frappe.utils import getdate

from kelisim_app.exceptions import fail
from kelisim_app.kelisim_registry import iin as iin_rules
from kelisim_app.kelisim_registry.exceptions import DuplicatePersonError
from kelisim_app.utils.i18n import _

NAME_FIELDS = ("last_name", "first_name", "patronymic")


def fold_spaces(value: str | None) -> str:
	return " ".join((value or "").split())


class KLSPerson(Document):
	def validate(self):
		self.build_full_name()
		self.check_iin()
		self.check_duplicate()
		self.check_personal_data()

	def check_personal_data(self):
		"""Consent as the law asks it; the office that registered the person (docs/security.md)."""
		from kelisim_app.kelisim_registry import personal_data

		personal_data.on_person_validate(self)

	def on_update(self):
		"""His name copied into the records that link him follows his consent (personal_data.py)."""
		from kelisim_app.kelisim_registry import personal_data

		personal_data.on_person_update(self)

	def build_full_name(self):
		"""Names without stray spaces; full name = last name, first name, patronymic."""
		for fieldname in NAME_FIELDS:
			self.set(fieldname, fold_spaces(self.get(fieldname)))
		self.full_name = " ".join(self.get(f) for f in NAME_FIELDS if self.get(f))

	def check_iin(self):
		"""A given IIN is valid and agrees with the birth date; an empty birth date (or gender) is taken
		from it."""
		if not iin_rules.normalize_iin(self.iin):
			self.iin = None
			return
		self.iin = iin_rules.check_iin(self.iin)
		birth_date = getdate(self.birth_date) if self.birth_date else None
		iin_rules.check_birth_date_matches(self.iin, birth_date)
		if not birth_date:
			self.birth_date = iin_rules.birth_date_from_iin(self.iin)
		if not self.gender:
			self.gender = iin_rules.gender_from_iin(self.iin)

	def check_duplicate(self):
		"""One record per human: the same IIN, or the same first and last name with the same birth date,
		is someone already in the registry (whatever region he is in)."""
		others = {"name": ["!=", self.name]} if self.name else {}
		if self.iin:
			existing = frappe.get_all(
				"KLS Person", filters={**others, "iin": self.iin}, pluck="name", limit=1
			)
			if existing:
				fail(
					_("A person with the IIN {0} is already registered: {1}").format(self.iin, existing[0]),
					DuplicatePersonError,
				)
		if self.birth_date:
			existing = frappe.get_all(
				"KLS Person",
				filters={
					**others,
					"first_name": self.first_name,
					"last_name": self.last_name,
					"birth_date": self.birth_date,
				},
				pluck="name",
				limit=1,
			)
			if existing:
				fail(
					_("{0}, born on {1}, is already registered: {2}").format(
						f"{self.first_name} {self.last_name}",
						frappe.format(self.birth_date, "Date"),
						existing[0],
					),
					DuplicatePersonError,
				)


@frappe.whitelist()
def birth_date_hint(iin: str) -> dict:
	"""What the form shows under the IIN as it is typed: the birth date and gender it encodes, or why it
	is not valid. Pure arithmetic on the number typed: reads nothing from the database."""
	number = iin_rules.normalize_iin(iin)
	if not number:
		return {}
	try:
		iin_rules.check_iin(number)
	except frappe.ValidationError as e:
		frappe.clear_messages()
		return {"valid": False, "message": str(e)}
	return {
		"valid": True,
		"birth_date": iin_rules.birth_date_from_iin(number),
		"gender": iin_rules.gender_from_iin(number),
	}

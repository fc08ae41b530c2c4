"""Install and migrate are idempotent; administrators customise the app's DocTypes without code."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_field
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.tests.utils import FrappeTestCase

from kelisim_app import install
from kelisim_app.kelisim_core import rules


def app_doctypes() -> list[str]:
	"""The app's DocTypes Customize Form can take (Frappe refuses Single DocTypes there)."""
	return frappe.get_all(
		"DocType",
		filters={"module": ["in", frappe.get_module_list("kelisim_app")], "issingle": 0},
		pluck="name",
	)


def single_doctypes() -> list[str]:
	return frappe.get_all(
		"DocType",
		filters={"module": ["in", frappe.get_module_list("kelisim_app")], "issingle": 1},
		pluck="name",
	)


def remove_local_customisations() -> None:
	"""What the Customize Form test adds, taken away again (its DDL has committed it)."""
	for name in frappe.get_all("Custom Field", filters={"fieldname": "kls_local_note"}, pluck="name"):
		frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
	frappe.db.delete("Property Setter", {"property": "description", "value": "Local help"})
	frappe.clear_cache()
	frappe.db.commit()  # nosemgrep: the custom fields were committed by their ALTER TABLE


def counts() -> dict[str, int]:
	return {
		"Role": frappe.db.count("Role", {"name": ["in", [r.name for r in rules.ROLES]]}),
		"Role Profile": frappe.db.count(
			"Role Profile", {"name": ["in", [p.name for p in rules.ROLE_PROFILES]]}
		),
		"KLS Region": frappe.db.count("KLS Region"),
		"KLS Office": frappe.db.count("KLS Office"),
		"Language kk": frappe.db.count("Language", {"name": "kk"}),
		"Custom Field": frappe.db.count(
			"Custom Field", {"dt": ["in", ["User", "Role"]], "fieldname": ["like", "kelisim%"]}
		),
		"KLS Shipped Workflow": frappe.db.count("KLS Shipped Workflow"),
		"User Permission": frappe.db.count("User Permission", {"allow": "KLS Region"}),
	}


class TestInstall(FrappeTestCase):
	def test_setup_twice_changes_nothing(self):
		install.setup_site()
		before = counts()
		install.setup_site()
		install.after_migrate()
		self.assertEqual(counts(), before)
		self.assertEqual(before["Role"], 8)
		self.assertEqual(before["Role Profile"], len(rules.ROLE_PROFILES))
		self.assertEqual(before["KLS Region"], 20)
		self.assertEqual(before["KLS Office"], 21)
		self.assertEqual(before["Language kk"], 1)
		self.assertEqual(
			before["Custom Field"], 5
		)  # office, region, role description, description label; IIN (#22)

	def test_roles_have_descriptions_and_profiles_their_roles(self):
		for spec in rules.ROLES:
			self.assertEqual(
				frappe.db.get_value("Role", spec.name, install.ROLE_DESCRIPTION_FIELD), spec.description
			)
		head = frappe.get_doc("Role Profile", "Kelisim KGU Head")
		self.assertEqual({r.role for r in head.roles}, {rules.ROLE_KGU_HEAD, rules.ROLE_KGU_SPECIALIST})

	def test_an_administrators_edit_of_a_role_profile_is_kept(self):
		profile = frappe.get_doc("Role Profile", "Kelisim Mediator")
		profile.append("roles", {"role": rules.ROLE_STRUCTURE_SECRETARY})
		profile.save()
		install.setup_site()
		roles = {r.role for r in frappe.get_doc("Role Profile", "Kelisim Mediator").roles}
		self.assertIn(rules.ROLE_STRUCTURE_SECRETARY, roles)

	def test_kazakh_is_a_selectable_language(self):
		frappe.db.set_value("Language", "kk", "enabled", 0)
		install.ensure_kazakh_language()
		self.assertEqual(frappe.db.get_value("Language", "kk", "enabled"), 1)
		self.assertIn("kk", frappe.get_all("Language", filters={"enabled": 1}, pluck="name"))

	def test_translations_in_kazakh_and_russian(self):
		frappe.translate.clear_cache()
		expected = {
			("Region", "kk"): "Өңір",
			("Region", "ru"): "Регион",
			("Office type", "kk"): "Мекеме түрі",
			("KGU Specialist", "ru"): "Специалист КГУ",
		}
		for (message, lang), translation in expected.items():
			self.assertEqual(frappe._(message, lang=lang), translation)

	def test_customize_form_works_on_every_doctype_and_survives_migrate(self):
		"""Every DocType Customize Form can take (child tables included; Frappe refuses Single DocTypes there,
		they take custom fields through the Custom Field list): customised, then migrate's steps run."""
		doctypes = app_doctypes()
		self.assertTrue(
			any(frappe.get_meta(dt).istable for dt in doctypes), "child tables are customised too"
		)
		self.assertGreaterEqual(len(doctypes), 30)
		first_fields = {}
		for doctype in doctypes:
			with self.subTest(doctype=doctype):
				customize = frappe.get_doc("Customize Form")
				customize.doc_type = doctype
				customize.fetch_to_customize()
				self.assertTrue(customize.fields, doctype)
				create_custom_field(
					doctype, {"fieldname": "kls_local_note", "label": "Local note", "fieldtype": "Data"}
				)
				first_fields[doctype] = frappe.get_meta(doctype).fields[0].fieldname
				make_property_setter(
					doctype,
					first_fields[doctype],
					"description",
					"Local help",
					"Text",
					validate_fields_for_doctype=False,
				)
		for doctype in single_doctypes():
			create_custom_field(
				doctype, {"fieldname": "kls_local_note", "label": "Local note", "fieldtype": "Data"}
			)
		# what migrate does: every DocType synced again from its file, then the app's after_migrate
		for doctype in [*doctypes, *single_doctypes()]:
			frappe.reload_doctype(doctype, force=True)
		install.after_migrate()
		for doctype in doctypes:
			with self.subTest(doctype=doctype):
				meta = frappe.get_meta(doctype, cached=False)
				self.assertTrue(meta.has_field("kls_local_note"), doctype)
				self.assertEqual(meta.get_field(first_fields[doctype]).description, "Local help", doctype)
		for doctype in single_doctypes():
			self.assertTrue(frappe.get_meta(doctype, cached=False).has_field("kls_local_note"), doctype)

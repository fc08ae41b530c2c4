"""Install and migrate are idempotent; administrators customise the app's DocTypes without code."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_field
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.tests.utils import FrappeTestCase

from kelisim_app import install
from kelisim_app.kelisim_core import rules

APP_MODULES = ("Kelisim Core",)


def app_doctypes() -> list[str]:
	"""The app's DocTypes Customize Form can take (Frappe refuses Single DocTypes there)."""
	return frappe.get_all(
		"DocType",
		filters={"module": ["in", frappe.get_module_list("kelisim_app")], "istable": 0, "issingle": 0},
		pluck="name",
	)


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
		self.assertEqual(before["Custom Field"], 4)

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
		doctypes = app_doctypes()
		self.assertGreaterEqual(len(doctypes), 4)
		for doctype in doctypes:
			with self.subTest(doctype=doctype):
				customize = frappe.get_doc("Customize Form")
				customize.doc_type = doctype
				customize.fetch_to_customize()
				self.assertTrue(customize.fields, doctype)
				create_custom_field(
					doctype, {"fieldname": "kls_local_note", "label": "Local note", "fieldtype": "Data"}
				)
				first_field = frappe.get_meta(doctype).fields[0].fieldname
				make_property_setter(
					doctype,
					first_field,
					"description",
					"Local help",
					"Text",
					validate_fields_for_doctype=False,
				)
				frappe.reload_doctype(doctype, force=True)
				install.setup_site()
				meta = frappe.get_meta(doctype, cached=False)
				self.assertTrue(meta.has_field("kls_local_note"), doctype)
				self.assertTrue(meta.get_field(first_field).description == "Local help", doctype)

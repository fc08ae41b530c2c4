# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_mediation.testing import make_case

CASE = "KLS Mediation Case"
FORMAT = "Mediation Agreement"


class TestMediationAgreement(FrappeTestCase):
	def test_renders_kk_and_ru_with_the_parties_signatures(self):
		case = make_case(language="kk", agreement_terms="Shared courtyard by a timetable.")
		html = frappe.get_print(CASE, case.name, FORMAT)
		self.assertIn("Медиация туралы келісім", html)
		self.assertIn("Aigerim Applicant", html)
		self.assertIn("Boris Otherparty", html)
		self.assertIn("Shared courtyard by a timetable.", html)
		case.language = "ru"
		case.save()
		html = frappe.get_print(CASE, case.name, FORMAT)
		self.assertIn("Соглашение о медиации", html)
		self.assertIn("Подпись", html)

	def test_pdf(self):
		case = make_case(language="ru", agreement_terms="Terms.")
		pdf = frappe.get_print(CASE, case.name, FORMAT, as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))

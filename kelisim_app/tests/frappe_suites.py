"""The site Frappe's own test suites expect (dev/frappe-suites).

Frappe's `before_tests` (frappe.utils.install.before_tests) completes the setup wizard — English, the United
States, its formats — but only on a site where Frappe is the only app: with another app installed it leaves
that to the app. Frappe's tests assume that site (the reset-password tests save System Settings, whose language
the wizard sets; the dashboard-chart tests read dates in the United States' format). `prepare` makes it on the
throwaway test site, after the app's own tests and journeys have run there, exactly as Frappe's hook does."""

from __future__ import annotations

import frappe
from frappe.utils import cint


def prepare() -> None:
	from frappe.desk.page.setup_wizard.setup_wizard import update_system_settings
	from frappe.utils.install import complete_setup_wizard

	if not cint(frappe.db.get_single_value("System Settings", "setup_complete")):
		complete_setup_wizard()
	else:
		# completed earlier (the journeys' setup, with Kazakhstan's formats): the wizard's System Settings
		# again, as complete_setup_wizard gives them (the United States' dates: the dashboard-chart tests
		# compare labels such as "12-30-2018")
		update_system_settings(
			{"language": "English", "country": "United States", "timezone": "America/New_York"}
		)
	# the wizard sets the country's date, number and time formats; the first day of the week it leaves as
	# the app set it (Monday, Kazakhstan's): back to Frappe's default, which its weekly-chart tests assume
	default = frappe.get_meta("System Settings").get_field("first_day_of_the_week").default
	frappe.db.set_single_value("System Settings", "first_day_of_the_week", default)
	frappe.db.set_single_value("Website Settings", "disable_signup", 0)
	frappe.db.commit()  # nosemgrep: a bench execute step of the test command, before Frappe's own suites
	frappe.clear_cache()

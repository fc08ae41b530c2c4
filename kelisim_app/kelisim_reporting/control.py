"""Reporting discipline: reminders before a period's due date, escalation after it (the KGU Head first,
then the RGU Coordinator), each sent once per region and period."""

from __future__ import annotations

import json
from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.localization import region_names
from kelisim_app.kelisim_core.notify import notify, region_staff, rgu_staff

REMIND_DAYS_BEFORE = 3
ESCALATE_TO_RGU_AFTER = 5


def daily() -> None:
	run_compliance(getdate(today()))


def run_compliance(on: date) -> None:
	regions = frappe.get_all("KLS Region", pluck="name")
	for period in frappe.get_all(
		"KLS Reporting Period",
		filters={"locked": 0, "due_date": [">=", add_days(on, -60)]},
		fields=["name", "title", "due_date", "reminders_sent"],
	):
		sent = set(json.loads(period.reminders_sent or "[]"))
		submitted = set(
			frappe.get_all(
				"KLS Regional Report",
				filters={"period": period.name, "submitted_on": ["is", "set"], "docstatus": ["<", 2]},
				pluck="region",
			)
		)
		due = getdate(period.due_date)
		doc = frappe._dict(doctype="KLS Reporting Period", name=period.name)
		escalate = []
		for region in sorted(set(regions) - submitted):
			days = (due - on).days
			if 0 <= days <= REMIND_DAYS_BEFORE and f"remind:{region}" not in sent:
				notify(
					region_staff(region, (core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST)),
					lambda: _("The report for {0} is due in {1} days").format(period.title, days),
					doc,
				)
				sent.add(f"remind:{region}")
			if days < 0 and f"kgu:{region}" not in sent:
				notify(
					region_staff(region, (core.ROLE_KGU_HEAD,)),
					lambda: _("The report for {0} is overdue by {1} days").format(period.title, -days),
					doc,
				)
				sent.add(f"kgu:{region}")
			if -days > ESCALATE_TO_RGU_AFTER and f"rgu:{region}" not in sent:
				escalate.append(region)
				sent.add(f"rgu:{region}")
		if escalate:  # one message for the RGU, naming every late region
			notify(
				rgu_staff((core.ROLE_RGU_COORDINATOR,)),
				lambda: _("Regions {0} have not submitted their reports for {1}, due {2}").format(
					# by name in the reader's language, never the code (#23)
					", ".join(region_names(escalate).get(r, r) for r in escalate),
					period.title,
					frappe.format(due, "Date"),
				),
				doc,
			)
		frappe.db.set_value(
			"KLS Reporting Period",
			period.name,
			"reminders_sent",
			json.dumps(sorted(sent)),
			update_modified=False,
		)

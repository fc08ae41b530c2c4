# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from __future__ import annotations

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_registry.tests.factories import make_membership, make_person, make_structure
from kelisim_app.tests.utils import kgu_office, make_user


class TestYoungLeadersPool(FrappeTestCase):
	def test_young_leaders_with_their_structures_and_initiatives(self):
		hq = make_structure("Ylp Youth HQ", "KZ-71", "Youth Movement Headquarters", level="Oblast")
		leader = make_person("Ylp", "Leader", region="KZ-71", is_young_leader=1)
		other = make_person("Ylp", "Elsewhere", region="KZ-75", is_young_leader=1)
		make_person("Ylp", "Not a leader", region="KZ-71")
		make_membership(leader, hq, from_date="2024-01-01")
		for decision in ("Supported", "Not supported"):
			frappe.get_doc(
				{
					"doctype": "KLS Youth Initiative",
					"title": f"Ylp {decision}",
					"proposing_structure": hq,
					"proposer": leader,
					"proposed_on": add_days(today(), -30),
					"description": "x",
					"decision": decision,
					"decided_on": add_days(today(), -20),
					"decision_reason": "No budget" if decision == "Not supported" else None,
					"completed_on": add_days(today(), -5) if decision == "Supported" else None,
				}
			).insert(ignore_permissions=True)
		user = make_user("ylp-kgu", [core.ROLE_KGU_SPECIALIST], kgu_office("KZ-71"))
		frappe.set_user(user)
		try:
			rows = {r["person"]: r for r in run("Young Leaders Pool", filters={})["result"]}
		finally:
			frappe.set_user("Administrator")
		self.assertNotIn(other, rows)
		row = rows[leader]
		self.assertIn("Ylp Youth HQ", row["structures"])
		self.assertEqual((row["initiatives"], row["supported"], row["completed"]), (2, 1, 1))
		self.assertTrue(all(r["full_name"] != "Ylp Not a leader" for r in rows.values()))

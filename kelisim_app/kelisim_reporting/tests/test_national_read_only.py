"""The national roll-up reads under Frappe's read-only mode (`replica_read`): gathering the signed-off
snapshots cannot write (and reads from the replica when the site has one); only the save of the national
report writes, after it."""

from __future__ import annotations

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_reporting import rules
from kelisim_app.kelisim_reporting.doctype.kls_national_report import kls_national_report
from kelisim_app.kelisim_reporting.tests.factories import current_quarter
from kelisim_app.tests.utils import make_user, rgu_office
from kelisim_app.utils import read_only

REAL_AGGREGATE = rules.aggregate


def writing_aggregate(snapshots):
	"""`rules.aggregate` with a write inside: what the read-only mode must refuse."""
	frappe.get_doc({"doctype": "ToDo", "description": "written by the roll-up"}).insert(
		ignore_permissions=True
	)
	return REAL_AGGREGATE(snapshots)


class TestNationalRollUpReadOnly(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		self.period = current_quarter()
		frappe.db.delete("KLS National Report", {"period": self.period})
		self.coordinator = make_user("rgu-national-ro", [core.ROLE_RGU_COORDINATOR], rgu_office())

	def tearDown(self):
		frappe.db.rollback()
		frappe.set_user("Administrator")

	def national(self):
		frappe.set_user(self.coordinator)
		return frappe.get_doc({"doctype": "KLS National Report", "period": self.period}).insert()

	def assert_not_written(self):
		self.assertFalse(frappe.db.exists("ToDo", {"description": "written by the roll-up"}))

	def test_gather_is_under_replica_read(self):
		gather = kls_national_report.gather
		self.assertEqual(gather.__code__.co_filename, read_only.__file__)
		self.assertTrue(hasattr(gather, "__wrapped__"))

	def test_a_write_while_gathering_fails_in_a_clean_transaction(self):
		frappe.db.rollback()
		self.assertEqual(frappe.db.transaction_writes, 0)
		with patch.object(rules, "aggregate", writing_aggregate):
			self.assertRaises(frappe.InReadOnlyMode, kls_national_report.gather, self.period)
		self.assert_not_written()
		# the connection writes again afterwards
		frappe.get_doc({"doctype": "ToDo", "description": "after the roll-up"}).insert(
			ignore_permissions=True
		)

	def test_a_write_while_gathering_fails_inside_compile_and_nothing_is_half_saved(self):
		national = self.national()  # an uncommitted write before the roll-up, as in a request
		with patch.object(rules, "aggregate", writing_aggregate):
			self.assertRaises(frappe.InReadOnlyMode, national.compile)
		self.assert_not_written()
		self.assertFalse(frappe.db.get_value("KLS National Report", national.name, "compiled_on"))

	def test_compile_saves_after_the_read_only_gathering(self):
		national = self.national()
		modes = []

		def spy(snapshots):
			modes.append(frappe.flags.read_only)
			return REAL_AGGREGATE(snapshots)

		with patch.object(kls_national_report, "gather", wraps=kls_national_report.gather) as gather:
			with patch.object(rules, "aggregate", spy):
				national.compile()
		gather.assert_called_once_with(self.period)
		self.assertEqual(modes, [True], "the snapshots are summed in read-only mode")
		self.assertFalse(frappe.flags.read_only)
		national.reload()
		self.assertTrue(national.compiled_on)
		self.assertEqual(len(national.regions), frappe.db.count("KLS Region"))

	def test_with_a_replica_the_gathering_uses_another_connection(self):
		conf = frappe.local.conf
		saved = {k: conf.get(k) for k in ("read_from_replica", "replica_host")}
		primary = frappe.local.db
		seen = []

		def spy(snapshots):
			seen.append(frappe.local.db)
			return REAL_AGGREGATE(snapshots)

		conf.read_from_replica = 1
		conf.replica_host = conf.get("db_host") or "127.0.0.1"
		try:
			frappe.db.rollback()
			with patch.object(rules, "aggregate", spy):
				kls_national_report.gather(self.period)
		finally:
			frappe.local.db = primary
			for attr in ("replica_db", "primary_db"):
				if hasattr(frappe.local, attr):
					delattr(frappe.local, attr)
			for key, value in saved.items():
				if value is None:
					conf.pop(key, None)
				else:
					conf[key] = value
		self.assertEqual(len(seen), 1)
		self.assertIsNot(seen[0], primary)
		self.assertIs(frappe.local.db, primary)

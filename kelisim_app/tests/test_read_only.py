"""`replica_read`: the Script Reports run read-only (on the replica when the site has one), a write inside a
decorated function fails, and the connection writes again afterwards."""

from __future__ import annotations

import importlib

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from kelisim_app.utils import read_only
from kelisim_app.utils.read_only import is_write_statement, replica_read


def script_reports() -> dict[str, str]:
	"""Every standard Script Report of the app: {report: the module of its execute()}."""
	modules = frappe.get_all("Module Def", filters={"app_name": "kelisim_app"}, pluck="name")
	reports = frappe.get_all(
		"Report",
		filters={"module": ["in", modules], "report_type": "Script Report", "is_standard": "Yes"},
		fields=["name", "module"],
	)
	return {
		r.name: f"kelisim_app.{frappe.scrub(r.module)}.report.{frappe.scrub(r.name)}.{frappe.scrub(r.name)}"
		for r in reports
	}


def new_todo(description: str):
	return frappe.get_doc({"doctype": "ToDo", "description": description}).insert(ignore_permissions=True)


@replica_read
def try_insert(description: str):
	return new_todo(description)


@replica_read
def try_set_value(name: str, description: str):
	frappe.db.set_value("ToDo", name, "description", description)


@replica_read
def try_raw_update():
	frappe.db.sql("update `tabToDo` set description = 'changed' where 1 = 0")


@replica_read
def read_count() -> int:
	return frappe.db.count("ToDo")


@replica_read
def nested() -> int:
	return read_count() + 1


@replica_read
def connection_inside():
	return frappe.local.db, getattr(frappe.local, "primary_db", None)


def decorated(fn) -> bool:
	"""Whether `replica_read` is among the decorators of `fn` (frappe.whitelist may wrap it again)."""
	while fn is not None:
		if fn.__code__.co_filename == read_only.__file__:
			return True
		fn = getattr(fn, "__wrapped__", None)
	return False


class TestReadOnly(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.reports = script_reports()

	def setUp(self):
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.db.rollback()
		frappe.set_user("Administrator")

	def clean_transaction(self):
		"""A transaction without writes: the decorator uses a MariaDB read-only transaction."""
		frappe.db.rollback()
		self.assertEqual(frappe.db.transaction_writes, 0)

	# ------------------------------------------------------------------ every report is decorated and runs
	def test_every_report_execute_is_decorated(self):
		self.assertGreaterEqual(len(self.reports), 10)
		for report, module in self.reports.items():
			with self.subTest(report=report):
				execute = importlib.import_module(module).execute
				self.assertEqual(execute.__code__.co_filename, read_only.__file__, report)
				self.assertTrue(hasattr(execute, "__wrapped__"), report)

	def test_reports_run_read_only_in_a_clean_transaction(self):
		for report, module in self.reports.items():
			with self.subTest(report=report):
				self.clean_transaction()
				result = importlib.import_module(module).execute({})
				self.assertIsInstance(result[1], list)
				# through Frappe's own endpoint too (it is read_only as well)
				self.clean_transaction()
				self.assertIn("result", run(report, filters={}))
				# and the connection writes again after the report
				todo = new_todo(f"after {report}")
				self.assertTrue(frappe.db.exists("ToDo", todo.name))

	def test_reports_run_read_only_after_uncommitted_writes(self):
		frappe.db.rollback()
		todo = new_todo("written before the reports")
		for report, module in self.reports.items():
			with self.subTest(report=report):
				self.assertGreater(frappe.db.transaction_writes, 0)
				importlib.import_module(module).execute({})
		# the caller's uncommitted write is neither lost nor committed by the reports
		self.assertTrue(frappe.db.exists("ToDo", todo.name))
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("ToDo", todo.name))

	# ------------------------------------------------------------------ dashboard figures
	def test_dashboard_figures_are_read_only(self):
		"""Counts, dashboard charts and number cards (Frappe's endpoints, overridden in hooks) run under
		replica_read: they give their figures, and a write slipped into their body fails."""
		from unittest.mock import patch

		from kelisim_app.kelisim_reporting import dashboard
		from kelisim_app.overrides import read_guard

		figures = {
			"count": (read_guard.get_count, {"doctype": "KLS Mediation Case"}),
			"chart": (read_guard.dashboard_chart_data, {"chart_name": "Events per Month"}),
			"card": (
				read_guard.number_card_result,
				{
					"doc": {
						"name": "Open Mediation Cases",
						"function": "Count",
						"document_type": "KLS Mediation Case",
					},
					"filters": [["KLS Mediation Case", "docstatus", "<", 2]],
				},
			),
			"custom card": (dashboard.reports_overdue, {}),
		}
		overrides = {
			m for methods in frappe.get_hooks("override_whitelisted_methods").values() for m in methods
		}
		for target in ("get_count", "dashboard_chart_data", "number_card_result"):
			self.assertIn(f"kelisim_app.overrides.read_guard.{target}", overrides)
		real_get_list = frappe.get_list

		def get_list_that_writes(*args, **kwargs):
			with patch("frappe.get_list", real_get_list):  # the insert's own reads
				new_todo("written by a dashboard figure")
			return real_get_list(*args, **kwargs)

		for label, (fn, kwargs) in figures.items():
			with self.subTest(figure=label):
				self.assertTrue(decorated(fn), label)
				self.clean_transaction()
				self.assertIsNotNone(fn(**kwargs))
				self.clean_transaction()
				with patch("frappe.get_list", get_list_that_writes), self.assertRaises(frappe.InReadOnlyMode):
					fn(**kwargs)
				self.assertFalse(frappe.db.exists("ToDo", {"description": "written by a dashboard figure"}))
		new_todo("the connection writes again")

	# ------------------------------------------------------------------ a write inside fails
	def test_write_fails_in_a_clean_transaction(self):
		self.clean_transaction()
		with self.assertRaises(frappe.InReadOnlyMode):
			try_insert("must not be written")
		with self.assertRaises(frappe.InReadOnlyMode):
			try_raw_update()
		self.assertFalse(frappe.db.exists("ToDo", {"description": "must not be written"}))
		# afterwards the connection writes normally
		todo = new_todo("written after")
		frappe.db.set_value("ToDo", todo.name, "description", "written after, changed")
		self.assertEqual(frappe.db.get_value("ToDo", todo.name, "description"), "written after, changed")

	def test_set_value_fails_and_the_record_is_unchanged(self):
		todo = new_todo("original")
		frappe.db.commit()  # nosemgrep: a committed record, then a clean transaction
		self.addCleanup(lambda: (frappe.delete_doc("ToDo", todo.name, force=True), frappe.db.commit()))
		self.clean_transaction()
		with self.assertRaises(frappe.InReadOnlyMode):
			try_set_value(todo.name, "changed")
		self.assertEqual(frappe.db.get_value("ToDo", todo.name, "description"), "original")
		frappe.db.set_value("ToDo", todo.name, "description", "changed normally")
		self.assertEqual(frappe.db.get_value("ToDo", todo.name, "description"), "changed normally")

	def test_write_fails_after_uncommitted_writes(self):
		frappe.db.rollback()
		before = new_todo("caller's write")
		with self.assertRaises(frappe.InReadOnlyMode):
			try_insert("must not be written")
		with self.assertRaises(frappe.InReadOnlyMode):
			try_set_value(before.name, "changed")
		self.assertEqual(frappe.db.get_value("ToDo", before.name, "description"), "caller's write")
		self.assertFalse(frappe.db.exists("ToDo", {"description": "must not be written"}))
		after = new_todo("written after")
		self.assertTrue(frappe.db.exists("ToDo", after.name))

	def test_reads_and_nesting(self):
		self.clean_transaction()
		count = frappe.db.count("ToDo")
		self.assertEqual(read_count(), count)
		self.assertEqual(nested(), count + 1)
		self.assertFalse(frappe.flags.read_only)
		new_todo("writes after nesting")

	# ------------------------------------------------------------------ with a replica
	def test_read_from_replica_uses_another_connection(self):
		"""`read_from_replica` + `replica_host` (here the same server): the body runs on a second connection,
		read-only there too, and the primary comes back."""
		conf = frappe.local.conf
		saved = {k: conf.get(k) for k in ("read_from_replica", "replica_host")}
		primary = frappe.local.db  # the connection itself, not the `frappe.db` proxy
		conf.read_from_replica = 1
		conf.replica_host = conf.get("db_host") or "127.0.0.1"
		try:
			self.clean_transaction()
			inside, primary_inside = connection_inside()
			self.assertIsNot(inside, primary)
			self.assertIs(primary_inside, primary)
			self._reset_replica(primary)
			with self.assertRaises(frappe.InReadOnlyMode):
				try_insert("must not be written on the replica")
		finally:
			self._reset_replica(primary)
			for key, value in saved.items():
				if value is None:
					conf.pop(key, None)
				else:
					conf[key] = value
		self.assertIs(frappe.local.db, primary)
		new_todo("primary writes again")

	def _reset_replica(self, primary):
		frappe.local.db = primary
		for attr in ("replica_db", "primary_db"):
			if hasattr(frappe.local, attr):
				delattr(frappe.local, attr)

	# ------------------------------------------------------------------ the statement filter
	def test_is_write_statement(self):
		for query in (
			"insert into x",
			" UPDATE x",
			"delete from x",
			"replace into x",
			"alter table x",
			"drop table x",
		):
			self.assertTrue(is_write_statement(query), query)
		for query in (
			"select 1",
			"create temporary table t (a int)",
			"drop temporary table t",
			"show tables",
		):
			self.assertFalse(is_write_statement(query), query)

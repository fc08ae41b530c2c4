"""Permission matrix, generated from the app's metadata: every region-scoped DocType × every access path ×
every user kind, every Script Report × every user kind, every whitelisted method × every user kind.

Each cell compares what the user actually reached with what the metadata says he may reach
(`matrix.expected`); the failures are collected and listed together."""

from __future__ import annotations

import frappe
from frappe.tests.utils import FrappeTestCase

from kelisim_app.kelisim_core.permissions import region_scoped_doctypes
from kelisim_app.kelisim_registry.jobs import ALLOWED_ROLES as ACTIVITY_ROLES
from kelisim_app.kelisim_reporting.jobs import ALLOWED_ROLES as COMPILE_ROLES
from kelisim_app.tests.security import matrix, scan, world
from kelisim_app.tests.security.matrix import expected, outcome, write_outcome

CASE = "KLS Mediation Case"
REPORT = "KLS Regional Report"
# #22: who takes signed steps, who reads signatures (each method checks the document's own permission)
SIGNING_ROLES = {"KGU Head", "RGU Head", "RGU Coordinator", "Kelisim Administrator", "System Manager"}
SIGNATURE_READERS = SIGNING_ROLES | {"KGU Specialist", "Ministry Observer"}

# How each module-level whitelisted method may be called: (who, arguments). A method the app gains later
# fails the matrix until it is declared here.
MODULE_POLICY = {
	# --- #18B: anonymisation on request (refused before its arguments are read); the desk's workflow methods,
	# overridden for four eyes, act on a document the user must read (their own suite: test_four_eyes.py)
	"kelisim_app.kelisim_registry.personal_data.anonymise": (
		"roles",
		{"KGU Head", "Kelisim Administrator", "System Manager"},
	),
	"kelisim_app.kelisim_core.four_eyes.get_transitions": ("signed in", "workflow"),
	"kelisim_app.kelisim_core.four_eyes.apply_workflow": ("signed in", "workflow-write"),
	"kelisim_app.kelisim_registry.doctype.kls_person.kls_person.birth_date_hint": ("signed in", "iin"),
	"kelisim_app.kelisim_registry.jobs.enqueue_activity_refresh": ("roles", ACTIVITY_ROLES),
	"kelisim_app.kelisim_reporting.jobs.enqueue_compile_all_regions": ("roles", COMPILE_ROLES),
	"kelisim_app.kelisim_core.health.health": ("roles", {"System Manager"}),
	"kelisim_app.demo.jobs.enqueue_demo": ("roles", {"System Manager"}),
	"kelisim_app.kelisim_mediation.appeals.check_status": ("guest", "status"),
	"kelisim_app.kelisim_reporting.dashboard.reports_overdue": ("read", REPORT),
	"kelisim_app.overrides.read_guard.search_link": ("signed in", "search"),
	"kelisim_app.overrides.read_guard.search_widget": ("signed in", "search"),
	"kelisim_app.overrides.read_guard.dashboard_chart_data": ("signed in", "chart"),
	"kelisim_app.overrides.read_guard.get_count": ("signed in", "count"),
	# a number card counts its DocType as get_list does: only for those who may read it
	"kelisim_app.overrides.read_guard.number_card_result": ("read", CASE),
	# --- #19: the field app; each acts as the user (its own suite: kelisim_app/field/test_field_sync.py)
	"kelisim_app.field.api.bootstrap": ("signed in", "field"),
	"kelisim_app.field.api.translations": ("signed in", "field"),
	"kelisim_app.field.api.sync": ("signed in", "field"),
	# #22: the signing steps (who may take one), the signatures of a document (who may read it)
	"kelisim_app.kelisim_core.signing.signing_request": ("roles", SIGNING_ROLES),
	"kelisim_app.kelisim_core.signing.apply_signed_transition": ("roles", SIGNING_ROLES),
	"kelisim_app.kelisim_core.signing.signature_status": ("read", "KLS National Report"),
	"kelisim_app.kelisim_core.signing.download_signature": ("roles", SIGNATURE_READERS),
	"kelisim_app.kelisim_core.signing.download_content": ("roles", SIGNATURE_READERS),
	# --- #21: the Telegram page acts on the signed-in user's own account; the webhook needs Telegram's secret
	"kelisim_app.kelisim_core.telegram.my_status": ("signed in", "telegram"),
	"kelisim_app.kelisim_core.telegram.unlink_me": ("signed in", "telegram"),
	"kelisim_app.kelisim_core.telegram.start_linking": ("signed in", "telegram-write"),
	"kelisim_app.kelisim_core.telegram.set_preference": ("signed in", "telegram-write"),
	"kelisim_app.kelisim_core.telegram.set_webhook": ("roles", {"System Manager", "Kelisim Administrator"}),
	"kelisim_app.kelisim_core.telegram.webhook": ("secret", "telegram-webhook"),
	# #23: the map's figures (default measure: the active share of structures) for those who read them
	"kelisim_app.kelisim_reporting.region_map.get_region_figures": ("read", "KLS Public Structure"),
	# #18: global search answers only records the caller may read (its own test: test_document_access.py)
	"kelisim_app.overrides.document_access.global_search": ("signed in", "global-search"),
	# #20: the ministry acknowledges the receipt of a report handed over to it; a report any of its readers
	# exports for the ministry (each refuses a record the caller may not read: test_handover.py)
	"kelisim_app.kelisim_reporting.handover.acknowledge_receipt": (
		"roles",
		{"Ministry Observer", "Kelisim Administrator", "System Manager"},
	),
	"kelisim_app.kelisim_reporting.handover.export_for_ministry": ("roles", SIGNATURE_READERS),
}
METHOD_KWARGS = {
	"kelisim_app.overrides.document_access.global_search": {"text": "Astana"},
	"kelisim_app.kelisim_reporting.handover.acknowledge_receipt": {
		"doctype": "KLS Regional Report",
		"name": "RR-NO-SUCH-REPORT",
	},
	"kelisim_app.kelisim_reporting.handover.export_for_ministry": {
		"doctype": "KLS Regional Report",
		"name": "RR-NO-SUCH-REPORT",
	},
	# #18B: a DocType without a workflow (every signed-in user reads the regions)
	"kelisim_app.kelisim_core.four_eyes.get_transitions": {
		"doc": {"doctype": "KLS Region", "name": world.REGION_A}
	},
	"kelisim_app.kelisim_core.four_eyes.apply_workflow": {
		"doc": {"doctype": "KLS Region", "name": world.REGION_A},
		"action": "Approve",
	},
	# #22: the matrix's national report (record_for), a step only the RGU Coordinator takes from Draft
	"kelisim_app.kelisim_core.signing.signing_request": {
		"doctype": "KLS National Report",
		"name": "NR-Quarter-2031-1",
		"action": "Submit for sign-off",
	},
	"kelisim_app.kelisim_core.signing.apply_signed_transition": {
		"doctype": "KLS National Report",
		"name": "NR-Quarter-2031-1",
		"action": "Submit for sign-off",
		"signature": "",
	},
	"kelisim_app.kelisim_core.signing.signature_status": {
		"doctype": "KLS National Report",
		"name": "NR-Quarter-2031-1",
	},
	"kelisim_app.kelisim_core.signing.download_signature": {"name": "SIG-none"},
	"kelisim_app.kelisim_core.signing.download_content": {"name": "SIG-none"},
	"kelisim_app.overrides.read_guard.number_card_result": {
		"doc": {"name": "Open Mediation Cases", "function": "Count", "document_type": CASE},
		"filters": [],
	},
	"kelisim_app.kelisim_core.telegram.set_preference": {"preference": "Desk only"},  # #21
}
# What each DocType method needs: the permission on the record, or a role besides it.
DOC_METHOD_POLICY = {
	"KLS Instruction Execution.get_tasks": ("read", None),
	"KLS Instruction Execution.decide_extension": ("write", {"RGU Head", "RGU Coordinator"}),
	"KLS Shipped Workflow.reset_to_shipped": ("write", {"System Manager", "Kelisim Administrator"}),
}
DOC_METHOD_ARGS = {
	"KLS Instruction Execution.request_extension": {"new_deadline": "2099-01-01", "reason": "Sec"},
	"KLS Instruction Execution.decide_extension": {"grant": 0},
	"KLS Instruction Execution.assign_task": {"structure": "", "description": "Sec"},
}
REPORT_FILTERS = {"year": 2031, "from_date": "2000-01-01", "to_date": "2100-12-31"}


class TestPermissionMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = world.users()
		cls.kinds = world.kinds_with_users()
		cls.doctypes = region_scoped_doctypes()
		cls.records = world.records(cls.users, cls.doctypes)
		frappe.set_user("Administrator")
		cls.files = {dt: world.attach_private_file(dt, name) for dt, name in cls.records.items()}
		# #22: the national report the signing methods are called on (METHOD_KWARGS)
		TestPermissionMatrix.record_for(cls, "KLS National Report")
		cls.cells = cls.denials = 0
		cls.failures: list[str] = []

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		matrix.clear_request()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		matrix.clear_request()

	def check(self, label: str, kind, allowed: bool, got: bool):
		type(self).cells += 1
		type(self).denials += 0 if allowed else 1
		if got != allowed:
			self.failures.append(f"{label} as {kind.key}: expected {'access' if allowed else 'denial'}")

	def as_kind(self, kind):
		frappe.set_user(kind.user)
		matrix.clear_request()

	# ------------------------------------------------------------------ region-scoped records
	def test_1_records(self):
		self.assertGreaterEqual(len(self.doctypes), 10, "region-scoped DocTypes come from the metadata")
		for doctype, name in self.records.items():
			for kind in self.kinds:
				read = expected(kind, doctype, world.REGION_A, "read")
				write = expected(kind, doctype, world.REGION_A, "write")
				for path, via in matrix.READ_PATHS.items():
					self.as_kind(kind)
					allowed = read and expected(
						kind, doctype, world.REGION_A, matrix.PATH_PTYPE.get(path, "read")
					)
					self.check(f"{path} {doctype} {name}", kind, allowed, outcome(lambda: via(doctype, name)))
				self.as_kind(kind)
				file = frappe.get_doc("File", self.files[doctype])
				self.check(f"private attachment of {doctype}", kind, read, outcome(file.is_downloadable))
				for path, via in matrix.WRITE_PATHS.items():
					self.as_kind(kind)
					self.check(
						f"{path} {doctype} {name}", kind, write, write_outcome(lambda: via(doctype, name))
					)
		self.report_failures()

	# ------------------------------------------------------------------ script reports
	def test_2_script_reports(self):
		from frappe.desk.query_report import run

		reports = scan.script_reports()
		self.assertGreaterEqual(len(reports), 5)
		prepared = frappe.get_all(
			"Report", filters={"name": ["in", [r.name for r in reports]], "prepared_report": 1}, pluck="name"
		)
		self.assertFalse(prepared, "a prepared report is computed once and shown to others: scope it first")
		region_b = world.REGION_B
		for report in reports:
			roles = set(
				frappe.get_all("Has Role", {"parent": report.name, "parenttype": "Report"}, pluck="role")
			)
			for kind in self.kinds:
				allowed = (
					not kind.guest
					and bool(roles & set(kind.roles))
					and matrix.role_grants(kind, report.ref_doctype, "report")
				)
				self.as_kind(kind)
				result = {}

				def call(report=report):
					result.update(run(report.name, filters=dict(REPORT_FILTERS), ignore_prepared_report=True))
					return True

				self.check(f"script report {report.name}", kind, allowed, outcome(call))
				if allowed and kind.region:
					# a KGU user's report counts his region only: the other regions' rows are denials
					foreign = world.REGION_A if kind.region == region_b else region_b
					self.check(
						f"script report {report.name} rows of {foreign}",
						kind,
						False,
						mentions(result.get("result") or [], foreign),
					)
		self.report_failures()

	# ------------------------------------------------------------------ whitelisted methods
	def test_3_whitelisted_methods(self):
		methods = scan.whitelisted_methods()
		self.assertTrue(methods)
		undeclared = [m.path for m in methods if not m.doctype and m.path not in MODULE_POLICY]
		self.assertFalse(undeclared, f"declare the access policy of {undeclared} in MODULE_POLICY")
		for method in methods:
			for kind in self.kinds:
				if method.doctype:
					self.doc_method(method, kind)
				else:
					self.module_method(method, kind)
		self.report_failures()

	def record_for(self, doctype: str) -> str:
		if doctype in self.records:
			return self.records[doctype]
		if doctype == "KLS Shipped Workflow":
			return frappe.get_all(doctype, pluck="name", limit=1)[0]
		if doctype == "KLS National Report":
			from kelisim_app.kelisim_reporting.tests.factories import quarter

			period = quarter(2031, 1)
			name = frappe.db.get_value(doctype, {"period": period, "docstatus": 0})
			return (
				name
				or frappe.get_doc({"doctype": doctype, "period": period}).insert(ignore_permissions=True).name
			)
		raise AssertionError(f"add a record of {doctype} to the permission matrix (record_for)")

	def doc_method(self, method, kind):
		from frappe.handler import run_doc_method

		frappe.set_user("Administrator")
		name = self.record_for(method.doctype)
		region = (
			frappe.db.get_value(method.doctype, name, "region")
			if frappe.get_meta(method.doctype).has_field("region")
			else None
		)
		ptype, roles = DOC_METHOD_POLICY.get(method.path, ("write", None))
		allowed = expected(kind, method.doctype, region, ptype) and (
			not roles or bool(roles & set(kind.roles))
		)
		args = dict(DOC_METHOD_ARGS.get(method.path, {}))
		if method.path == "KLS Instruction Execution.assign_task":
			args["structure"] = self.records["KLS Public Structure"]
		self.as_kind(kind)
		matrix.reset_request(method="POST")

		def call():
			run_doc_method(method.name, dt=method.doctype, dn=name, args=frappe.as_json(args))

		self.check(f"method {method.path}", kind, allowed, write_outcome(call))

	def module_method(self, method, kind):
		who, what = MODULE_POLICY[method.path]
		roles = set(kind.roles)
		if who == "guest":
			allowed = True
		elif who == "signed in":
			allowed = not kind.guest
		elif who == "roles":
			allowed = bool(roles & set(what))
		elif who == "secret":  # #21: nobody gets through without the caller's shared secret (a header)
			allowed = False
		else:
			allowed = matrix.role_grants(kind, what, "read")
		if who == "roles" and allowed:
			return  # would queue a real job: the refusal is what the matrix checks
		kwargs = (
			{
				"iin": {"iin": world.PERSON_IIN},
				"status": {"reference": self.records[CASE], "contact": "+77000000000"},
				"search": {"doctype": "KLS Region", "txt": world.REGION_A},
				"chart": {"chart_name": "Events per Month"},
				"count": {"doctype": "KLS Region"},
			}.get(what, {})
			if isinstance(what, str)
			else {}
		) or METHOD_KWARGS.get(method.path, {})
		self.as_kind(kind)
		matrix.reset_request(method="POST" if who == "guest" else "GET")
		fn = frappe.get_attr(f"{method.module}.{method.name}")
		frappe.cache.delete_keys("rl:")  # the guest method's rate limit is its own suite's concern
		frappe.cache.delete_keys("kls-mediation:")

		def call():
			frappe.is_whitelisted(fn)
			result = fn(**kwargs)
			if who == "guest":
				# a wrong contact reveals nothing about the case
				self.assertEqual(set(result), {"found", "message"})
				self.assertFalse(result["found"])
			return True

		# a "-write" method changes the user's own records: a business rule's refusal still let him through
		run = write_outcome if isinstance(what, str) and what.endswith("-write") else outcome
		self.check(
			f"method {method.path}", kind, allowed, run(call)
		)  # read-only methods (some switch transactions)

	# ------------------------------------------------------------------ dashboard charts
	def test_4_dashboard_charts_are_computed_per_user(self):
		"""A figure cached for one user (Frappe keys its chart cache by chart only) is never served to
		another: each call computes the chart with its user's permissions."""
		from frappe.handler import execute_cmd

		# Custom charts are computed by their own source method, never through the cached endpoint
		charts = frappe.get_all(
			"Dashboard Chart",
			filters={"module": ["in", scan.app_modules()], "chart_type": ["!=", "Custom"]},
			pluck="name",
		)
		self.assertTrue(charts)
		poison = {"labels": ["another user's figures"], "datasets": [{"values": [999999]}]}
		for chart in charts:
			for kind in self.kinds:
				if kind.guest:
					continue
				frappe.cache.set_value(f"chart-data:{chart}", frappe.as_json(poison))
				self.as_kind(kind)
				matrix.reset_request({"chart_name": chart}, method="GET")
				try:
					data = execute_cmd("frappe.desk.doctype.dashboard_chart.dashboard_chart.get")
				except frappe.PermissionError:
					data = None
				self.check(f"dashboard chart {chart} from another user's cache", kind, False, data == poison)
				frappe.cache.delete_value(f"chart-data:{chart}")
		self.report_failures()

	# ------------------------------------------------------------------ summary
	def report_failures(self):
		failures, type(self).failures = list(self.failures), []
		self.assertFalse(failures, "\n".join(failures))

	def test_9_metric(self):
		print(
			f"kelisim-metric: permission matrix {self.cells} cells, {self.denials} denials checked"
			f" (child rows listed for {len(matrix.CHILD_ROWS_CHECKED)} DocTypes)"
		)
		self.assertGreater(self.denials, 100)
		# the child-rows path met real rows (cases' parties, plans' indicators...), not only empty records
		self.assertGreaterEqual(len(matrix.CHILD_ROWS_CHECKED), 2, sorted(matrix.CHILD_ROWS_CHECKED))


def mentions(rows, region: str) -> bool:
	"""Whether any cell of a report's rows is the region (its code or its name)."""
	title = frappe.db.get_value("KLS Region", region, frappe.get_meta("KLS Region").title_field or "name")
	wanted = {region, title}
	for row in rows:
		values = row.values() if isinstance(row, dict) else row
		if any(isinstance(v, str) and v in wanted for v in values):
			return True
	return False

"""The field app's sync as each of its users: a client id is accepted once, refusals come back with the
server's translated message and save nothing, workflow actions never overwrite a record changed meanwhile,
photos are private attachments of the event."""

from __future__ import annotations

import base64
import io
import uuid

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, now_datetime, today
from PIL import Image

from kelisim_app.field import api
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_core.localization import in_language
from kelisim_app.kelisim_registry.tests.factories import make_structure
from kelisim_app.tests.utils import kgu_office, make_user

REGION_A, REGION_B = "KZ-71", "KZ-75"


def jpeg(colour: str = "red") -> str:
	buf = io.BytesIO()
	Image.new("RGB", (64, 48), colour).save(buf, format="JPEG")
	return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode()


def counts() -> tuple[int, int]:
	return frappe.db.count("KLS Event"), frappe.db.count("File", {"attached_to_doctype": "KLS Event"})


class TestFieldSync(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.secretary = make_user("field-secretary", [core.ROLE_STRUCTURE_SECRETARY], language="ru")
		cls.head_a = make_user(
			"field-head-a", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A)
		)
		cls.spec_b = make_user("field-spec-b", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_B))
		cls.mediator = make_user("field-mediator", [core.ROLE_MEDIATOR])
		cls.council = make_structure("Field Council Astana", REGION_A, secretary_user=cls.secretary)
		cls.dissolved = make_structure(
			"Field Council dissolved",
			REGION_A,
			secretary_user=cls.secretary,
			status="Dissolved",
			status_date=add_days(today(), -30),
			status_reason="Merged",
		)
		cls.almaty = make_structure("Field Council Almaty", REGION_B)
		if not frappe.db.exists("KLS Mediator", {"user": cls.mediator}):
			frappe.get_doc(
				{
					"doctype": "KLS Mediator",
					"person": frappe.get_doc(
						{
							"doctype": "KLS Person",
							"first_name": "Field",
							"last_name": "Mediator",
							"region": REGION_A,
						}
					)
					.insert(ignore_permissions=True)
					.name,
					"region": REGION_A,
					"user": cls.mediator,
					"status": "Active",
					"certificate_number": "MC-FIELD-1",
					"certificate_issued_on": add_days(today(), -100),
					"issuing_body": "Mediation Training Centre",
					"certificate_valid_until": add_days(today(), 300),
					"specialisations": "Household",
				}
			).insert(ignore_permissions=True)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def event(self, organiser=None, client_id=None, photos=2, **data):
		start = add_to_date(now_datetime(), days=-1).replace(microsecond=0)
		values = {
			"title": "Field round table",
			"event_type": frappe.db.get_value("KLS Event Type", {}, "name", order_by="name asc"),
			"organiser": organiser or self.council,
			"start": str(start),
			"end": str(add_to_date(start, hours=2)),
			"address": "House of Friendship, hall 2",
			"participants_total": 30,
			"participants_youth": 12,
			"languages": ["Kazakh"],
			"report": "Forty people came.\n<b>Two</b> decisions.",
			"held": 1,
			**data,
		}
		return {
			"client_id": client_id or str(uuid.uuid4()),
			"op": "create",
			"doctype": "KLS Event",
			"data": values,
			"photos": [{"kind": "photo", "data": jpeg()} for _ in range(photos - 1)]
			+ ([{"kind": "participants", "data": jpeg("white")}] if photos else []),
		}

	def sync(self, user, *records):
		frappe.set_user(user)
		return api.sync(frappe.as_json(list(records)))

	# ------------------------------------------------------------------ idempotency
	def test_a_client_id_is_accepted_once(self):
		record = self.event()
		before = counts()
		[first] = self.sync(self.secretary, record)
		self.assertEqual(first["status"], "created", first)
		self.assertEqual(first["workflow_state"], "Held")
		self.assertEqual(counts(), (before[0] + 1, before[1] + 2))
		# the answer was lost: the device sends it again, twice in one request and once more
		replay = self.sync(self.secretary, record, record)
		[again] = self.sync(self.secretary, record)
		self.assertEqual([r["status"] for r in [*replay, again]], ["exists"] * 3)
		self.assertEqual({r["name"] for r in [*replay, again]}, {first["name"]})
		self.assertEqual(counts(), (before[0] + 1, before[1] + 2))
		doc = frappe.get_doc("KLS Event", first["name"])
		self.assertEqual(doc.client_id, record["client_id"])
		self.assertEqual(doc.region, REGION_A)
		self.assertEqual([row.language for row in doc.languages], ["Kazakh"])
		self.assertIn("&lt;b&gt;Two&lt;/b&gt;", doc.outcome)  # the typed report is text, never markup

	def test_the_unique_index_holds_without_the_lookup(self):
		"""Two syncs racing past the lookup: the database refuses the second row, the sync returns the first."""
		record = self.event(photos=0)
		[first] = self.sync(self.secretary, record)
		original = api.existing
		calls = []

		def blind(doctype, client_id):
			calls.append(client_id)
			return None if len(calls) == 1 else original(doctype, client_id)

		api.existing = blind
		try:
			[second] = self.sync(self.secretary, record)
		finally:
			api.existing = original
		self.assertEqual((second["status"], second["name"]), ("exists", first["name"]))
		self.assertEqual(frappe.db.count("KLS Event", {"client_id": record["client_id"]}), 1)

	def test_photos_are_private_attachments_of_the_event(self):
		[result] = self.sync(self.secretary, self.event())
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "KLS Event", "attached_to_name": result["name"]},
			fields=["name", "is_private", "file_url", "file_name"],
		)
		self.assertEqual(len(files), 2)
		self.assertTrue(all(f.is_private and f.file_url.startswith("/private/files/") for f in files))
		self.assertEqual(sum("participant-list" in f.file_name for f in files), 1)
		frappe.set_user(self.spec_b)  # another region's KGU
		self.assertFalse(frappe.has_permission("File", "read", frappe.get_doc("File", files[0].name)))
		frappe.set_user(self.head_a)
		self.assertTrue(frappe.has_permission("File", "read", frappe.get_doc("File", files[0].name)))

	def test_a_damaged_photo_refuses_the_whole_record(self):
		record = self.event()
		record["photos"][0]["data"] = base64.b64encode(b"not an image at all").decode()
		before = counts()
		[result] = self.sync(self.secretary, record)
		self.assertEqual(result["status"], "refused")
		self.assertEqual(counts(), before)

	# ------------------------------------------------------------------ refusals, as each user
	def test_refusals_keep_nothing_and_speak_the_users_language(self):
		frappe.local.lang = "ru"
		frappe.local.message_log = []
		before = counts()
		other_region, dissolved, reversed_dates = self.sync(
			self.secretary,
			self.event(self.almaty),
			self.event(self.dissolved),
			self.event(start="2026-01-10 12:00:00", end="2026-01-10 10:00:00"),
		)
		self.assertEqual({r["status"] for r in (other_region, dissolved, reversed_dates)}, {"refused"})
		self.assertIn(self.almaty, other_region["message"])
		self.assertIn("не ваша структура", other_region["message"])
		self.assertIn("Field Council dissolved", dissolved["message"])
		self.assertEqual(
			reversed_dates["message"], in_language(lambda: frappe._("An event ends after it starts"), "ru")
		)
		self.assertNotEqual(reversed_dates["message"], "An event ends after it starts")
		self.assertEqual(counts(), before)
		self.assertFalse(frappe.local.message_log)
		# corrected on the device and sent again under the same client id: made once
		corrected = self.event(client_id=other_region["client_id"])
		[result] = self.sync(self.secretary, corrected)
		self.assertEqual(result["status"], "created")

	def test_a_kgu_user_records_nothing_for_another_region(self):
		[result] = self.sync(self.spec_b, self.event(self.council))
		self.assertEqual(result["status"], "refused")
		self.assertFalse(frappe.db.exists("KLS Event", {"organiser": self.council, "owner": self.spec_b}))

	def test_a_record_of_someone_else_is_not_revealed(self):
		record = self.event(photos=0)
		self.sync(self.secretary, record)
		[result] = self.sync(self.spec_b, record)
		self.assertEqual(result["status"], "refused")
		self.assertNotIn("name", result)

	def test_malformed_records_are_refused(self):
		bad_id, bad_op, bad_doctype = self.sync(
			self.secretary,
			{**self.event(), "client_id": "123"},
			{**self.event(), "op": "delete"},
			{**self.event(), "doctype": "KLS Mediation Case"},
		)
		self.assertEqual({bad_id["status"], bad_op["status"], bad_doctype["status"]}, {"refused"})

	def test_guests_cannot_sync(self):
		frappe.set_user("Guest")
		self.assertRaises(frappe.PermissionError, api.sync, "[]")
		self.assertRaises(frappe.PermissionError, api.bootstrap)

	# ------------------------------------------------------------------ workflow actions and conflicts
	def report(self, result, base_modified=None):
		return {
			"client_id": str(uuid.uuid4()),
			"op": "action",
			"doctype": "KLS Event",
			"name": result["name"],
			"action": "Report",
			"from_state": "Held",
			"base_modified": base_modified or result["modified"],
		}

	def test_held_to_reported_once_and_never_over_a_change(self):
		[made] = self.sync(self.secretary, self.event(photos=0))
		stale = self.report(made)
		# meanwhile someone changes the event on the server
		frappe.set_user("Administrator")
		doc = frappe.get_doc("KLS Event", made["name"])
		doc.participants_total = 31
		doc.save()
		[conflict] = self.sync(self.secretary, stale)
		self.assertEqual(conflict["status"], "conflict")
		self.assertTrue(conflict["message"])
		self.assertEqual(frappe.db.get_value("KLS Event", made["name"], "workflow_state"), "Held")
		fresh = self.report(made, str(frappe.db.get_value("KLS Event", made["name"], "modified")))
		[done] = self.sync(self.secretary, fresh)
		self.assertEqual((done["status"], done["workflow_state"]), ("done", "Reported"))
		[replayed] = self.sync(self.secretary, fresh)
		self.assertEqual(replayed["status"], "exists")

	def test_the_kgu_verifies_or_sends_back_with_a_reason(self):
		[made] = self.sync(self.secretary, self.event(photos=0))
		frappe.set_user(self.secretary)
		[reported] = self.sync(self.secretary, self.report(made))
		review = {
			"op": "action",
			"doctype": "KLS Event",
			"name": made["name"],
			"from_state": "Reported",
			"base_modified": reported["modified"],
		}
		# the secretary may not verify; another region's KGU may not either
		[by_secretary] = self.sync(
			self.secretary, {**review, "client_id": str(uuid.uuid4()), "action": "Verify"}
		)
		[by_b] = self.sync(self.spec_b, {**review, "client_id": str(uuid.uuid4()), "action": "Verify"})
		self.assertEqual((by_secretary["status"], by_b["status"]), ("refused", "refused"))
		[no_reason] = self.sync(
			self.head_a, {**review, "client_id": str(uuid.uuid4()), "action": "Send back"}
		)
		self.assertEqual(no_reason["status"], "refused")
		[sent_back] = self.sync(
			self.head_a,
			{
				**review,
				"client_id": str(uuid.uuid4()),
				"action": "Send back",
				"reason": "No participant list",
			},
		)
		self.assertEqual((sent_back["status"], sent_back["workflow_state"]), ("done", "Held"))
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{"reference_name": made["name"], "content": ["like", "%No participant list%"]},
			)
		)
		[again] = self.sync(self.secretary, self.report(sent_back))
		[verified] = self.sync(
			self.head_a,
			{
				**review,
				"client_id": str(uuid.uuid4()),
				"action": "Verify",
				"base_modified": again["modified"],
			},
		)
		self.assertEqual((verified["status"], verified["workflow_state"]), ("done", "Verified"))
		self.assertEqual(frappe.db.get_value("KLS Event", made["name"], "verified_by"), self.head_a)

	# ------------------------------------------------------------------ consultations, boot data
	def test_a_mediator_records_a_consultation_once(self):
		record = {
			"client_id": str(uuid.uuid4()),
			"op": "create",
			"doctype": "KLS Consultation",
			"data": {
				"consulted_on": today(),
				"category": "Neighbours",
				"question": "A fence between two yards",
			},
		}
		[made] = self.sync(self.mediator, record)
		[again] = self.sync(self.mediator, record)
		self.assertEqual((made["status"], again["status"]), ("created", "exists"))
		self.assertEqual(made["name"], again["name"])
		doc = frappe.get_doc("KLS Consultation", made["name"])
		self.assertEqual((doc.region, doc.consultant), (REGION_A, self.mediator))
		[future] = self.sync(
			self.mediator,
			{
				**record,
				"client_id": str(uuid.uuid4()),
				"data": {**record["data"], "consulted_on": add_days(today(), 3)},
			},
		)
		self.assertEqual(future["status"], "refused")

	def test_bootstrap_gives_each_user_his_own_reference_data(self):
		frappe.set_user(self.secretary)
		boot = api.bootstrap()
		self.assertTrue(boot["screens"]["secretary"])
		self.assertFalse(boot["screens"]["reviewer"])
		names = {s["name"] for s in boot["reference"]["structures"]}
		self.assertIn(self.council, names)
		self.assertNotIn(self.almaty, names)
		self.assertTrue(all(d["region"] == REGION_A for d in boot["reference"]["districts"]))
		self.assertTrue(boot["reference"]["event_types"])
		frappe.set_user(self.head_a)
		boot = api.bootstrap()
		self.assertEqual(set(boot["review_actions"]), {"Verify", "Send back"})
		self.assertEqual(boot["reference"]["structures"], [])
		frappe.set_user(self.spec_b)
		self.assertEqual(api.bootstrap()["review_actions"], [])

	def test_translations_cover_the_interface(self):
		frappe.set_user(self.secretary)
		messages = api.frontend_messages()
		self.assertIn("Outbox", messages)
		kk = api.translations("kk")
		self.assertEqual(set(kk), set(messages) - {m for m in messages if frappe._(m, lang="kk") == m})
		self.assertEqual(kk["Outbox"], in_language(lambda: frappe._("Outbox"), "kk"))
		self.assertNotEqual(kk["Outbox"], "Outbox")

	# ------------------------------------------------------------------ the page and its service worker
	def get(self, path: str, user: str):
		from frappe.utils import set_request
		from frappe.website.serve import get_response

		set_request(method="GET", path=f"/{path}")
		frappe.set_user(user)
		try:
			return get_response(path)
		finally:
			frappe.local.request = None

	def test_the_page_boots_the_signed_in_user_and_sends_guests_to_the_login(self):
		guest = self.get("kelisim", "Guest")
		self.assertEqual(guest.status_code, 302)
		self.assertIn("/login?redirect-to=/kelisim", guest.headers["Location"])
		page = self.get("kelisim", self.secretary)
		self.assertEqual(page.status_code, 200)
		html = page.get_data(as_text=True)
		self.assertIn('window["kelisim_boot"]', html)
		self.assertIn(self.secretary, html)
		self.assertIn(self.council, html)  # his structures, for offline work

	def test_the_service_worker_is_served_from_the_root_for_kelisim(self):
		worker = self.get("kelisim-sw.js", "Guest")
		self.assertEqual(worker.status_code, 200)
		self.assertEqual(worker.headers["Service-Worker-Allowed"], "/kelisim")
		self.assertIn("javascript", worker.headers["Content-Type"])
		self.assertIn("no-cache", worker.headers["Cache-Control"])
		self.assertIn("/assets/kelisim_app/frontend/", worker.get_data(as_text=True))

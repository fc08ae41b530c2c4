"""The Telegram channel against a fake Bot API served on loopback (real HTTP, Telegram's JSON): linking by a
one-time deep-link code (polling and webhook), forwarding in each user's language without personal data,
the per-chat rate limit and HTTP 429 retry_after, unlink on 403, nothing sent for a rolled-back transaction,
a slow or dead API never blocking a save, the daily digest."""

from __future__ import annotations

import itertools
import time
from contextlib import contextmanager
from urllib.parse import parse_qs, urlparse

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from kelisim_app.kelisim_core import alerts, telegram
from kelisim_app.kelisim_core import notice_rules as nr
from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_mediation.testing import REGION_A, make_case
from kelisim_app.tests.fake_telegram import BOT_USERNAME, FakeBotApi
from kelisim_app.tests.test_alerts import PERSONAL
from kelisim_app.tests.utils import kgu_office, make_user

TOKEN = "123456:TEST-token-of-the-fake"
SECRET = "webhook-secret-of-the-test"
CONF_KEYS = (
	"kelisim_telegram_bot_token",
	"kelisim_telegram_api_base",
	"kelisim_telegram_webhook_secret",
	"kelisim_telegram_mode",
	"kelisim_telegram_bot_username",
)


@contextmanager
def as_user(user: str):
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user("Administrator")


def sent_messages(user: str, **filters) -> list[frappe._dict]:
	return frappe.get_all(
		"KLS Telegram Message",
		filters={"user": user, **filters},
		fields=["name", "status", "text", "kind", "attempts", "error", "notification_log"],
		order_by="creation asc",
	)


class TelegramTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.bot = FakeBotApi(TOKEN).start()
		cls.saved_conf = {k: frappe.conf.get(k) for k in CONF_KEYS}
		alerts.sync_rules()
		cls.kk = make_user(
			"tg-head-kk", [core.ROLE_KGU_HEAD, core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A), "kk"
		)
		cls.ru = make_user("tg-spec-ru", [core.ROLE_KGU_SPECIALIST], kgu_office(REGION_A), "ru")

	@classmethod
	def tearDownClass(cls):
		cls.bot.stop()
		for key, value in cls.saved_conf.items():
			frappe.conf[key] = value
		super().tearDownClass()

	def setUp(self):
		self.bot.reset()
		frappe.conf.kelisim_telegram_bot_token = TOKEN
		frappe.conf.kelisim_telegram_api_base = self.bot.url
		frappe.conf.kelisim_telegram_webhook_secret = SECRET
		frappe.conf.kelisim_telegram_mode = "polling"
		frappe.conf.kelisim_telegram_bot_username = None
		frappe.cache.delete_value("kelisim-telegram-bot-username")
		frappe.cache.delete_keys("kelisim-telegram-slot:")
		frappe.db.set_default(telegram.OFFSET_KEY, "0")
		for user in (self.kk, self.ru):  # the class's tests share a transaction
			frappe.db.delete("KLS Telegram Account", {"user": user})
			frappe.db.delete("KLS Telegram Message", {"user": user})

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def link(self, user: str, chat_id: int, preference: str | None = None) -> str:
		"""The whole linking flow as the user and Telegram do it; returns the deep link."""
		with as_user(user):
			url = telegram.start_linking()["url"]
		code = parse_qs(urlparse(url).query)["start"][0]
		self.bot.add_update(chat_id, f"/start {code}", username=f"user{chat_id}")
		self.assertEqual(telegram.poll_updates(), 1)
		self.deliver_all(user)
		if preference:
			with as_user(user):
				telegram.set_preference(preference)
		return url

	def deliver_all(self, user: str) -> list[str]:
		"""What the background jobs do after the commit."""
		return [telegram.deliver(m.name) for m in sent_messages(user, status="Queued")]


class TestLinking(TelegramTestCase):
	def test_linking_by_a_one_time_deep_link_code(self):
		with as_user(self.kk):
			status = telegram.my_status()
			self.assertTrue(status["configured"])
			self.assertEqual(status["status"], "Not linked")
			url = telegram.start_linking()["url"]
		self.assertTrue(url.startswith(f"https://t.me/{BOT_USERNAME}?start="), url)
		code = parse_qs(urlparse(url).query)["start"][0]
		self.assertRegex(code, nr.CODE_PATTERN)
		account = frappe.get_doc("KLS Telegram Account", self.kk)
		self.assertNotIn(code, account.as_json(), "only the code's fingerprint is stored")

		self.bot.add_update(5001, f"/start {code}", username="aigul")
		self.assertEqual(telegram.poll_updates(), 1)
		account.reload()
		self.assertEqual(
			(account.status, account.chat_id, account.telegram_username), ("Linked", "5001", "aigul")
		)
		self.assertEqual(account.preference, nr.PREF_TELEGRAM, "linking means: tell me on Telegram")
		self.assertEqual(self.deliver_all(self.kk), ["Sent"])
		confirmation = self.bot.messages_to(5001)[0]
		self.assertIn("Kelisim аккаунтыңыз байланыстырылды", confirmation["text"], "in the user's Kazakh")
		self.assertEqual(confirmation["parse_mode"], "HTML")

		# the code works once; the offset moved on, so the update is not read twice
		self.bot.add_update(6002, f"/start {code}")
		self.assertEqual(telegram.poll_updates(), 1)
		self.assertEqual(frappe.db.get_value("KLS Telegram Account", self.kk, "chat_id"), "5001")
		self.assertIn("not valid or has expired", self.bot.messages_to(6002)[0]["text"])
		self.assertEqual(telegram.poll_updates(), 0)
		self.assertEqual(self.bot.calls[-1]["payload"]["offset"], self.bot.next_update_id)

	def test_an_expired_code_links_nothing(self):
		with as_user(self.ru):
			url = telegram.start_linking()["url"]
		frappe.db.set_value(
			"KLS Telegram Account", self.ru, "code_expires", add_to_date(now_datetime(), minutes=-1)
		)
		code = parse_qs(urlparse(url).query)["start"][0]
		self.assertEqual(telegram.handle_update(self.bot.add_update(7003, f"/start {code}")), "unknown code")
		self.assertEqual(frappe.db.get_value("KLS Telegram Account", self.ru, "status"), "Not linked")

	def test_the_webhook_needs_telegrams_secret_header(self):
		with as_user(self.ru):
			code = parse_qs(urlparse(telegram.start_linking()["url"]).query)["start"][0]
		update = self.bot.add_update(8004, f"/start {code}")

		def post(secret):
			headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
			builder = EnvironBuilder(method="POST", json=update, headers=headers)
			frappe.local.request = Request(builder.get_environ())
			frappe.set_user("Guest")
			try:
				return telegram.webhook()
			finally:
				frappe.local.request = None
				frappe.set_user("Administrator")

		self.assertRaises(frappe.PermissionError, post, None)
		self.assertRaises(frappe.PermissionError, post, "wrong-secret")
		self.assertEqual(frappe.db.get_value("KLS Telegram Account", self.ru, "status"), "Not linked")
		self.assertEqual(post(SECRET), "ok")
		self.assertEqual(frappe.db.get_value("KLS Telegram Account", self.ru, "chat_id"), "8004")

	def test_set_webhook_registers_the_secret(self):
		self.assertEqual(
			telegram.set_webhook()["url"].split("/api/")[1],
			"method/kelisim_app.kelisim_core.telegram.webhook",
		)
		self.assertEqual(self.bot.webhook["secret_token"], SECRET)
		with as_user(self.ru):
			self.assertRaises(frappe.PermissionError, telegram.set_webhook)

	def test_preference_needs_a_link_and_stop_unlinks(self):
		with as_user(self.ru):
			self.assertRaises(frappe.ValidationError, telegram.set_preference, nr.PREF_TELEGRAM)
		self.link(self.ru, 9005, nr.PREF_DIGEST)
		self.assertEqual(frappe.db.get_value("KLS Telegram Account", self.ru, "preference"), nr.PREF_DIGEST)
		telegram.handle_update(self.bot.add_update(9005, "/stop"))
		row = frappe.db.get_value(
			"KLS Telegram Account", self.ru, ["status", "chat_id", "preference"], as_dict=True
		)
		self.assertEqual((row.status, row.chat_id, row.preference), ("Not linked", None, nr.PREF_DESK))

	def test_not_configured_says_so(self):
		frappe.conf.kelisim_telegram_bot_token = None
		with as_user(self.ru):
			self.assertFalse(telegram.my_status()["configured"])
			self.assertRaises(frappe.ValidationError, telegram.start_linking)
		self.assertEqual(telegram.poll_updates(), 0)


class TestForwarding(TelegramTestCase):
	def test_an_alert_reaches_each_chat_in_its_language_without_personal_data(self):
		self.link(self.kk, 1101)
		self.link(self.ru, 1102)
		case = make_case(category="Household")
		self.assertEqual(self.bot.messages_to(1101)[1:], [], "nothing is sent before the commit")
		for user in (self.kk, self.ru):
			queued = sent_messages(user, kind="Notification")
			self.assertEqual(len(queued), 1)
			self.assertEqual(queued[0].status, "Queued")
			self.deliver_all(user)
		kk_text = self.bot.messages_to(1101)[-1]["text"]
		ru_text = self.bot.messages_to(1102)[-1]["text"]
		self.assertIn("Жаңа медиация ісі", kk_text)
		self.assertIn("Новое медиационное дело", ru_text)
		for text in (kk_text, ru_text):
			self.assertIn(case.name, text)
			self.assertIn(f"/app/kls-mediation-case/{case.name}", text, "a link to the document")
			self.assertEqual(nr.carries_personal_data(text, PERSONAL), [], text)
		self.assertEqual(sent_messages(self.kk, kind="Notification")[0].status, "Sent")

	def test_frappes_own_notifications_go_out_as_a_generic_line(self):
		"""A mention quotes a comment (which may name a party): only its kind and document are sent."""
		self.link(self.ru, 1201)
		case = make_case()
		log = frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": self.ru,
				"type": "Mention",
				"subject": "Aigerim Applicant, IIN 900101300123, phone +7 701 000 00 01",
				"document_type": "KLS Mediation Case",
				"document_name": case.name,
			}
		).insert(ignore_permissions=True)
		self.deliver_all(self.ru)
		text = self.bot.messages_to(1201)[-1]["text"]
		self.assertIn("Вас упомянули", text)
		self.assertEqual(nr.carries_personal_data(text, PERSONAL), [], text)
		self.assertEqual(sent_messages(self.ru, notification_log=log.name)[0].status, "Sent")

	def test_desk_only_and_digest_users_get_no_message_per_item(self):
		self.link(self.kk, 1301, nr.PREF_DIGEST)
		make_case()
		self.assertEqual(sent_messages(self.kk, kind="Notification"), [])
		with as_user(self.kk):
			telegram.set_preference(nr.PREF_DESK)
		make_case()
		self.assertEqual(sent_messages(self.kk, kind="Notification"), [])

	def test_nothing_is_sent_for_a_rolled_back_transaction(self):
		self.link(self.ru, 1401)
		calls = len(self.bot.calls)
		frappe.db.savepoint("kls_tg_rollback")
		make_case()
		queued = sent_messages(self.ru, kind="Notification")
		self.assertEqual(len(queued), 1, "queued with the transaction")
		self.assertEqual(len(self.bot.calls), calls, "not sent inside the transaction")
		frappe.db.rollback(save_point="kls_tg_rollback")
		self.assertEqual(sent_messages(self.ru, kind="Notification"), [], "the queued message went with it")
		# the job enqueued for after the commit finds nothing to send
		self.assertEqual(telegram.deliver(queued[0].name), "Gone")
		self.assertEqual(telegram.deliver_pending(), 0)
		self.assertEqual(len(self.bot.calls), calls)

	def test_delivery_is_enqueued_after_the_commit(self):
		self.link(self.ru, 1501)
		before = len(frappe.db.after_commit._functions)
		make_case()
		self.assertGreater(
			len(frappe.db.after_commit._functions), before, "the delivery job waits for the commit"
		)

	def test_429_retry_after_is_honoured(self):
		self.link(self.ru, 1601)
		self.bot.throttle_chat(1601, times=2, retry_after=1)
		make_case()
		started = time.time()
		self.assertEqual(self.deliver_all(self.ru), ["Sent"])
		self.assertGreaterEqual(time.time() - started, 2.0, "waited retry_after twice")
		sends = [
			c for c in self.bot.calls if c["method"] == "sendMessage" and c["payload"]["chat_id"] == "1601"
		]
		self.assertEqual([c["status"] for c in sends[-3:]], [429, 429, 200])
		self.assertGreaterEqual(sends[-1]["at"] - sends[-2]["at"], 0.95)
		self.assertEqual(sent_messages(self.ru, kind="Notification")[0].attempts, 3)

	def test_about_one_message_a_second_per_chat(self):
		self.link(self.ru, 1701)
		make_case()
		make_case()
		self.deliver_all(self.ru)
		times = [m["at"] for m in self.bot.messages_to(1701)]
		self.assertEqual(len(times), 3)  # the confirmation and two alerts
		for earlier, later in itertools.pairwise(times):
			self.assertGreaterEqual(later - earlier, 0.95)

	def test_a_blocked_bot_unlinks_the_user_on_the_first_refusal(self):
		self.link(self.ru, 1801)
		self.bot.block(1801)
		make_case()
		self.assertEqual(self.deliver_all(self.ru), ["Blocked"])
		row = frappe.db.get_value(
			"KLS Telegram Account",
			self.ru,
			["status", "chat_id", "preference", "unlinked_reason"],
			as_dict=True,
		)
		self.assertEqual((row.status, row.chat_id, row.preference), ("Not linked", None, nr.PREF_DESK))
		self.assertIn("blocked", row.unlinked_reason)
		self.assertIn("blocked", sent_messages(self.ru, status="Blocked")[0].error)
		refusals = [c for c in self.bot.calls if c["status"] == 403]
		self.assertEqual(len(refusals), 1, "no retry after a 403")
		make_case()
		self.assertEqual(sent_messages(self.ru, status="Queued"), [], "nothing more for an unlinked user")

	def test_a_dead_api_never_blocks_a_save(self):
		self.link(self.ru, 1901)
		frappe.conf.kelisim_telegram_api_base = "http://127.0.0.1:9"  # nothing listens
		case = make_case()  # the save does not touch the network
		self.assertTrue(frappe.db.exists("KLS Mediation Case", case.name))
		name = sent_messages(self.ru, kind="Notification")[0].name
		self.assertEqual(telegram.deliver(name), "Queued", "kept for the sweep")
		self.assertIn("no answer", frappe.db.get_value("KLS Telegram Message", name, "error"))
		frappe.conf.kelisim_telegram_api_base = self.bot.url
		frappe.db.set_value("KLS Telegram Message", name, "creation", add_to_date(now_datetime(), minutes=-5))
		self.assertEqual(telegram.deliver_pending(), 1)
		self.assertEqual(frappe.db.get_value("KLS Telegram Message", name, "status"), "Sent")


class TestDigest(TelegramTestCase):
	def test_the_daily_digest_sums_up_what_waits_in_the_users_language(self):
		self.link(self.ru, 2001, nr.PREF_DIGEST)
		self.link(self.kk, 2002)  # each message: no digest
		cases = [make_case(category="Household"), make_case(category="Neighbours")]
		for case in cases:
			frappe.db.set_value(
				"KLS Waiting Item",
				{"reference_name": case.name},
				"since",
				add_to_date(now_datetime(), days=-4),
			)
		calls = len(self.bot.messages_to(2001))
		self.assertEqual(telegram.daily_digest(), 1, "only the user who chose the digest")
		digest = self.bot.messages_to(2001)[calls:]
		self.assertEqual(len(digest), 1, "one message, not one per item")
		text = digest[0]["text"]
		self.assertIn("Kelisim: что ждёт вас сегодня", text)
		self.assertIn("Медиационные дела, ждущие медиатора", text)
		self.assertRegex(text, r"Медиационные дела, ждущие медиатора: (\d+)")
		self.assertIn("самому давнему 4", text)
		self.assertIn("/app/kls-mediation-case?workflow_state=Registered", text)
		self.assertEqual(nr.carries_personal_data(text, PERSONAL), [], text)
		self.assertTrue(frappe.db.get_value("KLS Telegram Account", self.ru, "last_digest_on"))
		self.assertEqual(sent_messages(self.ru, kind="Digest")[0].status, "Sent")

	def test_nothing_waiting_no_digest(self):
		self.link(self.ru, 2101, nr.PREF_DIGEST)
		frappe.db.delete("KLS Waiting Item")
		frappe.db.set_value("Notification Log", {"for_user": self.ru}, "read", 1)
		self.assertIsNone(telegram.digest_text(self.ru))

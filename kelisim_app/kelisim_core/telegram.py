"""Telegram as a channel: what the desk tells a user (his Notification Logs) also reaches his Telegram chat.

* The bot's token lives in the site config (`kelisim_telegram_bot_token`), never in the database; the API's
  base URL is `kelisim_telegram_api_base` (tests point it at a fake on loopback).
* A user links his chat from the Telegram page (`/app/kelisim-telegram`): a one-time code in a deep link
  `https://t.me/<bot>?start=<code>`; the bot receives `/start <code>` by webhook (`webhook`, checked by the
  secret token header) or by polling (`poll_updates`, every minute).
* Forwarding: a Notification Log's `after_insert` writes a KLS Telegram Message (Queued) in the same
  transaction and enqueues its delivery after the commit: a rolled-back save sends nothing, and a slow or
  failing API never blocks or undoes a save. Delivery respects about one message a second per chat and
  honours HTTP 429 `retry_after`; a chat that refuses (403, bot blocked) is unlinked on the first refusal.
* The text sent is the alert's subject (written without personal data) or, for Frappe's own notifications
  (mentions, assignments, shares, whose text may quote a document), a generic line naming the document;
  both are scrubbed of anything shaped like an IIN, a phone or an e-mail.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import frappe
import requests
from frappe import _
from frappe.utils import add_to_date, get_datetime, get_url, get_url_to_form, now_datetime

from kelisim_app.kelisim_core import notice_rules as nr
from kelisim_app.kelisim_core.localization import in_language

ACCOUNT = "KLS Telegram Account"
MESSAGE = "KLS Telegram Message"
DEFAULT_API = "https://api.telegram.org"
CODE_MINUTES = 30
ADMIN_ROLES = {"System Manager", "Kelisim Administrator"}
OFFSET_KEY = "kelisim_telegram_update_offset"


# ---------------------------------------------------------------------------------------------- config
def token() -> str | None:
	return frappe.conf.get("kelisim_telegram_bot_token") or None


def api_base() -> str:
	return (frappe.conf.get("kelisim_telegram_api_base") or DEFAULT_API).rstrip("/")


def configured() -> bool:
	return bool(token())


def mode() -> str:
	""" "webhook" when the site config says so (Telegram calls us), else "polling" (we ask Telegram)."""
	return "webhook" if frappe.conf.get("kelisim_telegram_mode") == "webhook" else "polling"


def bot_username() -> str | None:
	"""The bot's @username: from the site config, else asked once from the API (getMe) and cached."""
	name = frappe.conf.get("kelisim_telegram_bot_username")
	if name:
		return name.lstrip("@")
	cached = frappe.cache.get_value("kelisim-telegram-bot-username", expires=True)
	if cached:
		return cached
	outcome = call("getMe", {})
	if outcome.kind == "ok" and isinstance(outcome.result, dict) and outcome.result.get("username"):
		frappe.cache.set_value(
			"kelisim-telegram-bot-username", outcome.result["username"], expires_in_sec=3600
		)
		return outcome.result["username"]
	return None


# ---------------------------------------------------------------------------------------------- Bot API
def post(method: str, payload: dict) -> tuple[int | None, dict | None]:
	"""One HTTP call of the Bot API: (status, JSON body), (None, None) when nothing answered."""
	try:
		response = requests.post(f"{api_base()}/bot{token()}/{method}", json=payload, timeout=(5, 15))
	except requests.RequestException:
		return None, None
	try:
		body = response.json()
	except ValueError:
		body = None
	return response.status_code, body


def wait_for_chat(chat_id: str | int) -> None:
	"""About one message a second per chat: wait for the chat's next free slot, book the one after."""
	key = f"kelisim-telegram-slot:{chat_id}"
	wait, next_free = nr.next_slot(time.time(), frappe.cache.get_value(key, expires=True))
	frappe.cache.set_value(key, next_free, expires_in_sec=60)
	if wait > 0:
		time.sleep(wait)


def call(method: str, payload: dict, chat_id: str | int | None = None) -> nr.ApiOutcome:
	"""A Bot API call with the rate limit of its chat and retries: 429 waits `retry_after` (up to
	MAX_RETRY_WAIT), a network error or a 5xx waits a second; at most MAX_ATTEMPTS tries."""
	outcome = nr.ApiOutcome("failed", description="not tried")
	for attempt in range(1, nr.MAX_ATTEMPTS + 1):
		if chat_id is not None:
			wait_for_chat(chat_id)
		outcome = nr.classify(*post(method, payload))
		frappe.local.kelisim_telegram_attempts = attempt
		if outcome.kind != "retry" or attempt == nr.MAX_ATTEMPTS or outcome.retry_after > nr.MAX_RETRY_WAIT:
			break
		if chat_id is not None:  # Telegram's wait is the chat's next slot too
			frappe.cache.set_value(
				f"kelisim-telegram-slot:{chat_id}", time.time() + outcome.retry_after, expires_in_sec=120
			)
		else:
			time.sleep(outcome.retry_after)
	return outcome


def send_text(chat_id: str, text: str) -> nr.ApiOutcome:
	return call(
		"sendMessage",
		{"chat_id": chat_id, "text": text, "parse_mode": "HTML", "disable_web_page_preview": True},
		chat_id=chat_id,
	)


# ---------------------------------------------------------------------------------------------- accounts
def account(user: str, create: bool = False):
	if frappe.db.exists(ACCOUNT, user):
		return frappe.get_doc(ACCOUNT, user)
	if not create:
		return None
	return frappe.get_doc({"doctype": ACCOUNT, "user": user, "preference": nr.PREF_DESK}).insert(
		ignore_permissions=True
	)


def linked_account(user: str) -> frappe._dict | None:
	row = frappe.db.get_value(
		ACCOUNT, {"user": user, "status": "Linked"}, ["name", "chat_id", "preference"], as_dict=True
	)
	return row if row and row.chat_id else None


def user_language(user: str) -> str:
	return (
		frappe.db.get_value("User", user, "language")
		or frappe.db.get_single_value("System Settings", "language")
		or "en"
	)


def code_hash(code: str) -> str:
	return hashlib.sha256(code.encode()).hexdigest()


def unlink(user: str, reason: str) -> None:
	frappe.db.set_value(
		ACCOUNT,
		user,
		{"status": "Not linked", "chat_id": None, "telegram_username": None, "unlinked_reason": reason},
	)


def _signed_in() -> str:
	if frappe.session.user == "Guest":
		raise frappe.PermissionError(_("Sign in first"))
	return frappe.session.user


@frappe.whitelist(methods=["GET", "POST"])
def my_status() -> dict:
	"""The Telegram page: whether the channel works on this site, the user's link and preference."""
	user = _signed_in()
	row = frappe.db.get_value(
		ACCOUNT,
		user,
		["status", "preference", "telegram_username", "linked_on", "unlinked_reason"],
		as_dict=True,
	) or frappe._dict(status="Not linked", preference=nr.PREF_DESK)
	return {
		"configured": configured(),
		"status": row.status,
		"preference": row.preference or nr.PREF_DESK,
		"telegram_username": row.telegram_username,
		"linked_on": row.linked_on,
		"unlinked_reason": row.unlinked_reason,
		"preferences": [{"value": p, "label": _(p)} for p in nr.PREFERENCES],
	}


@frappe.whitelist(methods=["POST"])
def start_linking() -> dict:
	"""A fresh one-time code for the signed-in user (valid CODE_MINUTES), as the bot's deep link."""
	user = _signed_in()
	if not configured():
		frappe.throw(_("Telegram is not set up on this site; ask the administrator"))
	username = bot_username()
	if not username:
		frappe.throw(_("The Telegram bot does not answer; try again later or ask the administrator"))
	code = secrets.token_urlsafe(24)
	doc = account(user, create=True)
	doc.code_hash = code_hash(code)
	doc.code_expires = add_to_date(now_datetime(), minutes=CODE_MINUTES)
	doc.save(ignore_permissions=True)
	return {"url": nr.deep_link(username, code), "expires_in_minutes": CODE_MINUTES}


@frappe.whitelist(methods=["POST"])
def set_preference(preference: str) -> dict:
	"""Desk only, desk and Telegram, or desk and a daily digest; Telegram needs a linked chat."""
	user = _signed_in()
	if preference not in nr.PREFERENCES:
		frappe.throw(_("Unknown choice {0}").format(preference))
	doc = account(user, create=True)
	if preference != nr.PREF_DESK and doc.status != "Linked":
		frappe.throw(_("Link your Telegram first"))
	doc.preference = preference
	doc.save(ignore_permissions=True)
	return my_status()


@frappe.whitelist(methods=["POST"])
def unlink_me() -> dict:
	user = _signed_in()
	if frappe.db.exists(ACCOUNT, user):
		unlink(user, _("Unlinked by the user"))
		frappe.db.set_value(ACCOUNT, user, "preference", nr.PREF_DESK)
	return my_status()


# ---------------------------------------------------------------------------------------------- the bot's updates
def handle_update(update: dict) -> str:
	"""One update from Telegram: `/start <code>` links the chat to the code's user, `/stop` unlinks it.
	Returns what happened ("linked", "unknown code", "stopped", "ignored")."""
	message = update.get("message") or {}
	chat = message.get("chat") or {}
	text = message.get("text")
	if chat.get("type") not in (None, "private") or not chat.get("id"):
		return "ignored"
	chat_id = str(chat["id"])
	if nr.is_stop(text):
		for user in frappe.get_all(ACCOUNT, filters={"chat_id": chat_id}, pluck="name"):
			unlink(user, _("Unlinked from Telegram (/stop)"))
			frappe.db.set_value(ACCOUNT, user, "preference", nr.PREF_DESK)
		return "stopped"
	code = nr.start_code(text)
	if not code:
		return "ignored"
	row = frappe.db.get_value(ACCOUNT, {"code_hash": code_hash(code)}, ["name", "code_expires"], as_dict=True)
	if not row or not row.code_expires or get_datetime(row.code_expires) < now_datetime():
		# one try, no retries: a stranger's chat is not worth a wait (this may run inside the webhook's request)
		text = nr.message_html("Kelisim", _("This link is not valid or has expired."), None)
		post("sendMessage", {"chat_id": chat_id, "text": text, "parse_mode": "HTML"})
		return "unknown code"
	# one chat, one user: a chat linked before to someone else is moved
	for other in frappe.get_all(
		ACCOUNT, filters={"chat_id": chat_id, "name": ["!=", row.name]}, pluck="name"
	):
		unlink(other, _("The chat was linked to another user"))
	preference = frappe.db.get_value(ACCOUNT, row.name, "preference")
	frappe.db.set_value(
		ACCOUNT,
		row.name,
		{
			# linking says the user wants Telegram: each message, unless he chose the digest already
			"preference": nr.PREF_DIGEST if preference == nr.PREF_DIGEST else nr.PREF_TELEGRAM,
			"status": "Linked",
			"chat_id": chat_id,
			"telegram_username": (message.get("from") or {}).get("username"),
			"linked_on": now_datetime(),
			"unlinked_reason": None,
			"code_hash": None,
			"code_expires": None,
		},
	)
	lang = user_language(row.name)
	text = in_language(
		lambda: nr.message_html(
			"Kelisim",
			_("Your Kelisim account is linked. What the desk tells you will also come here."),
			get_url("/app/kelisim-telegram"),
		),
		lang,
	)
	queue(row.name, text, "Link confirmation")
	return "linked"


@frappe.whitelist(allow_guest=True, methods=["POST"])
def webhook() -> str:
	"""Telegram's webhook: accepted only with the secret token set by `set_webhook` in its header."""
	secret = frappe.conf.get("kelisim_telegram_webhook_secret") or ""
	given = frappe.get_request_header("X-Telegram-Bot-Api-Secret-Token") or ""
	if not (secret and configured() and hmac.compare_digest(secret, given)):
		raise frappe.PermissionError(_("Not allowed"))
	update = frappe.request.get_json(silent=True) if frappe.request else None
	if isinstance(update, dict):
		frappe.set_user("Administrator")  # the update acts as the bot: links a chat, logs a message
		try:
			handle_update(update)
		finally:
			frappe.set_user("Guest")
	return "ok"


@frappe.whitelist(methods=["POST"])
def set_webhook() -> dict:
	"""Administrator: make Telegram call this site's webhook (mode "webhook"), with the secret token."""
	if not ADMIN_ROLES & set(frappe.get_roles()):
		raise frappe.PermissionError(_("Not allowed"))
	secret = frappe.conf.get("kelisim_telegram_webhook_secret")
	if not (configured() and secret):
		frappe.throw(
			_("Set kelisim_telegram_bot_token and kelisim_telegram_webhook_secret in the site config")
		)
	url = get_url("/api/method/kelisim_app.kelisim_core.telegram.webhook")
	outcome = call("setWebhook", {"url": url, "secret_token": secret, "allowed_updates": ["message"]})
	if outcome.kind != "ok":
		frappe.throw(_("Telegram refused the webhook: {0}").format(outcome.description))
	return {"url": url}


def poll_updates() -> int:
	"""Scheduler (every minute, polling mode): read the bot's new updates with getUpdates and handle them.
	Returns how many it handled."""
	if not configured() or mode() != "polling":
		return 0
	offset = int(frappe.db.get_default(OFFSET_KEY) or 0)
	outcome = call("getUpdates", {"offset": offset, "timeout": 0, "allowed_updates": ["message"]})
	if outcome.kind != "ok" or not isinstance(outcome.result, list):
		return 0
	handled = 0
	for update in outcome.result:
		update_id = int(update.get("update_id") or 0)
		try:
			handle_update(update)
			handled += 1
		except Exception:
			frappe.log_error("Telegram update not handled")
		offset = max(offset, update_id + 1)
	frappe.db.set_default(OFFSET_KEY, str(offset))
	return handled


# ---------------------------------------------------------------------------------------------- forwarding
def generic_text(log) -> str:
	"""What a Frappe notification of another kind says on Telegram: its kind and document, not its text."""
	doctype = _(log.document_type) if log.document_type else ""
	reference = f"{doctype} {log.document_name or ''}".strip()
	kinds = {
		"Mention": _("You were mentioned in {0}"),
		"Assignment": _("A task was assigned to you: {0}"),
		"Share": _("A document was shared with you: {0}"),
	}
	return kinds.get(log.type, _("A new notification: {0}")).format(reference)


def text_of(log) -> str:
	"""The Telegram text of a Notification Log: an app alert's subject (alerts carry no personal data), or a
	generic line; scrubbed either way."""
	if log.type == "Alert" and (log.document_type or "").startswith("KLS "):
		body = nr.scrub(log.subject)
	else:
		body = nr.scrub(generic_text(log))
	url = (
		get_url_to_form(log.document_type, log.document_name)
		if log.document_type and log.document_name
		else None
	)
	return nr.message_html("Kelisim", body, url)


def on_notification_log(doc, method=None) -> None:
	"""doc_events Notification Log after_insert: a user who chose Telegram gets it there, after the commit."""
	if not configured() or doc.type == "Energy Point":
		return
	row = linked_account(doc.for_user)
	if not row or row.preference != nr.PREF_TELEGRAM:
		return
	text = in_language(lambda: text_of(doc), user_language(doc.for_user))
	queue(doc.for_user, text, "Notification", notification_log=doc.name)


def queue(user: str, text: str, kind: str, notification_log: str | None = None, deliver_now=False) -> str:
	"""Log a message as Queued; deliver it after the commit (or now, inside a job that is already async)."""
	message = frappe.get_doc(
		{
			"doctype": MESSAGE,
			"user": user,
			"kind": kind,
			"status": "Queued",
			"text": text,
			"notification_log": notification_log,
		}
	).insert(ignore_permissions=True)
	if deliver_now:
		deliver(message.name)
	else:
		frappe.enqueue(
			"kelisim_app.kelisim_core.telegram.deliver",
			queue="short",
			message=message.name,
			enqueue_after_commit=True,
		)
	return message.name


def deliver(message: str) -> str:
	"""Background job: send one queued message to its user's chat; the log says what Telegram answered."""
	if not frappe.db.exists(MESSAGE, message):  # its transaction was rolled back: nothing to send
		return "Gone"
	msg = frappe.get_doc(MESSAGE, message)
	if msg.status != "Queued":
		return msg.status
	row = linked_account(msg.user)
	if not row:
		msg.db_set({"status": "Skipped", "error": _("No linked Telegram chat")})
		return "Skipped"
	frappe.local.kelisim_telegram_attempts = 0
	outcome = send_text(row.chat_id, msg.text)
	values = {"attempts": (msg.attempts or 0) + getattr(frappe.local, "kelisim_telegram_attempts", 1)}
	if outcome.kind == "ok":
		result = outcome.result if isinstance(outcome.result, dict) else {}
		values.update(
			status="Sent", sent_on=now_datetime(), telegram_message_id=str(result.get("message_id") or "")
		)
	elif outcome.kind == "blocked":
		values.update(status="Blocked", error=outcome.description)
		unlink(msg.user, outcome.description or "Forbidden")
		frappe.db.set_value(ACCOUNT, msg.user, "preference", nr.PREF_DESK)
	elif outcome.kind == "retry" and values["attempts"] < nr.MAX_ATTEMPTS * 3:
		values.update(error=outcome.description)  # stays Queued: the sweep tries again
	else:
		values.update(status="Failed", error=outcome.description)
	msg.db_set(values)
	return values.get("status", "Queued")


def deliver_pending() -> int:
	"""Scheduler (every minute): messages still queued a minute after they were made (a lost job, a long
	retry_after) are delivered now. Returns how many were tried."""
	if not configured():
		return 0
	names = frappe.get_all(
		MESSAGE,
		filters={"status": "Queued", "creation": ["<", add_to_date(now_datetime(), minutes=-1)]},
		pluck="name",
		order_by="creation asc",
		limit=200,
	)
	for name in names:
		deliver(name)
	return len(names)


def every_minute() -> None:
	poll_updates()
	deliver_pending()


# ---------------------------------------------------------------------------------------------- digest
def digest_text(user: str) -> str | None:
	"""The day's summary of what waits for `user` (queues he must act on, unread notifications), in his
	language, or None when nothing waits."""
	from kelisim_app.kelisim_core.alerts import waiting_for

	def make():
		now = now_datetime()
		lines = []
		for row in waiting_for(user):
			slug = frappe.scrub(row["doctype"]).replace("_", "-")
			label = row["label"]  # a msgid declared with N_ by its module
			lines.append(
				nr.DigestLine(
					_(label),
					row["count"],
					nr.days_waiting(get_datetime(row["since"]), now) if row["since"] else 0,
					get_url(f"/app/{slug}?workflow_state={row['state']}"),
				)
			)
		unread = frappe.db.count("Notification Log", {"for_user": user, "read": 0})
		return nr.digest_html(
			_("Kelisim: what waits for you today"),
			lines,
			unread,
			_("Unread notifications"),
			get_url("/app/notification-log?read=0"),
		)

	return in_language(make, user_language(user))


def daily_digest() -> int:
	"""Scheduler (daily): one message per user who chose the digest. Returns how many were queued."""
	if not configured():
		return 0
	sent = 0
	for row in frappe.get_all(
		ACCOUNT, filters={"status": "Linked", "preference": nr.PREF_DIGEST}, fields=["name", "chat_id"]
	):
		text = digest_text(row.name)
		if text:
			queue(row.name, text, "Digest", deliver_now=True)
			sent += 1
		frappe.db.set_value(ACCOUNT, row.name, "last_digest_on", now_datetime(), update_modified=False)
	return sent


KEEP_LOG_DAYS = 180  # as Frappe keeps Notification Logs


def clear_old_messages() -> None:
	"""Scheduler (daily): the delivery log keeps half a year."""
	frappe.db.delete(MESSAGE, {"creation": ["<", add_to_date(now_datetime(), days=-KEEP_LOG_DAYS)]})

"""Pure rules of the notifications (no Frappe): alert texts and their placeholders, what a message may carry,
when a waiting document is reminded and escalated, the Telegram rate limit and the Bot API's answers.

Tested without a database in `tests/test_notice_rules.py`.
"""

from __future__ import annotations

import html
import re
import string
from dataclasses import dataclass
from datetime import datetime, timedelta

from kelisim_app.exceptions import KelisimValidationError, fail
from kelisim_app.utils.i18n import _

# ---------------------------------------------------------------------------------------------- alert rules
TRIGGER_CREATED = "On creation"
TRIGGER_STATE = "On state change"
TRIGGER_WAITING = "Waiting in a queue"
TRIGGERS = (TRIGGER_CREATED, TRIGGER_STATE, TRIGGER_WAITING)

# every alert text may name these; an alert declares which others it fills
COMMON_PLACEHOLDERS = ("reference", "doctype")
WAITING_PLACEHOLDERS = ("days", "state")


class AlertTextError(KelisimValidationError):
	"""An administrator's alert text names a placeholder the alert does not fill, or is malformed."""


def placeholders_of(template: str) -> list[str]:
	"""The `{name}` placeholders a text uses (raises ValueError on unbalanced braces)."""
	return [name for _lit, name, _spec, _conv in string.Formatter().parse(template or "") if name is not None]


def check_alert_text(template: str | None, allowed: list[str] | tuple[str, ...]) -> None:
	"""An administrator's text may use only the placeholders its alert fills, by name."""
	if not (template or "").strip():
		return
	try:
		used = placeholders_of(template)
	except ValueError:
		fail(_("The text «{0}» has an unpaired brace").format(template), AlertTextError)
	unknown = sorted({name for name in used if name not in allowed})
	if "" in used or unknown:
		fail(
			_("The text «{0}» uses {1}; it may use only {2}").format(
				template,
				", ".join("{" + n + "}" for n in unknown) or "{}",
				", ".join("{" + n + "}" for n in allowed),
			),
			AlertTextError,
		)


class _Missing(dict):
	def __missing__(self, key):
		return "{" + key + "}"


def render_text(template: str, values: dict, fallback: str | None = None) -> str:
	"""`template` with its placeholders filled from `values`; a placeholder without a value stays as it is,
	a malformed template gives `fallback` (the shipped text) instead."""
	try:
		return string.Formatter().vformat(template, (), _Missing({k: str(v) for k, v in values.items()}))
	except (ValueError, IndexError, KeyError, AttributeError):
		if fallback is not None and fallback != template:
			return render_text(fallback, values)
		return template


def choose_text(override: str | None, shipped: str) -> str:
	"""The administrator's text for this language when he wrote one, else the shipped (translated) one."""
	return override.strip() if override and override.strip() else shipped


# ---------------------------------------------------------------------------------------------- personal data
IIN_PATTERN = re.compile(r"(?<!\d)\d{12}(?!\d)")
# a phone: 10 to 12 digits with spaces, brackets or dashes between, not glued to a word (a document's
# reference such as MED-2026-00001 is not one)
PHONE_PATTERN = re.compile(r"(?<![\w-])\+?\d[\d\s()-]{8,16}\d(?!\d)")
EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
TAG_PATTERN = re.compile(r"<[^>]*>")
MASK = "…"


def plain_text(text: str | None) -> str:
	"""Markup removed, entities decoded, whitespace collapsed."""
	text = TAG_PATTERN.sub(" ", text or "")
	return " ".join(html.unescape(text).split())


def scrub(text: str | None) -> str:
	"""A text that may leave the office: plain, with anything shaped like an IIN, a phone number or an
	e-mail address masked (a second guard; the alert texts are written not to carry them)."""
	text = plain_text(text)
	text = IIN_PATTERN.sub(MASK, text)
	text = EMAIL_PATTERN.sub(MASK, text)
	return PHONE_PATTERN.sub(lambda m: MASK if is_phone(m.group(0)) else m.group(0), text)


def is_phone(candidate: str) -> bool:
	"""10 to 12 digits, and not an IIN (twelve digits in a row)."""
	return 10 <= sum(c.isdigit() for c in candidate) <= 12 and not IIN_PATTERN.fullmatch(candidate.strip())


def carries_personal_data(text: str, names: list[str] | tuple[str, ...] = ()) -> list[str]:
	"""What in `text` looks personal: an IIN, a phone, an e-mail, or one of `names` (tests use it)."""
	found = []
	if IIN_PATTERN.search(text):
		found.append("IIN")
	if any(is_phone(m.group(0)) for m in PHONE_PATTERN.finditer(text)):
		found.append("phone")
	if EMAIL_PATTERN.search(text):
		found.append("e-mail")
	found += [name for name in names if name and name.lower() in text.lower()]
	return found


# ---------------------------------------------------------------------------------------------- waiting queues
@dataclass(frozen=True)
class WaitingStep:
	remind: bool
	escalate: bool


def waiting_step(
	since: datetime,
	now: datetime,
	remind_after_days: int,
	escalate_after_days: int,
	reminded: bool,
	escalated: bool,
) -> WaitingStep:
	"""A document waiting since `since`: remind whoever must act once after `remind_after_days`, then his
	head once after `escalate_after_days` (0 switches a step off). Each step happens once."""
	waited = now - since
	remind = bool(remind_after_days) and not reminded and waited >= timedelta(days=remind_after_days)
	escalate = bool(escalate_after_days) and not escalated and waited >= timedelta(days=escalate_after_days)
	return WaitingStep(remind, escalate)


def days_waiting(since: datetime, now: datetime) -> int:
	return max(0, (now - since).days)


# ---------------------------------------------------------------------------------------------- Telegram
PREF_DESK = "Desk only"
PREF_TELEGRAM = "Desk and Telegram"
PREF_DIGEST = "Desk and a daily Telegram digest"
PREFERENCES = (PREF_DESK, PREF_TELEGRAM, PREF_DIGEST)

PER_CHAT_INTERVAL = 1.0  # seconds between two messages to one chat (Bot API FAQ: about one a second)
MAX_RETRY_WAIT = 30.0  # a longer retry_after is not slept through in a job: the message waits for the sweep
MAX_ATTEMPTS = 3
MESSAGE_LIMIT = 4096  # characters of one Telegram message
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def next_slot(
	now: float, next_free: float | None, interval: float = PER_CHAT_INTERVAL
) -> tuple[float, float]:
	"""(seconds to wait before sending to a chat, when the chat is free again after this message)."""
	start = max(now, next_free or 0.0)
	return start - now, start + interval


@dataclass(frozen=True)
class ApiOutcome:
	kind: str  # "ok" | "retry" | "blocked" | "failed"
	retry_after: float = 0.0
	description: str = ""
	result: object = None


def classify(status: int | None, body: dict | None) -> ApiOutcome:
	"""What a Bot API answer means for the sender. `status` None: no answer (network error, timeout)."""
	body = body if isinstance(body, dict) else {}
	description = str(body.get("description") or "")
	if status is None:
		return ApiOutcome("retry", 1.0, description or "no answer")
	if status == 200 and body.get("ok"):
		return ApiOutcome("ok", result=body.get("result"))
	if status == 429:
		params = body.get("parameters") or {}
		try:
			wait = float(params.get("retry_after") or 1)
		except (TypeError, ValueError):
			wait = 1.0
		return ApiOutcome("retry", max(wait, 0.0), description or "Too Many Requests")
	if status == 403:  # bot blocked, user deactivated, bot kicked: this chat is gone for us
		return ApiOutcome("blocked", description=description or "Forbidden")
	if status >= 500:
		return ApiOutcome("retry", 1.0, description or f"HTTP {status}")
	return ApiOutcome("failed", description=description or f"HTTP {status}")


def start_code(text: str | None) -> str | None:
	"""The one-time code of a `/start CODE` message (a deep link's payload), or None."""
	parts = (text or "").strip().split()
	if len(parts) != 2 or parts[0].split("@")[0] != "/start":
		return None
	return parts[1] if CODE_PATTERN.match(parts[1]) else None


def is_stop(text: str | None) -> bool:
	return (text or "").strip().split("@")[0] == "/stop"


def deep_link(bot_username: str, code: str) -> str:
	return f"https://t.me/{bot_username.lstrip('@')}?start={code}"


def message_html(title: str, body: str, url: str | None) -> str:
	"""A Telegram message in its HTML parse mode: a bold title, the body, and the document's link; texts are
	escaped, the whole cut to Telegram's limit."""
	parts = [f"<b>{html.escape(title)}</b>", html.escape(body)]
	if url:
		label = _("Open in Kelisim")
		parts.append(f'<a href="{html.escape(url, quote=True)}">{html.escape(label)}</a>')
	text = "\n".join(p for p in parts if p)
	if len(text) > MESSAGE_LIMIT:
		text = html.escape(plain_text(text))[: MESSAGE_LIMIT - 1] + MASK
	return text


@dataclass(frozen=True)
class DigestLine:
	label: str  # e.g. "Events waiting for verification"
	count: int
	oldest_days: int
	url: str | None = None


def digest_html(
	title: str, lines: list[DigestLine], unread: int, unread_label: str, url: str | None
) -> str | None:
	"""One message summing up what waits for a user, or None when nothing does."""
	if not lines and not unread:
		return None
	rows = [f"<b>{html.escape(title)}</b>"]
	open_label = _("open")
	for line in sorted(lines, key=lambda x: (-x.count, x.label)):
		text = f"• {html.escape(line.label)}: {line.count}"
		if line.oldest_days:
			text += " (" + html.escape(_("oldest {0} days").format(line.oldest_days)) + ")"
		if line.url:
			text += f' — <a href="{html.escape(line.url, quote=True)}">{html.escape(open_label)}</a>'
		rows.append(text)
	if unread:
		text = f"• {html.escape(unread_label)}: {unread}"
		if url:
			text += f' — <a href="{html.escape(url, quote=True)}">{html.escape(open_label)}</a>'
		rows.append(text)
	return "\n".join(rows)[:MESSAGE_LIMIT]

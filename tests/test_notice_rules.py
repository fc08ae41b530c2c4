"""Pure rules of the notifications (kelisim_core/notice_rules.py): alert texts and placeholders, what a
message may carry, waiting queues, the Telegram rate limit, the Bot API's answers, the messages' form."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kelisim_app.kelisim_core import notice_rules as nr
from kelisim_app.kelisim_core.notice_rules import AlertTextError

ALLOWED = ["reference", "doctype", "category"]


# ---------------------------------------------------------------------------------------------- texts
def test_an_administrators_text_may_use_the_alerts_placeholders():
	nr.check_alert_text("Дело {reference} ({category})", ALLOWED)
	nr.check_alert_text("", ALLOWED)
	nr.check_alert_text(None, ALLOWED)


@pytest.mark.parametrize(
	"text", ["Case {reference}: {party_name}", "Case {reference", "Case {}", "Case {0}", "Case reference}"]
)
def test_unknown_or_malformed_placeholders_are_refused(text):
	with pytest.raises(AlertTextError):
		nr.check_alert_text(text, ALLOWED)


def test_render_fills_known_values_and_keeps_unknown_ones():
	assert nr.render_text(
		"Case {reference} ({category})", {"reference": "MED-1", "category": "Household"}
	) == ("Case MED-1 (Household)")
	assert nr.render_text("Case {reference} {days}", {"reference": "MED-1"}) == "Case MED-1 {days}"


def test_a_malformed_text_falls_back_to_the_shipped_one():
	assert (
		nr.render_text("Case {reference", {"reference": "X"}, fallback="Shipped {reference}") == "Shipped X"
	)
	assert nr.render_text("Case {reference", {"reference": "X"}) == "Case {reference"


def test_the_administrators_text_wins_when_written():
	assert nr.choose_text("  Мой текст ", "Shipped") == "Мой текст"
	assert nr.choose_text("   ", "Shipped") == "Shipped"
	assert nr.choose_text(None, "Shipped") == "Shipped"


# ---------------------------------------------------------------------------------------------- personal data
@pytest.mark.parametrize(
	("text", "found"),
	[
		("IIN 900101300123", ["IIN"]),
		("call +7 701 555 11 22", ["phone"]),
		("call 8 (701) 555-11-22", ["phone"]),
		("write to a.b@mail.kz", ["e-mail"]),
		("New mediation case MED-2026-00001 (Household)", []),
		("Regional report RR-Quarter-2026-1-KZ-71 has waited 3 days", []),
		("Event EV-2026-00005 (Round table)", []),
	],
)
def test_what_looks_personal(text, found):
	assert nr.carries_personal_data(text) == found
	scrubbed = nr.scrub(text)
	assert nr.carries_personal_data(scrubbed) == []
	if not found:
		assert scrubbed == text, "a reference is not mistaken for a phone"


def test_names_are_found_case_insensitively():
	assert nr.carries_personal_data("case of aigerim applicant", ["Aigerim Applicant"]) == [
		"Aigerim Applicant"
	]


def test_scrub_takes_markup_away():
	assert nr.scrub("<b>Report</b> &amp; <i>plan</i>\n  ready") == "Report & plan ready"


# ---------------------------------------------------------------------------------------------- queues
NOW = datetime(2026, 12, 4, 12, 0)


@pytest.mark.parametrize(
	("waited_days", "reminded", "escalated", "expected"),
	[
		(1, False, False, (False, False)),
		(2, False, False, (True, False)),
		(3, True, False, (False, False)),
		(5, True, False, (False, True)),
		(6, False, False, (True, True)),
		(9, True, True, (False, False)),
	],
)
def test_remind_then_escalate_once_each(waited_days, reminded, escalated, expected):
	step = nr.waiting_step(NOW - timedelta(days=waited_days), NOW, 2, 5, reminded, escalated)
	assert (step.remind, step.escalate) == expected


def test_zero_days_switch_a_step_off():
	step = nr.waiting_step(NOW - timedelta(days=100), NOW, 0, 0, False, False)
	assert (step.remind, step.escalate) == (False, False)


def test_days_waiting_is_whole_days_never_negative():
	assert nr.days_waiting(NOW - timedelta(days=3, hours=5), NOW) == 3
	assert nr.days_waiting(NOW + timedelta(hours=1), NOW) == 0


# ---------------------------------------------------------------------------------------------- rate limit
def test_a_free_chat_sends_at_once_and_books_the_next_second():
	assert nr.next_slot(100.0, None) == (0.0, 101.0)
	assert nr.next_slot(100.0, 99.0) == (0.0, 101.0)


def test_a_busy_chat_waits_for_its_slot():
	wait, next_free = nr.next_slot(100.0, 100.4)
	assert wait == pytest.approx(0.4)
	assert next_free == pytest.approx(101.4)
	# three messages in a burst go out a second apart
	now, free, starts = 10.0, None, []
	for _ in range(3):
		wait, free = nr.next_slot(now, free)
		starts.append(now + wait)
	assert starts == [10.0, 11.0, 12.0]


# ---------------------------------------------------------------------------------------------- Bot API answers
def test_classify_the_bot_apis_answers():
	assert nr.classify(200, {"ok": True, "result": {"message_id": 5}}).kind == "ok"
	too_many = nr.classify(
		429,
		{
			"ok": False,
			"error_code": 429,
			"description": "Too Many Requests",
			"parameters": {"retry_after": 7},
		},
	)
	assert (too_many.kind, too_many.retry_after) == ("retry", 7.0)
	assert nr.classify(429, {"ok": False}).retry_after == 1.0
	blocked = nr.classify(403, {"ok": False, "description": "Forbidden: bot was blocked by the user"})
	assert (blocked.kind, blocked.description) == ("blocked", "Forbidden: bot was blocked by the user")
	assert nr.classify(None, None).kind == "retry"
	assert nr.classify(502, None).kind == "retry"
	assert nr.classify(400, {"ok": False, "description": "Bad Request"}).kind == "failed"
	assert nr.classify(200, {"ok": False}).kind == "failed"


@pytest.mark.parametrize(
	("text", "code"),
	[
		("/start abcdefghijklmnopqrstuvwx", "abcdefghijklmnopqrstuvwx"),
		("/start@kelisim_bot abcdefghijklmnop_-12", "abcdefghijklmnop_-12"),
		("/start", None),
		("/start short", None),
		("/start abc def", None),
		("hello abcdefghijklmnopqrstuvwx", None),
		("/start <script>alert(1)</script>xx", None),
		(None, None),
	],
)
def test_the_start_code(text, code):
	assert nr.start_code(text) == code


def test_stop_and_deep_link():
	assert nr.is_stop("/stop") and nr.is_stop("/stop@kelisim_bot") and not nr.is_stop("stop")
	assert nr.deep_link("@kelisim_bot", "CODE") == "https://t.me/kelisim_bot?start=CODE"


# ---------------------------------------------------------------------------------------------- message form
def test_a_message_is_escaped_html_with_a_link():
	text = nr.message_html(
		"Kelisim", "Case <b>MED-1</b> & co", "https://x.kz/app/kls-mediation-case/MED-1?a=1&b=2"
	)
	assert text.startswith("<b>Kelisim</b>\nCase &lt;b&gt;MED-1&lt;/b&gt; &amp; co\n")
	assert '<a href="https://x.kz/app/kls-mediation-case/MED-1?a=1&amp;b=2">Open in Kelisim</a>' in text


def test_a_long_message_is_cut_to_telegrams_limit():
	text = nr.message_html("Kelisim", "x" * 5000, None)
	assert len(text) <= nr.MESSAGE_LIMIT


def test_the_digest_lists_what_waits_biggest_first():
	lines = [
		nr.DigestLine(
			"Events waiting for verification", 2, 4, "https://x.kz/app/kls-event?workflow_state=Reported"
		),
		nr.DigestLine("Cases waiting for a mediator", 5, 0, None),
	]
	text = nr.digest_html("What waits", lines, 3, "Unread notifications", "https://x.kz/app/notification-log")
	rows = text.split("\n")
	assert rows[0] == "<b>What waits</b>"
	assert rows[1] == "• Cases waiting for a mediator: 5"
	assert rows[2].startswith("• Events waiting for verification: 2 (oldest 4 days) — <a href=")
	assert rows[3].startswith("• Unread notifications: 3")


def test_nothing_waiting_no_digest():
	assert nr.digest_html("What waits", [], 0, "Unread", None) is None

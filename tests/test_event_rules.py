"""Pure rules of events (kelisim_app/kelisim_events/rules.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kelisim_app.kelisim_events import rules
from kelisim_app.kelisim_events.rules import EventError, EventFrozenError, EventOrganiserError

NOW = datetime(2026, 11, 25, 12, 0)


def test_times():
	rules.check_times(NOW, NOW + timedelta(hours=1))
	for end in (NOW, NOW - timedelta(minutes=1)):
		with pytest.raises(EventError):
			rules.check_times(NOW, end)


@pytest.mark.parametrize(("total", "youth", "groups"), [(-1, 0, 0), (10, 11, 2), (10, 2, 11), (0, 0, -1)])
def test_participants_rejected(total, youth, groups):
	with pytest.raises(EventError):
		rules.check_participants(total, youth, groups)


def test_participants_accepted():
	rules.check_participants(0, 0, 0)
	rules.check_participants(60, 60, 9)


def test_organiser_and_future():
	rules.check_organiser("Active", "Council")
	for status in ("Suspended", "Dissolved"):
		with pytest.raises(EventOrganiserError):
			rules.check_organiser(status, "Council")
	rules.check_not_in_future("Planned", NOW + timedelta(days=3), NOW)
	for state in ("Held", "Reported", "Verified"):
		with pytest.raises(EventError):
			rules.check_not_in_future(state, NOW + timedelta(minutes=5), NOW)


def test_verified_events_are_frozen():
	rules.check_frozen("Reported", "Verified", ["workflow_state", "participants_total"])
	rules.check_frozen("Verified", "Verified", ["reopen_reason", "modified"])
	rules.check_frozen("Verified", "Reported", ["workflow_state"])
	with pytest.raises(EventFrozenError):
		rules.check_frozen("Verified", "Verified", ["participants_total"])
	rules.check_reopen_reason("Verified", "Reported", "Miscounted")
	rules.check_reopen_reason("Reported", "Held", None)
	with pytest.raises(EventFrozenError):
		rules.check_reopen_reason("Verified", "Reported", "  ")


def test_plan_link():
	rules.check_plan_link("KZ-71", "P1", "KZ-71", "P1", "Round tables", ["Round tables"])
	rules.check_plan_link("KZ-71", None, None, "P1", None, [])
	for args in (
		("KZ-71", "P1", "KZ-75", "P1", None, []),
		("KZ-71", "P1", "KZ-71", "P2", None, []),
		("KZ-71", "P1", "KZ-71", "P1", "Parade", ["Round tables"]),
	):
		with pytest.raises(EventError):
			rules.check_plan_link(*args)

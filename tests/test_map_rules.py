"""The map of the regions (kelisim_app/kelisim_reporting/map_rules.py, #23)."""

from __future__ import annotations

import pytest

from kelisim_app.kelisim_core import rules as core
from kelisim_app.kelisim_reporting import map_rules as m


def test_every_region_has_one_tile_of_its_own():
	codes = {row.code for row in core.parse_regions()}
	assert len(codes) == 20
	assert set(m.TILES) == codes
	assert len(set(m.TILES.values())) == len(m.TILES), "two regions on one tile"
	assert m.tiles_complete({c: 1 for c in codes}) == []
	assert m.tiles_complete({"KZ-99": 1}) == ["KZ-99"]


def test_tiles_follow_geography():
	col = {code: c for code, (c, _r) in m.TILES.items()}
	row = {code: r for code, (_c, r) in m.TILES.items()}
	assert col["KZ-27"] < col["KZ-11"] < col["KZ-63"]  # west, centre, east
	assert row["KZ-59"] < row["KZ-35"] < row["KZ-61"]  # north, centre, south
	assert col["KZ-47"] == 0 and row["KZ-47"] >= row["KZ-23"]  # Mangystau south-west


def test_measures_and_unknown_measure():
	assert [x.key for x in m.MEASURES] == [
		"active_share",
		"events_per_10k",
		"open_high_risk",
		"report_state",
		"overdue_instructions",
	]
	assert m.measure("open_high_risk").higher_is_better is False
	with pytest.raises(Exception, match="Unknown map measure"):
		m.measure("nope")


def test_share_and_rate():
	assert m.share(3, 4) == 75.0
	assert m.share(0, 0) is None
	assert m.per_10k(14, 1_400_000) == 0.1
	assert m.per_10k(3, None) is None


def test_breaks_colours_and_legend():
	bounds = m.breaks([0, 10, 20, 30, 40, 50])
	assert bounds == [10.0, 20.0, 30.0, 40.0, 50]
	assert m.colour(0, bounds) == m.SCALE[0]
	assert m.colour(50, bounds) == m.SCALE[-1]
	assert m.colour(50, bounds, higher_is_better=False) == m.SCALE[0]
	assert m.colour(None, bounds) == m.NO_DATA
	legend = m.legend(bounds)
	assert [x["colour"] for x in legend] == list(m.SCALE)
	assert legend[0]["from"] is None and legend[-1]["to"] == 50
	# all equal: one class; zero of a bad thing is good
	assert m.breaks([0, 0]) == [0]
	assert m.colour(0, [0], higher_is_better=False) == m.SCALE[-1]
	assert m.colour(0, [0]) == m.SCALE[0]  # no active structure anywhere is bad
	assert m.colour(5, [5]) == m.SCALE[2]  # all equal: neutral
	assert m.breaks([]) == []


def test_report_states_coloured_by_progress():
	assert m.report_state_colour("Signed off") == m.SCALE[-1]
	assert m.report_state_colour("") == m.SCALE[0]
	assert m.report_state_colour("Unknown") == m.NO_DATA

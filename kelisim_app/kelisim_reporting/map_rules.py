"""The map of the regions (#23): where each region's tile sits, the measures the map can show and how a
figure becomes a colour. Plain functions, testable without a database (tests/test_map_rules.py).

The map is schematic: one tile per region, placed by geography on a 6 x 5 grid (west to east, north to
south). It needs no boundary data (whose licence and 2022 borders could not be had from the package
registries) and reads better for 20 values than shapes of very different sizes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kelisim_app.exceptions import fail
from kelisim_app.utils.i18n import N_, _

# region code -> (column, row); the three cities sit next to the region that surrounds them
TILES: dict[str, tuple[int, int]] = {
	"KZ-27": (0, 0),  # West Kazakhstan
	"KZ-39": (2, 0),  # Kostanay
	"KZ-59": (3, 0),  # North Kazakhstan
	"KZ-55": (4, 0),  # Pavlodar
	"KZ-63": (5, 0),  # East Kazakhstan
	"KZ-23": (0, 1),  # Atyrau
	"KZ-15": (1, 1),  # Aktobe
	"KZ-62": (2, 1),  # Ulytau
	"KZ-11": (3, 1),  # Akmola
	"KZ-71": (4, 1),  # Astana
	"KZ-10": (5, 1),  # Abai
	"KZ-47": (0, 2),  # Mangystau
	"KZ-43": (1, 2),  # Kyzylorda
	"KZ-35": (3, 2),  # Karaganda
	"KZ-33": (5, 2),  # Zhetisu
	"KZ-61": (2, 3),  # Turkistan
	"KZ-31": (3, 3),  # Zhambyl
	"KZ-19": (4, 3),  # Almaty Region
	"KZ-79": (2, 4),  # Shymkent
	"KZ-75": (4, 4),  # Almaty
}
COLUMNS = 1 + max(c for c, _r in TILES.values())
ROWS = 1 + max(r for _c, r in TILES.values())


@dataclass(frozen=True)
class Measure:
	key: str
	label: str
	doctype: str  # the list a click on a region opens
	unit: str = ""  # "%" or "" (a count or a rate)
	higher_is_better: bool = True
	categorical: bool = False


MEASURES: tuple[Measure, ...] = (
	Measure("active_share", N_("Active share of structures"), "KLS Public Structure", "%"),
	Measure("events_per_10k", N_("Events per 10,000 people"), "KLS Event"),
	Measure("open_high_risk", N_("Open high-risk cases"), "KLS Mediation Case", higher_is_better=False),
	Measure(
		"report_state", N_("Report state of the current period"), "KLS Regional Report", categorical=True
	),
	Measure(
		"overdue_instructions",
		N_("Overdue instructions"),
		"KLS Instruction Execution",
		higher_is_better=False,
	),
)
MEASURE_BY_KEY = {m.key: m for m in MEASURES}

# five steps from bad to good (red to green); the scale turns for measures where fewer is better
SCALE = ("#d73027", "#fc8d59", "#fee08b", "#91cf60", "#1a9850")
NO_DATA = "#e5e7eb"

# a regional report's state (the workflow's states and "no report yet"), coloured by how far it went
REPORT_STATE_COLOURS: dict[str, str] = {
	"": "#d73027",  # no report
	"Draft": "#fc8d59",
	"Returned": "#fc8d59",
	"Cancelled for correction": "#fc8d59",
	"Submitted": "#fee08b",
	"Reviewed": "#91cf60",
	"Signed off": "#1a9850",
	"Handed over": "#1a9850",
}
NO_REPORT = N_("No report")


def measure(key: str) -> Measure:
	if key not in MEASURE_BY_KEY:
		fail(_("Unknown map measure: {0}").format(key))
	return MEASURE_BY_KEY[key]


def share(part: int, whole: int) -> float | None:
	"""part of whole in per cent, one decimal; None when there is nothing to share."""
	return round(100.0 * part / whole, 1) if whole else None


def per_10k(count: int, population: int | None) -> float | None:
	return round(10000.0 * count / population, 2) if population else None


def breaks(values: list[float], steps: int = len(SCALE)) -> list[float]:
	"""Upper bounds of `steps` equal-width classes between the smallest and the largest value."""
	if not values:
		return []
	low, high = min(values), max(values)
	if high == low:
		return [high]
	width = (high - low) / steps
	return [round(low + width * i, 2) for i in range(1, steps)] + [high]


def colour(value: float | None, bounds: list[float], higher_is_better: bool = True) -> str:
	"""The colour of `value` in classes ending at `bounds` (from `breaks`)."""
	if value is None or not bounds:
		return NO_DATA
	if len(bounds) == 1:  # every region has the same value: nothing to rank, only none at all is judged
		if value == 0:
			return SCALE[0] if higher_is_better else SCALE[-1]
		return SCALE[len(SCALE) // 2]
	index = next((i for i, bound in enumerate(bounds) if value <= bound), len(bounds) - 1)
	scale = SCALE if higher_is_better else tuple(reversed(SCALE))
	return scale[index]


def legend(bounds: list[float], higher_is_better: bool = True) -> list[dict]:
	"""[{colour, from, to}] for the classes ending at `bounds`."""
	if not bounds:
		return []
	if len(bounds) == 1:
		return [{"colour": colour(bounds[0], bounds, higher_is_better), "from": bounds[0], "to": bounds[0]}]
	scale = SCALE if higher_is_better else tuple(reversed(SCALE))
	out, low = [], None
	for i, bound in enumerate(bounds):
		out.append({"colour": scale[i], "from": low, "to": bound})
		low = bound
	return out


def report_state_colour(state: str | None) -> str:
	return REPORT_STATE_COLOURS.get(state or "", NO_DATA)


def tiles_complete(codes: Mapping[str, object]) -> list[str]:
	"""Region codes of `codes` that have no tile (a region added after 2022 would need one)."""
	return sorted(set(codes) - set(TILES))

"""The demo's figures: the concept's 2020 numbers and their spread over the regions (pure, no Frappe).

Scale 1 is the concept: 2,739 Councils of Public Consent with 21,000 members, and so on. Every count is
multiplied by the scale and divided over the 20 regions in proportion to their population (largest
remainder, so the regional parts add up exactly to the national figure); the youth movement has one
headquarters in every region, whatever the scale.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

REGIONS_CSV = Path(__file__).parent.parent / "kelisim_core" / "data" / "regions.csv"


@dataclass(frozen=True)
class KindFigure:
	kind: str
	count: int  # structures at scale 1
	members: int = 0  # people with an open membership at scale 1
	member_role: str = "Member"
	per_region_fixed: bool = False  # one per region at any scale (not scaled)


# the concept's 2020 figures (../shared/reference/DOMAIN.md)
STRUCTURES: tuple[KindFigure, ...] = (
	KindFigure("Council of Public Consent", 2739, 21000),
	KindFigure("Mothers' Council", 1761, 11000),
	KindFigure("Mediation Council", 20, per_region_fixed=True),  # the parent of platforms and offices
	KindFigure("Dialogue Platform", 346),
	KindFigure("Mediation Office", 272),
	KindFigure("House of Friendship", 40),
	KindFigure("Volunteer Centre", 30, 2056, member_role="Volunteer"),
	KindFigure("Ethnocultural Association", 620),
	KindFigure("Journalists' Club", 15, 319),
	KindFigure("Ethnic Media Outlet", 52),
	KindFigure("Youth Movement Headquarters", 20, per_region_fixed=True),
)
PARENT_KIND = {
	"Dialogue Platform": "Mediation Council",
	"Mediation Office": "Mediation Council",
	"Volunteer Centre": "House of Friendship",
}
ACCREDITED_ECO = 371
MEDIATORS = 1411
EVENTS = 10400
MEDIATION_CASES = 9000
PUBLICATIONS = 5200
BOOKS = 40
INSTRUCTIONS = 12  # one a month, each to every region
SUSPENDED_SHARE = 0.01  # registered but suspended
DISSOLVED_SHARE = 0.02  # dissolved on top of the registered figure (the census shows them on request)


@dataclass(frozen=True)
class Region:
	code: str
	name_en: str
	name_ru: str
	kind: str
	population: int  # thousands


def regions() -> list[Region]:
	with REGIONS_CSV.open(encoding="utf-8") as f:
		return [
			Region(r["code"], r["name_en"], r["name_ru"], r["kind"], int(r["population_thousands_approx"]))
			for r in csv.DictReader(f)
		]


def scaled(count: int, scale: float) -> int:
	return max(0, round(count * scale))


def apportion(total: int, weights: dict[str, int], minimum: int = 0) -> dict[str, int]:
	"""`total` divided over the keys in proportion to the weights (largest remainder); every key gets at
	least `minimum` when the total allows. The parts add up to `total` exactly."""
	keys = sorted(weights)
	if not keys or total <= 0:
		return dict.fromkeys(keys, 0)
	floor = minimum if total >= minimum * len(keys) else 0
	rest = total - floor * len(keys)
	weight_sum = sum(weights[k] for k in keys) or 1
	quotas = {k: rest * weights[k] / weight_sum for k in keys}
	parts = {k: floor + int(quotas[k]) for k in keys}
	left = total - sum(parts.values())
	by_remainder = sorted(keys, key=lambda k: (-(quotas[k] - int(quotas[k])), k))
	for k in by_remainder[:left]:
		parts[k] += 1
	return parts


def population_weights() -> dict[str, int]:
	return {r.code: r.population for r in regions()}


def structure_counts(scale: float) -> dict[str, dict[str, int]]:
	"""kind → region → number of registered structures."""
	weights = population_weights()
	counts = {}
	for fig in STRUCTURES:
		if fig.per_region_fixed:
			counts[fig.kind] = dict.fromkeys(weights, 1)
			continue
		minimum = 1 if fig.kind in PARENT_KIND.values() else 0
		counts[fig.kind] = apportion(scaled(fig.count, scale), weights, minimum)
	# a child kind lives only where its parent kind does
	for child, parent in PARENT_KIND.items():
		parents = counts[parent]
		if any(counts[child][r] and not parents[r] for r in parents):
			counts[child] = apportion(
				sum(counts[child].values()), {r: w for r, w in weights.items() if parents[r]}
			) | {r: 0 for r in weights if not parents[r]}
	return counts


def member_counts(scale: float) -> dict[str, dict[str, int]]:
	"""kind → region → members (only kinds with members)."""
	structures = structure_counts(scale)
	out = {}
	for fig in STRUCTURES:
		if not fig.members:
			continue
		total = scaled(fig.members, scale)
		# members follow the structures of the region (a region without such structures has no members)
		out[fig.kind] = apportion(total, {r: n for r, n in structures[fig.kind].items() if n}) | {
			r: 0 for r, n in structures[fig.kind].items() if not n
		}
	return out


def per_region(total: int, scale: float) -> dict[str, int]:
	return apportion(scaled(total, scale), population_weights())


def split(total: int, parts: int) -> list[int]:
	"""`total` divided as evenly as possible into `parts` (the first ones get the remainder)."""
	if parts <= 0:
		return []
	base, extra = divmod(total, parts)
	return [base + (1 if i < extra else 0) for i in range(parts)]


def rng(seed: int, *key) -> random.Random:
	"""A random generator of its own for each (seed, stage, region, …): a stage gives the same records
	whatever ran before it, so a resumed run continues the same data set."""
	return random.Random(f"{seed}|" + "|".join(str(k) for k in key))


def national_figures(scale: float) -> dict[str, int]:
	"""What the Active Structures report must show nationally at this scale: registered per kind and
	members per kind."""
	counts = structure_counts(scale)
	members = member_counts(scale)
	out = {}
	for fig in STRUCTURES:
		out[f"registered:{fig.kind}"] = sum(counts[fig.kind].values())
		out[f"members:{fig.kind}"] = sum(members.get(fig.kind, {}).values())
	return out

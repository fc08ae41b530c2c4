"""The demo generator's figures (kelisim_app/demo/figures.py): scale 1 is the concept's 2020 table, spread
over the regions in proportion to population, every regional part adding up to the national figure."""

from __future__ import annotations

import pytest

from kelisim_app.demo import figures, users


def test_scale_one_is_the_concepts_table():
	national = figures.national_figures(1)
	assert national["registered:Council of Public Consent"] == 2739
	assert national["members:Council of Public Consent"] == 21000
	assert national["registered:Mothers' Council"] == 1761
	assert national["members:Mothers' Council"] == 11000
	assert national["registered:Dialogue Platform"] == 346
	assert national["registered:Mediation Office"] == 272
	assert national["registered:House of Friendship"] == 40
	assert national["registered:Volunteer Centre"] == 30
	assert national["members:Volunteer Centre"] == 2056
	assert national["registered:Ethnocultural Association"] == 620
	assert national["registered:Journalists' Club"] == 15
	assert national["members:Journalists' Club"] == 319
	assert national["registered:Ethnic Media Outlet"] == 52
	assert national["registered:Youth Movement Headquarters"] == 20


@pytest.mark.parametrize("total", [0, 1, 7, 346, 2739, 21000])
def test_apportion_adds_up_and_follows_population(total):
	weights = figures.population_weights()
	parts = figures.apportion(total, weights)
	assert sum(parts.values()) == total
	share = total / sum(weights.values())
	for region, weight in weights.items():
		assert abs(parts[region] - weight * share) < 1  # largest remainder: within one of the exact quota


def test_apportion_minimum_when_the_total_allows():
	weights = figures.population_weights()
	assert min(figures.apportion(40, weights, minimum=1).values()) == 1
	assert sum(figures.apportion(4, weights, minimum=1).values()) == 4  # too few for one each: plain split


def test_bigger_regions_get_more():
	cpc = figures.structure_counts(1)["Council of Public Consent"]
	assert cpc["KZ-75"] > cpc["KZ-71"] > cpc["KZ-62"]  # Almaty > Astana > Ulytau


@pytest.mark.parametrize("scale", [0.02, 0.1, 1, 10])
def test_children_only_where_their_parents_are(scale):
	counts = figures.structure_counts(scale)
	for child, parent in figures.PARENT_KIND.items():
		for region, n in counts[child].items():
			assert not n or counts[parent][region], (scale, child, region)


@pytest.mark.parametrize("scale", [0.1, 1, 10])
def test_scale_multiplies_and_youth_headquarters_stay_one_per_region(scale):
	national = figures.national_figures(scale)
	assert national["registered:Council of Public Consent"] == round(2739 * scale)
	assert national["members:Mothers' Council"] == round(11000 * scale)
	assert national["registered:Youth Movement Headquarters"] == 20


def test_split_and_rng_are_deterministic():
	assert figures.split(10, 3) == [4, 3, 3]
	assert figures.rng(2020, "events", "KZ-71").random() == figures.rng(2020, "events", "KZ-71").random()
	assert figures.rng(2020, "events", "KZ-71").random() != figures.rng(2021, "events", "KZ-71").random()


def test_every_region_has_a_kgu_head_and_specialist_login():
	keys = {u.key for u in users.all_users()}
	for region in figures.regions():
		slug = users.region_slug(region)
		assert f"kgu.head.{slug}" in keys and f"kgu.specialist.{slug}" in keys
	assert len({users.region_slug(r) for r in figures.regions()}) == 20  # no two regions share a login

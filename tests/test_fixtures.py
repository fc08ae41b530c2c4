"""Fixtures are shipped only with filters, each filter matches the file shipped, and their user-facing
labels are marked for the translation catalogue."""

from __future__ import annotations

import ast

import pytest

from tests.app_meta import APP_DIR, known_doctypes, load_json, scrub


def hook_fixtures() -> list[dict]:
	tree = ast.parse((APP_DIR / "hooks.py").read_text(encoding="utf-8"))
	for node in tree.body:
		if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "fixtures" for t in node.targets):
			return ast.literal_eval(node.value)
	return []


def marked_messages() -> set[str]:
	"""Strings wrapped in N_() in install.py."""
	tree = ast.parse((APP_DIR / "install.py").read_text(encoding="utf-8"))
	return {
		node.args[0].value
		for node in ast.walk(tree)
		if isinstance(node, ast.Call)
		and getattr(node.func, "id", None) == "N_"
		and node.args
		and isinstance(node.args[0], ast.Constant)
	}


FIXTURES = hook_fixtures()


def test_there_are_fixtures_and_each_is_a_filtered_dict():
	assert FIXTURES, "hooks.fixtures is expected to ship the app's custom fields"
	for fixture in FIXTURES:
		assert isinstance(fixture, dict), f"unfiltered fixture {fixture!r} would export a whole DocType"
		assert fixture.get("filters"), f"fixture {fixture.get('dt')} has no filters"
		assert fixture["dt"] in known_doctypes()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f["dt"])
def test_fixture_file_matches_its_filter(fixture):
	path = APP_DIR / "fixtures" / f"{scrub(fixture['dt'])}.json"
	assert path.exists(), f"{path} missing: run bench export-fixtures --app kelisim_app"
	records = load_json(path)
	assert records, f"{path} is empty"
	for record in records:
		assert record["doctype"] == fixture["dt"]
		for field, op, value in fixture["filters"]:
			if op == "=":
				assert record.get(field) == value, (record.get("name"), field)
			elif op == "in":
				assert record.get(field) in value, (record.get("name"), field)
			else:
				pytest.fail(f"filter operator {op} not checked by this test")


def test_custom_field_labels_are_marked_for_translation():
	records = load_json(APP_DIR / "fixtures" / "custom_field.json")
	texts = {r[k] for r in records for k in ("label", "description") if r.get(k)}
	missing = texts - marked_messages()
	assert not missing, f"mark these with N_() in install.py so the catalogue carries them: {sorted(missing)}"


def test_custom_fields_link_to_existing_doctypes():
	for record in load_json(APP_DIR / "fixtures" / "custom_field.json"):
		assert record["dt"] in known_doctypes()
		if record["fieldtype"] in ("Link", "Table", "Table MultiSelect"):
			assert record["options"] in known_doctypes(), record["fieldname"]

"""Redaction of change history for readers without a field's permission level (kelisim_core.confidential_rules)."""

from kelisim_app.kelisim_core.confidential_rules import (
	REDACTED,
	names_confidential_field,
	redact_version_diff,
)

DIFF = {
	"changed": [["iin", "850314300011", "850314300022"], ["first_name", "Asel", "Aset"]],
	"added": [
		["parties", {"name": "r1", "idx": 1, "party_name": "Secret"}],
		["links", {"name": "l", "x": 1}],
	],
	"removed": [],
	"row_changed": [
		["parties", 1, "r1", [["party_name", "Secret", "Other"]]],
		["members", 2, "m", [["note", "private", "still"], ["role", "x", "y"]]],
	],
}


def test_hidden_fields_keep_the_change_not_the_values():
	out = redact_version_diff(DIFF, {"iin", "parties"}, {"members": {"note"}})
	assert out["changed"] == [["iin", REDACTED, REDACTED], ["first_name", "Asel", "Aset"]]
	assert out["added"] == [["parties", {"name": "r1", "idx": 1}], ["links", {"name": "l", "x": 1}]]
	assert out["row_changed"][0] == ["parties", 1, "r1", [["party_name", REDACTED, REDACTED]]]
	assert out["row_changed"][1] == ["members", 2, "m", [["note", REDACTED, REDACTED], ["role", "x", "y"]]]
	assert "850314300011" not in str(out) and "Secret" not in str(out) and "private" not in str(out)


def test_nothing_hidden_changes_nothing():
	assert redact_version_diff(DIFF, set(), {}) == DIFF


def test_a_diff_without_some_keys_stays_without_them():
	assert redact_version_diff({"changed": [["iin", "1", "2"]]}, {"iin"}) == {
		"changed": [["iin", REDACTED, REDACTED]]
	}


def test_templates_naming_a_confidential_field():
	fields = ["iin", "birth_date"]
	assert names_confidential_field("Dear {{ doc.first_name }}", fields) == []
	assert names_confidential_field("IIN {{ doc.iin }}", fields) == ["iin"]
	assert names_confidential_field("{{ doc['birth_date'] }} {{ doc.get('iin') }}", fields) == [
		"birth_date",
		"iin",
	]
	assert names_confidential_field("{{ doc.iinx }}", fields) == []

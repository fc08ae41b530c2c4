"""Workflows kept as code: every shipped definition is sound, and the engine (`workflow_defs`) that validates,
fingerprints and decides the sync behaves as its docstrings say."""

from __future__ import annotations

import copy
import itertools

import pytest

from kelisim_app.exceptions import ShippedDataError, WorkflowDefinitionError
from kelisim_app.kelisim_core import workflow_defs as defs
from kelisim_app.kelisim_core.workflow_defs import SyncAction
from tests import app_meta

# Fields of Frappe 15's child tables a Workflow record keeps (workflow_document_state.json,
# workflow_transition.json, workflow.json): what `workflow_sync.current_definition` can read back.
FRAPPE_WORKFLOW_FIELDS = frozenset(
	{
		"workflow_name",
		"document_type",
		"is_active",
		"override_status",
		"send_email_alert",
		"workflow_state_field",
		"workflow_data",
	}
)
FRAPPE_STATE_FIELDS = frozenset(
	{
		"state",
		"doc_status",
		"update_field",
		"update_value",
		"allow_edit",
		"message",
		"next_action_email_template",
		"is_optional_state",
		"workflow_builder_id",
		"avoid_status_override",
	}
)
FRAPPE_TRANSITION_FIELDS = frozenset(
	{"state", "action", "next_state", "allowed", "allow_self_approval", "condition", "workflow_builder_id"}
)

WORKFLOW_FILES = app_meta.workflow_json_paths()


def load(path):
	return app_meta.load_json(path)


# ---------------------------------------------------------------------------------------------- shipped files
def test_the_workflow_folder_exists(APP_DIR):
	assert (APP_DIR / "workflow").is_dir()
	assert (APP_DIR / "workflow" / "README.md").is_file()
	assert defs.WORKFLOW_DIR.resolve() == (APP_DIR / "workflow").resolve()


def test_load_definitions_reads_every_file_in_name_order(tmp_path):
	(tmp_path / "b.json").write_text('{"workflow_name": "B"}', encoding="utf-8")
	(tmp_path / "a.json").write_text('{"workflow_name": "A"}', encoding="utf-8")
	(tmp_path / "notes.md").write_text("not a definition", encoding="utf-8")
	loaded = defs.load_definitions(tmp_path)
	assert [p.name for p, _ in loaded] == ["a.json", "b.json"]
	assert [d["workflow_name"] for _, d in loaded] == ["A", "B"]
	assert len(defs.load_definitions()) == len(WORKFLOW_FILES)


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.stem)
def test_shipped_workflow_is_sound(path, known_roles):
	assert defs.problems(load(path), known_roles=known_roles) == []


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.stem)
def test_shipped_workflow_fits_its_doctype(path, app_doctypes):
	d = defs.normalise(load(path))
	assert d["document_type"] in app_doctypes, f"{d['document_type']} is not a DocType of the app"
	meta = app_doctypes[d["document_type"]][1]
	names = {f.get("fieldname") for f in meta.get("fields") or []}
	# Frappe adds a `workflow_state` custom field itself; any other state field must be the DocType's own
	if d["workflow_state_field"] != "workflow_state":
		assert d["workflow_state_field"] in names
	if any(s["doc_status"] in ("1", "2") for s in d["states"]):
		assert meta.get("is_submittable"), f"{d['document_type']} is not submittable but a state submits it"
	for s in d["states"]:
		if s["update_field"]:
			assert s["update_field"] in names, (
				f"state {s['state']}: update_field {s['update_field']} is no field"
			)


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.stem)
def test_shipped_workflow_roles_exist(path, known_roles):
	d = defs.normalise(load(path))
	for s in d["states"]:
		assert not s["allow_edit"] or s["allow_edit"] in known_roles, s
	for t in d["transitions"]:
		assert t["allowed"] in known_roles, t


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.stem)
def test_shipped_workflow_names_are_unique_across_files(path):
	names = [load(p).get("workflow_name") for p in WORKFLOW_FILES]
	assert names.count(load(path).get("workflow_name")) == 1


def test_the_fingerprint_covers_only_what_a_workflow_record_keeps():
	"""Migrate compares the file's fingerprint with the record's (`workflow_sync.current_definition`): a key
	Frappe's Workflow does not store reads back empty, so a file that sets it never compares equal and the
	workflow would be rewritten on every migrate."""
	assert set(defs.WORKFLOW_FIELDS) <= FRAPPE_WORKFLOW_FIELDS
	assert set(defs.TRANSITION_FIELDS) <= FRAPPE_TRANSITION_FIELDS
	# a state's style lives on the Workflow State master: it must not change the record's fingerprint
	assert defs.fingerprint(with_state("Draft", style="Success")) == defs.fingerprint(sound())
	assert set(defs.STATE_FIELDS) <= FRAPPE_STATE_FIELDS, (
		f"not fields of Workflow Document State: {sorted(set(defs.STATE_FIELDS) - FRAPPE_STATE_FIELDS)}"
	)


# ---------------------------------------------------------------------------------------------- problems()
ROLES = {"KGU Specialist", "KGU Head", "RGU Coordinator", "RGU Head"}


def sound() -> dict:
	return {
		"workflow_name": "KLS Sample Approval",
		"document_type": "KLS Sample",
		"states": [
			{"state": "Draft", "doc_status": "0", "allow_edit": "KGU Specialist"},
			{"state": "Submitted to RGU", "doc_status": "0", "allow_edit": "RGU Coordinator"},
			{"state": "Returned", "doc_status": "0", "allow_edit": "KGU Specialist"},
			{"state": "Approved", "doc_status": "1", "allow_edit": "RGU Head"},
			{"state": "Cancelled", "doc_status": "2", "allow_edit": "RGU Head"},
		],
		"transitions": [
			{"state": "Draft", "action": "Submit", "next_state": "Submitted to RGU", "allowed": "KGU Head"},
			{
				"state": "Submitted to RGU",
				"action": "Return",
				"next_state": "Returned",
				"allowed": "RGU Coordinator",
			},
			{
				"state": "Returned",
				"action": "Submit",
				"next_state": "Submitted to RGU",
				"allowed": "KGU Head",
			},
			{
				"state": "Submitted to RGU",
				"action": "Approve",
				"next_state": "Approved",
				"allowed": "RGU Head",
			},
			{"state": "Approved", "action": "Cancel", "next_state": "Cancelled", "allowed": "RGU Head"},
		],
	}


def with_state(state: str, **changes) -> dict:
	d = sound()
	for s in d["states"]:
		if s["state"] == state:
			s.update(changes)
	return d


def with_transition(index: int, **changes) -> dict:
	d = sound()
	d["transitions"][index].update(changes)
	return d


def plus_transition(**t) -> dict:
	d = sound()
	d["transitions"].append(t)
	return d


def test_a_state_may_have_one_row_per_editing_role():
	d = sound()
	d["states"].insert(1, {**d["states"][0], "allow_edit": "Structure Secretary"})
	assert defs.problems(d, known_roles=ROLES | {"Structure Secretary"}) == []


def test_a_sound_definition_has_no_problems():
	assert defs.problems(sound()) == []
	assert defs.problems(sound(), known_roles=ROLES) == []
	assert defs.validate(sound(), ROLES) == defs.normalise(sound())


DEFECTS = {
	"repeated state": (
		{**sound(), "states": [*sound()["states"], dict(sound()["states"][0])]},
		"repeats",
	),
	"a state's rows disagree on doc status": (
		{
			**sound(),
			"states": [*sound()["states"], {"state": "Draft", "doc_status": "1", "allow_edit": "RGU Head"}],
		},
		"different doc statuses",
	),
	"unknown next_state": (with_transition(0, next_state="Limbo"), "unknown state"),
	"unknown source state": (with_transition(0, state="Limbo"), "unknown state"),
	"docstatus 1 to 0": (
		plus_transition(state="Approved", action="Reopen", next_state="Draft", allowed="RGU Head"),
		"moves doc status 1 to 0",
	),
	"docstatus 2 to 0": (
		plus_transition(state="Cancelled", action="Revive", next_state="Draft", allowed="RGU Head"),
		"moves doc status 2 to 0",
	),
	"docstatus 2 to 1": (
		plus_transition(state="Cancelled", action="Revive", next_state="Approved", allowed="RGU Head"),
		"moves doc status 2 to 1",
	),
	"docstatus 2 to 2": (
		plus_transition(state="Cancelled", action="Again", next_state="Cancelled", allowed="RGU Head"),
		"moves doc status 2 to 2",
	),
	"docstatus 0 to 2": (
		plus_transition(state="Draft", action="Drop", next_state="Cancelled", allowed="KGU Head"),
		"moves doc status 0 to 2",
	),
	"illegal doc status": (with_state("Returned", doc_status="3"), "illegal doc status"),
	"first state not a draft": (
		{**sound(), "states": sound()["states"][3:] + sound()["states"][:3]},
		"first state",
	),
	"unreachable state": (
		{**sound(), "states": [*sound()["states"], {"state": "Archived", "doc_status": "1"}]},
		"cannot be reached",
	),
	"transition without role": (with_transition(1, allowed=""), "names no role"),
	"transition with unknown role": (with_transition(1, allowed="Janitor"), "unknown role"),
	"state with unknown role": (with_state("Draft", allow_edit="Janitor"), "unknown role"),
	"transition without action": (with_transition(1, action=""), "no action"),
	"repeated transition": (plus_transition(**sound()["transitions"][0]), "repeated"),
	"no name": ({**sound(), "workflow_name": ""}, "required"),
	"no document type": ({**sound(), "document_type": None}, "required"),
}


@pytest.mark.parametrize("case", sorted(DEFECTS))
def test_each_defect_is_caught(case):
	definition, expected = DEFECTS[case]
	found = defs.problems(definition, known_roles=ROLES)
	assert found, f"{case} went unnoticed"
	assert any(expected in p for p in found), found
	with pytest.raises(WorkflowDefinitionError):
		defs.validate(definition, ROLES)


def test_a_definition_without_states_is_rejected():
	assert defs.problems({"workflow_name": "W", "document_type": "KLS Sample"}) != []


def test_roles_are_not_checked_without_a_role_list():
	assert defs.problems(with_transition(1, allowed="Janitor")) == []


def test_definition_errors_are_shipped_data_errors():
	assert issubclass(WorkflowDefinitionError, ShippedDataError)


# ---------------------------------------------------------------------------------------------- normalise / fingerprint
def test_normalise_fills_the_defaults():
	d = defs.normalise(
		{
			"workflow_name": "W",
			"document_type": "KLS Sample",
			"states": [{"state": "Draft"}],
			"transitions": [
				{"state": "Draft", "action": "Submit", "next_state": "Draft", "allowed": "KGU Head"}
			],
		}
	)
	assert d["workflow_state_field"] == "workflow_state"
	assert d["is_active"] == 1
	assert d["override_status"] == 0
	assert d["send_email_alert"] == 0
	assert d["states"][0]["doc_status"] == "0"
	assert d["states"][0]["is_optional_state"] == 0
	assert d["states"][0]["allow_edit"] == ""
	assert d["transitions"][0]["allow_self_approval"] == 0, "nobody approves what he prepared"
	assert d["transitions"][0]["condition"] == ""
	assert set(d) == {*defs.WORKFLOW_FIELDS, "states", "transitions"}
	assert set(d["states"][0]) == set(defs.STATE_FIELDS)
	assert set(d["transitions"][0]) == set(defs.TRANSITION_FIELDS)


def test_normalise_fixes_types_and_drops_unmanaged_keys():
	d = defs.normalise(
		{
			**sound(),
			"is_active": "0",
			"owner": "someone",
			"states": [{"state": "Draft", "doc_status": 0, "is_optional_state": True, "idx": 1}],
		}
	)
	assert d["is_active"] == 0
	assert "owner" not in d
	assert d["states"][0]["doc_status"] == "0"
	assert d["states"][0]["is_optional_state"] == 1
	assert "idx" not in d["states"][0]
	assert (
		defs.normalise(
			{**sound(), "transitions": [{**sound()["transitions"][0], "allow_self_approval": "1"}]}
		)["transitions"][0]["allow_self_approval"]
		== 1
	)


def test_normalise_is_idempotent():
	for definition in (sound(), {}, with_state("Draft", doc_status=0, is_optional_state="1")):
		once = defs.normalise(definition)
		assert defs.normalise(once) == once
		assert defs.normalise(copy.deepcopy(definition)) == once


def reversed_keys(value):
	if isinstance(value, dict):
		return {k: reversed_keys(value[k]) for k in reversed(list(value))}
	if isinstance(value, list):
		return [reversed_keys(v) for v in value]
	return value


def test_fingerprint_is_stable():
	fp = defs.fingerprint(sound())
	assert len(fp) == 64
	assert defs.fingerprint(sound()) == fp
	assert defs.fingerprint(reversed_keys(sound())) == fp, "key order must not matter"
	assert defs.fingerprint(defs.normalise(sound())) == fp, "a record read back with its defaults is the same"
	assert defs.fingerprint(with_transition(0, allow_self_approval=0)) == fp


@pytest.mark.parametrize(
	"changed",
	[
		with_transition(0, allowed="RGU Head"),
		with_transition(0, next_state="Returned"),
		with_transition(0, allow_self_approval=1),
		with_transition(0, condition="doc.total > 0"),
		with_state("Draft", allow_edit="KGU Head"),
		{**sound(), "transitions": sound()["transitions"][:-1]},
		{**sound(), "transitions": list(reversed(sound()["transitions"]))},
	],
	ids=["role", "next_state", "self-approval", "condition", "state role", "removed", "reordered"],
)
def test_fingerprint_changes_with_the_definition(changed):
	assert defs.fingerprint(changed) != defs.fingerprint(sound())


# ---------------------------------------------------------------------------------------------- decide()
S, A, C = "shipped", "applied", "current"


@pytest.mark.parametrize(
	("shipped", "applied", "current", "expected"),
	[
		# the Workflow record does not exist
		(S, None, None, SyncAction.CREATE),  # never written: create it
		(S, A, None, SyncAction.KEEP_DELETED),  # written, then deleted by an administrator
		(S, S, None, SyncAction.KEEP_DELETED),
		# the record exists but the app never wrote it (made by hand, or before tracking)
		(S, None, S, SyncAction.UNCHANGED),  # it already is the shipped definition: adopt it
		(S, None, C, SyncAction.KEEP_CUSTOMISED),  # someone else's workflow: leave it alone
		# the app wrote it
		(S, S, S, SyncAction.UNCHANGED),  # nothing changed anywhere
		(S, A, A, SyncAction.UPDATE),  # the file changed, the record did not
		(S, A, C, SyncAction.KEEP_CUSTOMISED),  # an administrator changed it
		(S, S, C, SyncAction.KEEP_CUSTOMISED),
		(S, A, S, SyncAction.UNCHANGED),  # changed by hand to exactly what the file now says: in sync again
	],
)
def test_decide(shipped, applied, current, expected):
	assert defs.decide(shipped, applied, current) is expected


def test_decide_is_total():
	"""Every combination of the three hashes (equal or not, present or not) has exactly one answer."""
	for applied, current in itertools.product((None, S, A, C), repeat=2):
		assert isinstance(defs.decide(S, applied, current), SyncAction)
	assert defs.decide(S, "", None) is SyncAction.CREATE, "an empty applied hash means never applied"

"""Babel extractors for the app's standard records that Frappe's own extractors do not read
(wired in `babel_extractors.csv` at the app root, which `bench generate-pot-file` consults first)."""

from __future__ import annotations

import json


def extract_workflow(fileobj, *args, **kwargs):
	"""States and actions of a workflow kept as code (the desk shows them translated)."""
	data = json.load(fileobj)
	for state in data.get("states") or []:
		if state.get("state"):
			yield None, "_", state["state"], ["Name of a workflow state"]
		if state.get("message"):
			yield None, "_", state["message"], ["Message of a workflow state"]
	for transition in data.get("transitions") or []:
		if transition.get("action"):
			yield None, "_", transition["action"], ["Name of a workflow action"]


def extract_label(fileobj, *args, **kwargs):
	"""The label of a Number Card or Dashboard Chart (and a Print Format's name)."""
	data = json.load(fileobj)
	for key in ("label", "chart_name"):
		if data.get(key):
			yield None, "_", data[key], [f"{key} of a {data.get('doctype')}"]
	if data.get("doctype") == "Print Format" and data.get("name"):
		yield None, "_", data["name"], ["Name of a Print Format"]

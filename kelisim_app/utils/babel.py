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


WEB_FORM_TEXTS = (
	"title",
	"introduction_text",
	"success_title",
	"success_message",
	"list_title",
	"button_label",
	"meta_title",
	"meta_description",
)


def web_form_messages(data: dict) -> list[str]:
	"""What Frappe's web form passes through `_()` (`WebForm.load_translations`, the web form template) and
	the app's `get_context` translates (the introduction): the texts, the fields' labels, descriptions and
	Select options, the list columns. HTML is looked up without its tags, as `frappe._` does."""
	import re

	def plain(text: str) -> str:
		return " ".join(re.sub(r"<[^>]+>", " ", text).split()) if "<" in text else text

	out = [data.get(key) or "" for key in WEB_FORM_TEXTS]
	for field in data.get("web_form_fields") or []:
		out += [field.get("label") or "", field.get("description") or ""]
		if field.get("fieldtype") == "Select" and field.get("options"):
			out += field["options"].split("\n")
	out += [(column or {}).get("label") or "" for column in data.get("list_columns") or []]
	return [plain(m) for m in out if m and plain(m)]


def extract_web_form(fileobj, *args, **kwargs):
	"""A web form's texts (Frappe v15 has no extractor for them)."""
	data = json.load(fileobj)
	if data.get("doctype") != "Web Form":
		return
	for message in web_form_messages(data):
		yield None, "_", message, ["Text of a Web Form"]

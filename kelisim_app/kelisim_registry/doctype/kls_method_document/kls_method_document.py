# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from kelisim_app.exceptions import fail
from kelisim_app.kelisim_registry.exceptions import MethodDocumentError
from kelisim_app.utils.i18n import _

CURRENT = "Current"
SUPERSEDED = "Superseded"
MAX_CHAIN = 1000  # versions a supersession chain is followed through before it is called a loop


class KLSMethodDocument(Document):
	def validate(self):
		self.title = " ".join((self.title or "").split())
		self.version = (self.version or "").strip()
		self.check_supersedes()
		self.check_version_unique()
		self.check_one_current()

	def check_supersedes(self):
		"""A document cannot supersede itself, directly or through the versions it replaces."""
		seen = set()
		previous = self.supersedes
		while previous and len(seen) < MAX_CHAIN:
			if previous == self.name:
				fail(_("A document cannot supersede itself"), MethodDocumentError)
			if previous in seen:
				break
			seen.add(previous)
			previous = frappe.db.get_value("KLS Method Document", previous, "supersedes")

	def same_document_filters(self) -> dict:
		filters = {"title": self.title, "document_type": self.document_type}
		if self.name:
			filters["name"] = ["!=", self.name]
		return filters

	def check_version_unique(self):
		existing = frappe.get_all(
			"KLS Method Document",
			filters={**self.same_document_filters(), "version": self.version},
			pluck="name",
			limit=1,
		)
		if existing:
			fail(
				_("Version {0} of {1} already exists: {2}").format(self.version, self.title, existing[0]),
				MethodDocumentError,
			)

	def check_one_current(self):
		"""Only one Current version per title and document type; the version this one supersedes does not
		count, it becomes Superseded when this one is saved."""
		if self.status != CURRENT:
			return
		filters = {**self.same_document_filters(), "status": CURRENT}
		current = [n for n in frappe.get_all("KLS Method Document", filters=filters, pluck="name")]
		current = [n for n in current if n != self.supersedes]
		if current:
			fail(
				_(
					"{0} already has a current version: {1}. Mark this one as superseding it, or make "
					"that one Superseded first"
				).format(self.title, current[0]),
				MethodDocumentError,
			)

	def on_update(self):
		self.supersede_previous()

	def supersede_previous(self):
		"""A Current version retires the one it supersedes (with its own version history)."""
		if self.status != CURRENT or not self.supersedes:
			return
		previous = frappe.get_doc("KLS Method Document", self.supersedes)
		if previous.status == SUPERSEDED:
			return
		previous.status = SUPERSEDED
		previous.flags.ignore_permissions = True
		previous.save()

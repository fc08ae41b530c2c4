# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""A media publication: an article, broadcast, post, stream, interview, video, social advertising or FAQ
covering the work of the public structures. Its region (and so its KGU's scope) is taken from the event it
covers, or else from its outlet, when left empty; `is_kazakh` follows the language, for the Kazakh share."""

import frappe
from frappe.model.document import Document
from frappe.utils import cint, getdate, today

from kelisim_app.exceptions import KelisimPermissionError, fail
from kelisim_app.kelisim_events import media
from kelisim_app.kelisim_events.exceptions import PublicationError
from kelisim_app.utils.i18n import _


class KLSMediaPublication(Document):
	def validate(self):
		self.normalise()
		self.check_link()
		self.check_outlet()
		self.check_date()
		self.check_reach()
		self.check_people()
		self.set_is_kazakh()
		self.set_from_event()
		self.set_region()

	def normalise(self):
		self.title = " ".join((self.title or "").split())
		self.outlet_name = " ".join((self.outlet_name or "").split()) or None
		self.link = (self.link or "").strip() or None

	def check_link(self):
		media.check_url(self.link)

	def check_outlet(self):
		media.check_outlet(self.outlet, self.outlet_name)
		if self.outlet:
			kind = frappe.db.get_value("KLS Public Structure", self.outlet, "structure_kind")
			media.check_outlet_kind(self.outlet, kind)

	def check_date(self):
		media.check_publication_date(
			getdate(self.published_on) if self.published_on else None, getdate(today())
		)

	def check_reach(self):
		media.check_non_negative(cint(self.reach) if self.reach is not None else None, _("Reach"))

	def check_people(self):
		seen = set()
		for row in self.get("people") or []:
			key = (row.person, row.role)
			if key in seen:
				fail(
					_("Row {0}: {1} is already listed as {2}").format(row.idx, row.person, _(row.role)),
					PublicationError,
				)
			seen.add(key)

	def set_is_kazakh(self):
		state = (
			frappe.db.get_value("KLS Language", self.language, "is_state_language") if self.language else 0
		)
		self.is_kazakh = 1 if cint(state) else 0

	def set_from_event(self):
		"""The base project of the event covered, when the publication names none."""
		if self.event and not self.base_project:
			self.base_project = frappe.db.get_value("KLS Event", self.event, "base_project")

	def set_region(self):
		"""The region of the event covered, or else of the outlet, when left empty."""
		if self.region:
			return
		if self.event:
			self.region = frappe.db.get_value("KLS Event", self.event, "region")
		if not self.region and self.outlet:
			self.region = frappe.db.get_value("KLS Public Structure", self.outlet, "region")
		if not self.region:
			fail(
				_(
					"Choose the region of the publication: it has no event or registered outlet to take it from"
				),
				PublicationError,
			)
		self.check_region_scope()

	def check_region_scope(self):
		"""A region taken from the outlet during validate comes after Frappe's own permission check: a KGU
		user may not record a publication of another region that way."""
		if self.flags.ignore_permissions:
			return
		ptype = "create" if self.is_new() else "write"
		if not frappe.has_permission(self.doctype, ptype, doc=self):
			fail(
				_(
					"This publication would belong to region {0}, outside your scope: choose an event or outlet "
					"of your region, or enter the region yourself"
				).format(self.region),
				KelisimPermissionError,
			)

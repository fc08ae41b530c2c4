# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt
"""A book or translation of base project 2 (tales, epics, classic and modern literature between the state
language and the languages of ethnic groups). A republican book has no region; a regional one is in its
KGU's scope."""

from frappe.model.document import Document
from frappe.utils import cint, getdate, today

from kelisim_app.kelisim_events import media


class KLSBook(Document):
	def validate(self):
		self.normalise()
		self.check_book()

	def normalise(self):
		self.title = " ".join((self.title or "").split())
		self.isbn = (self.isbn or "").strip() or None

	def check_book(self):
		media.check_book(
			print_run=cint(self.print_run) if self.print_run is not None else None,
			source_language=self.source_language,
			target_language=self.target_language,
			status=self.status,
			published_on=getdate(self.published_on) if self.published_on else None,
			today=getdate(today()),
		)

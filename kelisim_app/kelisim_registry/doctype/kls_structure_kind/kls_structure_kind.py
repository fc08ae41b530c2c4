# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from kelisim_app.exceptions import fail
from kelisim_app.kelisim_registry.rules import StructureHierarchyError
from kelisim_app.utils.i18n import _


class KLSStructureKind(Document):
	def validate(self):
		self.check_parent_kind()

	def check_parent_kind(self):
		if self.parent_kind and self.parent_kind == self.name:
			fail(_("A structure kind cannot be its own parent kind"), StructureHierarchyError)

# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class KLSMaterialFile(Document):
	"""A media file of a collected material (a row of KLS Ethnocultural Material)."""

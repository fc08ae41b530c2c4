# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class KLSFourEyesRelaxation(Document):
	pass

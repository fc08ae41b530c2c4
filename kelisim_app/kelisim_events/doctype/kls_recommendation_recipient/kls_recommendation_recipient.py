# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class KLSRecommendationRecipient(Document):
	"""A recipient of an information recommendation; checked by its parent."""

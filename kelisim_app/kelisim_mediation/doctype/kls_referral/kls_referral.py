# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class KLSReferral(Document):
	"""A row of a mediation case's or consultation's referrals; checked by its parent (`referrals.py`)."""

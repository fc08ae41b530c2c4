# Copyright (c) 2026, Kelisim developers and contributors
# For license information, please see license.txt

from kelisim_app.utils.masters import TrimmedNamesDocument


class KLSEthnicGroup(TrimmedNamesDocument):
	pass

from frappe import _


def get_data():
	return {
		"fieldname": "structure",
		"non_standard_fieldnames": {"KLS Public Structure": "parent_structure"},
		"transactions": [
			{"label": _("Members"), "items": ["KLS Membership"]},
			{"label": _("Structures under it"), "items": ["KLS Public Structure"]},
		],
	}

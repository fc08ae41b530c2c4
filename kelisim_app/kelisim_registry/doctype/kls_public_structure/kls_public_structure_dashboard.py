from frappe import _


def get_data():
	return {
		"fieldname": "structure",
		"non_standard_fieldnames": {
			"KLS Public Structure": "parent_structure",
			"KLS Event": "organiser",
			"KLS Mediation Case": "handling_structure",
			"KLS Mediator": "mediation_structure",
		},
		"transactions": [
			{"label": _("Members"), "items": ["KLS Membership"]},
			{"label": _("Events"), "items": ["KLS Event"]},
			{"label": _("Mediation"), "items": ["KLS Mediation Case", "KLS Mediator"]},
			{"label": _("Structures under it"), "items": ["KLS Public Structure"]},
		],
	}

"""Typed errors of the app, and `fail()`, the one way a rule rejects input.

Rules live in plain modules that layer-1 tests import without Frappe; on a site the errors are
`frappe.ValidationError` subclasses raised through `frappe.throw` (a translated message dialog, and the
request's transaction rolled back, so nothing is half-saved).
"""

from __future__ import annotations

from typing import NoReturn

try:
	import frappe

	_ValidationError: type[Exception] = frappe.ValidationError
	_PermissionError: type[Exception] = frappe.PermissionError
except ImportError:  # layer-1 tests: no Frappe on the path
	frappe = None

	class _ValidationError(Exception):  # type: ignore[no-redef]
		pass

	class _PermissionError(Exception):  # type: ignore[no-redef]
		pass


class KelisimValidationError(_ValidationError):
	"""Base of every rule violation raised by the app."""


class RegionMismatchError(KelisimValidationError):
	"""Two territorial fields of a record disagree (district of another region, office without region)."""


class DuplicateOfficeError(KelisimValidationError):
	"""A second RGU, or a second KGU for one region."""


class UserOfficeError(KelisimValidationError):
	"""A user's roles do not fit the office he is attached to."""


class ShippedDataError(KelisimValidationError):
	"""Data shipped with the app (regions, workflow definitions) is malformed."""


class WorkflowDefinitionError(ShippedDataError):
	"""A workflow definition kept as code is inconsistent."""


class UnsupportedFrappeVersionError(ShippedDataError):
	"""The bench runs a Frappe version the app was not written for (kelisim_core/frappe_version.py)."""


class SignatureError(KelisimValidationError):
	"""An electronic digital signature that cannot be accepted (content, chain, validity, usage, signer)."""


class SignatureRequiredError(_PermissionError):
	"""A workflow step that requires a signature was applied without one."""


class KelisimPermissionError(_PermissionError):
	"""The user may not act on this record (territory, role)."""


# --- #18 B: who may act on an approval step is a permission question (HTTP 403), not a validation one
class ApprovalPermissionError(KelisimPermissionError):
	"""The user may not take this step of the document's approval chain."""


class ApproverRoleError(ApprovalPermissionError):
	"""The step belongs to another role (e.g. only the RGU Head signs off)."""


class SelfApprovalError(ApprovalPermissionError):
	"""Nobody approves what he prepared or submitted."""


class FourEyesError(ApprovalPermissionError):
	"""One person took the previous step of the same document: the next one is someone else's."""


class PersonalDataPermissionError(KelisimPermissionError):
	"""Personal data the user may not see or erase (consent, office that registered the person)."""


def fail(message: str, exc: type[Exception] = KelisimValidationError, title: str | None = None) -> NoReturn:
	"""Reject input: `frappe.throw` on a site, a plain raise without Frappe."""
	if frappe is not None and getattr(frappe, "local", None) is not None and hasattr(frappe.local, "lang"):
		frappe.throw(message, exc=exc, title=title)
	raise exc(message)

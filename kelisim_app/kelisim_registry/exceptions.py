"""Typed errors of the registries (people, mediators, methodological library)."""

from __future__ import annotations

from kelisim_app.exceptions import KelisimValidationError


class InvalidIINError(KelisimValidationError):
	"""An individual identification number (IIN) is malformed or fails its control digit."""


class DuplicatePersonError(KelisimValidationError):
	"""The person is already in the registry (same IIN, or same name and birth date)."""


class CertificationError(KelisimValidationError):
	"""A mediator's certificate data is incomplete or inconsistent."""


class MethodDocumentError(KelisimValidationError):
	"""A document of the methodological library breaks the versioning rules."""


class MediatorStructureError(KelisimValidationError):
	"""A mediator's council or office is not a mediation structure, or lies in another region."""

"""Typed errors of mediation cases, appeals and consultations."""

from __future__ import annotations

from kelisim_app.exceptions import KelisimPermissionError, KelisimValidationError


class MediationCaseError(KelisimValidationError):
	"""A mediation case breaks a rule of its status chain, parties, dates or outcome."""


class MediatorAssignmentError(KelisimValidationError):
	"""The mediator cannot take the case (region, certification, status), or none is available."""


class MediationSettingsError(KelisimValidationError):
	"""The mediation settings are inconsistent (a category twice, a period not positive)."""


class AppealError(KelisimValidationError):
	"""A public appeal is incomplete, too large or refused."""


class AppealRateLimitError(AppealError):
	"""Too many appeals or status checks from one address or contact in a short time."""


class ReferralError(KelisimValidationError):
	"""A referral to a partner is dated wrongly, lacks its answer's date or names a partner of another region."""


class CaseConfidentialError(KelisimPermissionError):
	"""The user may not see this mediation case."""

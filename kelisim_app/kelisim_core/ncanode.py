"""GOST signatures through NCANode (ncanode-kz/NCANode, its REST API ``POST /cms/verify``): the address is
set in KLS Signature Settings; without it a GOST signature is stored as "not verified here"."""

from __future__ import annotations

import base64

import requests

from kelisim_app.exceptions import SignatureError, fail
from kelisim_app.utils.i18n import _


def verify(url: str, timeout: int, cms_der: bytes, content: bytes, check) -> None:
	"""Have NCANode check the CMS over `content` (chain to its own trusted NCA roots, validity, OCSP); on
	success `check.verified` becomes True. Raises SignatureError when NCANode refuses it or cannot be reached."""
	payload = {
		"revocationCheck": ["OCSP"],
		"cms": base64.b64encode(cms_der).decode(),
		"data": base64.b64encode(content).decode(),
	}
	try:
		response = requests.post(url.rstrip("/") + "/cms/verify", json=payload, timeout=timeout)
		answer = response.json()
	except (requests.RequestException, ValueError):
		fail(_("NCANode at {0} did not answer: try again later").format(url), SignatureError)
	if response.status_code != 200 or not answer.get("valid"):
		fail(
			_("NCANode refused the signature: {0}").format(answer.get("message") or response.status_code),
			SignatureError,
		)
	subjects = [
		(cert.get("subject") or {})
		for signer in answer.get("signers") or []
		for cert in (signer.get("certificates") or [])[:1]
	]
	if check.iin and subjects and all(s.get("iin") != check.iin for s in subjects):
		fail(_("NCANode verified a signer other than the certificate's"), SignatureError)
	check.verified = True
	check.chain = [_("verified by NCANode")]

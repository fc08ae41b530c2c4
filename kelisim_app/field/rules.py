"""Rules of the field app's sync, plain and typed (layer-1 tests import them without Frappe)."""

from __future__ import annotations

import base64
import binascii
import html
import re
from dataclasses import dataclass

from kelisim_app.exceptions import KelisimValidationError, fail
from kelisim_app.utils.i18n import _

# a client id is a UUID made on the device (crypto.randomUUID)
CLIENT_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
MAX_PHOTO_BYTES = 3 * 1024 * 1024  # a photo resized on the device is a few hundred kB
MAX_PHOTOS = 10
PHOTO_KINDS = {"photo", "participants"}
# what the device may create, and the queued operations
CREATABLE = ("KLS Event", "KLS Consultation")
OPS = ("create", "action")

# outcomes of a queued record
CREATED = "created"  # made now
EXISTS = "exists"  # made by an earlier sync of the same client id: nothing new
DONE = "done"  # a workflow action applied now
REFUSED = "refused"  # the server's rules refused it: corrected on the device and sent again
CONFLICT = "conflict"  # the record changed on the server since the device read it: nothing applied


class FieldSyncError(KelisimValidationError):
	"""A queued record the server cannot take as sent."""


@dataclass(frozen=True)
class Photo:
	kind: str
	file_name: str
	content: bytes


def check_client_id(client_id: str | None) -> str:
	value = (client_id or "").strip().lower()
	if not CLIENT_ID.match(value):
		fail(_("The record has no valid device identifier"), FieldSyncError)
	return value


def check_op(op: str | None, doctype: str | None) -> None:
	if op not in OPS:
		fail(_("Unknown operation {0}").format(op or ""), FieldSyncError)
	if op == "create" and doctype not in CREATABLE:
		fail(_("The field app cannot create {0}").format(doctype or ""), FieldSyncError)


IMAGE_MAGIC = {b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}


def image_extension(content: bytes) -> str | None:
	for magic, ext in IMAGE_MAGIC.items():
		if content.startswith(magic):
			return ext
	if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
		return "webp"
	return None


def decode_photos(client_id: str, photos: list[dict] | None) -> list[Photo]:
	"""The photos of a queued event (base64 from the device), checked: images, not too many, not too big."""
	photos = photos or []
	if len(photos) > MAX_PHOTOS:
		fail(_("At most {0} photos per event").format(MAX_PHOTOS), FieldSyncError)
	out = []
	for i, photo in enumerate(photos, start=1):
		kind = photo.get("kind") if isinstance(photo, dict) else None
		if kind not in PHOTO_KINDS:
			fail(_("Unknown kind of photo"), FieldSyncError)
		data = photo.get("data") or ""
		if "," in data[:64]:  # a data: URL
			data = data.split(",", 1)[1]
		try:
			content = base64.b64decode(data, validate=True)
		except (binascii.Error, ValueError):
			fail(_("Photo {0} is damaged; take it again").format(i), FieldSyncError)
		if len(content) > MAX_PHOTO_BYTES:
			fail(_("Photo {0} is too large").format(i), FieldSyncError)
		ext = image_extension(content)
		if not ext:
			fail(_("Photo {0} is not an image").format(i), FieldSyncError)
		stem = "participant-list" if kind == "participants" else "photo"
		out.append(Photo(kind, f"{stem}-{client_id[:8]}-{i}.{ext}", content))
	return out


def report_html(text: str | None) -> str:
	"""The short report typed on the phone (plain text) as the event's Text Editor value: escaped, one
	paragraph per line."""
	lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
	return "".join(f"<p>{html.escape(line)}</p>" for line in lines)


def same_moment(a: object, b: object) -> bool:
	"""Two `modified` values as the server and the device hold them ("2026-12-04 10:00:00.123456")."""
	return str(a or "").strip().replace("T", " ") == str(b or "").strip().replace("T", " ")


def action_outcome(
	server_state: str | None,
	server_modified: object,
	from_state: str | None,
	base_modified: object,
	next_state: str | None,
) -> str:
	"""What to do with a workflow action queued on the device against the record as it was then
	(`from_state`, `base_modified`): apply it, report it as already done (a retried sync whose answer was
	lost), or show a conflict — never apply it to a record someone else changed meanwhile."""
	if server_state == from_state and same_moment(server_modified, base_modified):
		return "apply"
	if next_state and server_state == next_state:
		return EXISTS
	return CONFLICT


def check_return_reason(action: str | None, reason: str | None, return_actions: tuple[str, ...]) -> None:
	if action in return_actions and not (reason or "").strip():
		fail(_("Say why the event is sent back"), FieldSyncError)

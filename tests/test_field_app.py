"""Layer 1: the field app (frontend/) — its build is committed and current, its packages come from the npm
registry only, its PWA pieces (manifest, worker, boot page) fit /kelisim; and the pure rules of its sync."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from kelisim_app.exceptions import KelisimValidationError
from kelisim_app.field import rules
from tests import app_meta

ROOT = app_meta.REPO_ROOT
FRONTEND = ROOT / "frontend"
BUILT = app_meta.APP_DIR / "public" / "frontend"
FILES = [
	"index.html",
	"package.json",
	"package-lock.json",
	"vite.config.js",
	"tailwind.config.js",
	"postcss.config.js",
]
DIRS = ["src", "public"]
CALL = re.compile(r"""(?<![\w$.])__\(\s*("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')""")


def source_files() -> list[str]:
	out = [f for f in FILES if (FRONTEND / f).is_file()]
	for d in DIRS:
		out += [p.relative_to(FRONTEND).as_posix() for p in (FRONTEND / d).rglob("*") if p.is_file()]
	return sorted(out)


def source_hash() -> str:
	"""frontend/scripts/sources.js, the same walk and hash"""
	h = hashlib.sha256()
	for f in source_files():
		h.update(f.encode() + b"\0")
		h.update((FRONTEND / f).read_bytes())
		h.update(b"\0")
	return h.hexdigest()


def test_the_committed_build_is_that_of_the_sources():
	stamp = json.loads((BUILT / "build-stamp.json").read_text())
	assert stamp["sources"] == source_hash(), (
		"frontend/ changed: run `cd frontend && npm run build` and commit"
	)


def test_the_server_translates_exactly_the_interface_strings():
	found = set()
	for f in source_files():
		if re.match(r"^src/.*\.(vue|js)$", f):
			for m in CALL.finditer((FRONTEND / f).read_text(encoding="utf-8")):
				literal = m.group(1)
				found.add(json.loads(literal) if literal[0] == '"' else literal[1:-1])
	assert json.loads((BUILT / "messages.json").read_text()) == sorted(found)


def test_packages_come_from_the_npm_registry_only():
	lock = json.loads((FRONTEND / "package-lock.json").read_text())
	assert lock["lockfileVersion"] >= 2
	for path, pkg in lock["packages"].items():
		if not path:
			continue
		resolved = pkg.get("resolved", "")
		assert not resolved or resolved.startswith("https://registry.npmjs.org/"), (path, resolved)
		assert pkg.get("integrity", "").startswith("sha512-") or pkg.get("link"), path
		assert not re.match(r"^(git|github:|https?:|file:)", pkg.get("version", "")), (path, pkg["version"])
	manifest = json.loads((FRONTEND / "package.json").read_text())
	for spec in {**manifest.get("dependencies", {}), **manifest.get("devDependencies", {})}.values():
		assert re.match(r"^[\^~]?\d", spec), spec


def test_bench_build_builds_the_field_app():
	root = json.loads((ROOT / "package.json").read_text())
	assert "frontend/scripts/bench-build.cjs" in root["scripts"]["build"]
	assert (FRONTEND / "scripts" / "bench-build.cjs").is_file()


def test_the_web_app_manifest_and_worker_fit_kelisim():
	manifest = json.loads((BUILT / "manifest.webmanifest").read_text())
	assert (manifest["scope"], manifest["start_url"], manifest["id"]) == ("/kelisim", "/kelisim", "/kelisim")
	assert manifest["display"] == "standalone"
	sizes = {i["sizes"] for i in manifest["icons"]}
	assert {"192x192", "512x512"} <= sizes
	for icon in manifest["icons"]:
		assert (BUILT / icon["src"].removeprefix("/assets/kelisim_app/frontend/")).is_file(), icon["src"]
	worker = (BUILT / "sw.js").read_text()
	# one file: served from the site root, it cannot import chunks that live under /assets/...
	assert "importScripts" not in worker and "define([" not in worker
	# the worker lives at the site root: every precached URL must be absolute and built
	urls = re.findall(r'url:"([^"]+)"', worker)
	assert urls
	for url in urls:
		assert url.startswith("/assets/kelisim_app/frontend/"), url
		assert (BUILT / url.removeprefix("/assets/kelisim_app/frontend/")).is_file(), url


def test_the_boot_page_loads_the_built_assets():
	html = (app_meta.APP_DIR / "www" / "kelisim.html").read_text()
	assert "{% for key in boot %}" in html
	for asset in re.findall(r'(?:src|href)="(/assets/kelisim_app/frontend/[^"]+)"', html):
		assert (BUILT / asset.removeprefix("/assets/kelisim_app/frontend/")).is_file(), asset


# ---------------------------------------------------------------------------------------------- sync rules
def test_client_ids_are_uuids():
	value = "0b7c52a4-3c0e-4e59-9b0a-2f0a4a1f8c11"
	assert rules.check_client_id(value.upper()) == value
	for bad in (None, "", "123", "0b7c52a4-3c0e-4e59-9b0a-2f0a4a1f8c1", "x" * 36):
		with pytest.raises(KelisimValidationError):
			rules.check_client_id(bad)


def test_only_events_and_consultations_are_created():
	rules.check_op("create", "KLS Event")
	rules.check_op("action", "KLS Event")
	for op, doctype in (("create", "KLS Mediation Case"), ("delete", "KLS Event"), (None, None)):
		with pytest.raises(rules.FieldSyncError):
			rules.check_op(op, doctype)


JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 100


def b64(data: bytes) -> str:
	return base64.b64encode(data).decode()


def test_photos_are_images_of_a_sensible_size():
	cid = "0b7c52a4-3c0e-4e59-9b0a-2f0a4a1f8c11"
	photos = rules.decode_photos(
		cid,
		[
			{"kind": "photo", "data": "data:image/jpeg;base64," + b64(JPEG)},
			{"kind": "participants", "data": b64(PNG)},
		],
	)
	assert [p.file_name for p in photos] == ["photo-0b7c52a4-1.jpg", "participant-list-0b7c52a4-2.png"]
	assert photos[0].content == JPEG
	for bad in (
		[{"kind": "photo", "data": b64(b"<script>")}],
		[{"kind": "selfie", "data": b64(JPEG)}],
		[{"kind": "photo", "data": "%%%"}],
		[{"kind": "photo", "data": b64(JPEG + b"\0" * rules.MAX_PHOTO_BYTES)}],
		[{"kind": "photo", "data": b64(JPEG)}] * (rules.MAX_PHOTOS + 1),
	):
		with pytest.raises(rules.FieldSyncError):
			rules.decode_photos(cid, bad)


def test_the_report_is_text():
	assert (
		rules.report_html("First line\n\n<b>x</b> & y ")
		== "<p>First line</p><p>&lt;b&gt;x&lt;/b&gt; &amp; y</p>"
	)
	assert rules.report_html(None) == ""


def test_an_action_applies_only_to_the_record_as_the_device_saw_it():
	t = "2026-12-04 10:00:00.123456"
	assert rules.action_outcome("Held", t, "Held", t.replace(" ", "T"), "Reported") == "apply"
	assert rules.action_outcome("Reported", "2026-12-04 10:05:00", "Held", t, "Reported") == rules.EXISTS
	assert rules.action_outcome("Held", "2026-12-04 10:05:00", "Held", t, "Reported") == rules.CONFLICT
	assert rules.action_outcome("Verified", "2026-12-04 10:05:00", "Held", t, "Reported") == rules.CONFLICT


def test_a_return_needs_a_reason():
	rules.check_return_reason("Verify", "", ("Send back",))
	rules.check_return_reason("Send back", "No list", ("Send back",))
	with pytest.raises(rules.FieldSyncError):
		rules.check_return_reason("Send back", "  ", ("Send back",))

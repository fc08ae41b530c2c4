"""The shell scripts (dev/*, .ci/run) pass shellcheck, with the settings of .shellcheckrc."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests import app_meta

REPO = app_meta.APP_DIR.parent


def shell_scripts() -> list[str]:
	scripts = [p for p in sorted((REPO / "dev").iterdir()) if p.is_file()]
	scripts.append(REPO / ".ci" / "run")
	scripts += sorted(REPO.glob("deploy/**/*.sh"))
	return [
		str(p.relative_to(REPO))
		for p in scripts
		if p.read_text(encoding="utf-8").startswith(("#!", "# Shared settings"))
		or "# shellcheck shell=" in p.read_text(encoding="utf-8")[:300]
	]


def test_every_script_is_found():
	assert {"dev/up", "dev/down", "dev/test", "dev/e2e", "dev/lib.sh", ".ci/run"} <= set(shell_scripts())


@pytest.mark.skipif(
	shutil.which("shellcheck") is None, reason="shellcheck is not installed (dev/up installs it)"
)
def test_shell_scripts_pass_shellcheck():
	result = subprocess.run(
		["shellcheck", *shell_scripts()], cwd=REPO, capture_output=True, text=True, check=False
	)
	assert result.returncode == 0, result.stdout + result.stderr


JS_LINT = REPO / "dev" / "js-lint"


@pytest.mark.skipif(shutil.which("npm") is None, reason="node/npm is not installed (dev/up installs it)")
def test_javascript_passes_eslint():
	"""The desk scripts, the journeys and the field app's sources pass ESLint (dev/js-lint/eslint.config.cjs;
	ESLint from the npm registry, pinned by dev/js-lint/package-lock.json)."""
	eslint = JS_LINT / "node_modules" / ".bin" / "eslint"
	if not eslint.exists():
		subprocess.run(
			["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=JS_LINT, check=True, capture_output=True
		)
	result = subprocess.run(
		[str(eslint), "-c", str(JS_LINT / "eslint.config.cjs"), "--max-warnings", "0", "."],
		cwd=REPO,
		capture_output=True,
		text=True,
		check=False,
	)
	assert result.returncode == 0, result.stdout + result.stderr

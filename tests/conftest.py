"""Layer-1 test setup: the repo root on sys.path (the app's pure modules import without Frappe), shared
fixtures, and the translation coverage line in pytest's terminal summary."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
	sys.path.insert(0, str(REPO_ROOT))

from tests import app_meta


@pytest.fixture(scope="session")
def APP_DIR() -> Path:
	return app_meta.APP_DIR


@pytest.fixture(scope="session")
def doctype_json_paths() -> list[Path]:
	return app_meta.doctype_json_paths()


@pytest.fixture(scope="session")
def app_doctypes() -> dict:
	return app_meta.app_doctypes()


@pytest.fixture(scope="session")
def app_modules() -> tuple[str, ...]:
	return app_meta.app_modules()


@pytest.fixture(scope="session")
def app_roles() -> tuple[str, ...]:
	return app_meta.app_roles()


@pytest.fixture(scope="session")
def frappe_doctypes() -> frozenset[str]:
	return app_meta.frappe_doctypes()


@pytest.fixture(scope="session")
def frappe_roles() -> frozenset[str]:
	return app_meta.frappe_roles()


@pytest.fixture(scope="session")
def known_roles() -> frozenset[str]:
	return app_meta.known_roles()


@pytest.fixture(scope="session")
def known_doctypes() -> frozenset[str]:
	return app_meta.known_doctypes()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
	"""`translations kk: 93.5% (145/155)` for each language, whatever `-s`/`-q` say."""
	try:
		from tests import i18n

		reports = [i18n.coverage(lang) for lang in i18n.LANGUAGES]
	except Exception as e:  # the summary must never hide the test results
		terminalreporter.write_line(f"translations: coverage not computed ({type(e).__name__}: {e})")
		return
	terminalreporter.section("translations")
	for report in reports:
		terminalreporter.write_line(report.summary_line())
		for msgid, context in report.missing[: i18n.MISSING_SHOWN]:
			terminalreporter.write_line("    missing: " + i18n.describe(msgid, context))
		if len(report.missing) > i18n.MISSING_SHOWN:
			terminalreporter.write_line(
				f"    … and {len(report.missing) - i18n.MISSING_SHOWN} more "
				f"(python3 -m tests.i18n missing {report.lang})"
			)
	terminalreporter.write_line("kelisim-metric: " + i18n.frappe_desk_summary_line())

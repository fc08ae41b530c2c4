"""patches.txt is one Frappe's patch handler reads, and every patch it names can run."""

from __future__ import annotations

import configparser
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import app_meta

PATCHES_TXT = app_meta.APP_DIR / "patches.txt"
SECTIONS = ("pre_model_sync", "post_model_sync")


@dataclass(frozen=True)
class Patch:
	section: str
	line: str

	@property
	def is_execute(self) -> bool:
		return self.line.startswith("execute:")

	@property
	def code(self) -> str:
		return self.line.split("execute:", 1)[1]

	@property
	def module(self) -> str:
		"""What `frappe.modules.patch_handler.execute_patch` imports: the first word, without `finally:`."""
		return self.line.replace("finally:", "").split(maxsplit=1)[0]


def parse_patches(path: Path) -> list[Patch]:
	"""The patches of a patches.txt, read as Frappe 15 reads it (`patch_handler.parse_as_configfile`): an ini
	file whose options are whole lines; a repeated line is an error."""
	parser = configparser.ConfigParser(allow_no_value=True, delimiters="\n")
	parser.optionxform = str  # type: ignore[assignment,method-assign]
	parser.read(path, encoding="utf-8")
	return [Patch(section, line) for section in parser.sections() for line in parser[section]]


def patch_problem(patch: Patch, root: Path) -> str | None:
	if patch.is_execute:
		try:
			compile(patch.code, f"<{patch.line}>", "exec")
		except SyntaxError as e:
			return f"{patch.line}: does not compile ({e.msg})"
		return None
	return app_meta.resolve_dotted(f"{patch.module}.execute", root)


def test_patches_txt_has_both_sections():
	parser = configparser.ConfigParser(allow_no_value=True, delimiters="\n")
	parser.read(PATCHES_TXT, encoding="utf-8")
	assert parser.sections() == list(SECTIONS)


PATCHES = parse_patches(PATCHES_TXT)


@pytest.mark.parametrize("patch", PATCHES, ids=lambda p: p.line)
def test_patch_can_run(patch):
	assert patch.section in SECTIONS
	assert patch_problem(patch, app_meta.REPO_ROOT) is None


@pytest.mark.parametrize("patch", [p for p in PATCHES if not p.is_execute], ids=lambda p: p.line)
def test_patch_lives_in_the_app(patch):
	assert patch.module.startswith(f"{app_meta.APP_NAME}.patches."), "patches belong in kelisim_app/patches/"


# ---------------------------------------------------------------------------------------------- parser on a sample
SAMPLE = """\
[pre_model_sync]
# a comment
kelisim_app.patches.v0_1.rename_regions
kelisim_app.patches.v0_1.rename_regions #2026-01-02 run again
execute:frappe.db.set_value("KLS Region", "KZ-71", "is_shipped", 1)

[post_model_sync]
; another comment
finally:kelisim_app.patches.v0_1.fill_offices
execute:print("hello"
kelisim_app.patches.v0_1.missing
kelisim_app.patches.v0_1.no_execute
"""


@pytest.fixture
def sample_root(tmp_path) -> Path:
	patches = tmp_path / "kelisim_app" / "patches" / "v0_1"
	patches.mkdir(parents=True)
	for folder in (tmp_path / "kelisim_app", tmp_path / "kelisim_app" / "patches", patches):
		(folder / "__init__.py").write_text("")
	(patches / "rename_regions.py").write_text("import frappe\n\n\ndef execute():\n\tpass\n")
	(patches / "fill_offices.py").write_text("def execute():\n\tpass\n")
	(patches / "no_execute.py").write_text("def run():\n\tpass\n")
	(tmp_path / "patches.txt").write_text(SAMPLE)
	return tmp_path


def test_the_parser_reads_lines_as_frappe_does(sample_root):
	patches = parse_patches(sample_root / "patches.txt")
	assert [p.section for p in patches] == ["pre_model_sync"] * 3 + ["post_model_sync"] * 4
	assert patches[1].module == "kelisim_app.patches.v0_1.rename_regions"
	assert patches[2].is_execute and patches[2].code.startswith("frappe.db.set_value(")
	assert patches[3].module == "kelisim_app.patches.v0_1.fill_offices"
	assert not any("comment" in p.line for p in patches)


def test_the_checks_on_a_sample(sample_root):
	problems = {p.line: patch_problem(p, sample_root) for p in parse_patches(sample_root / "patches.txt")}
	assert problems["kelisim_app.patches.v0_1.rename_regions"] is None
	assert problems["kelisim_app.patches.v0_1.rename_regions #2026-01-02 run again"] is None
	assert problems['execute:frappe.db.set_value("KLS Region", "KZ-71", "is_shipped", 1)'] is None
	assert problems["finally:kelisim_app.patches.v0_1.fill_offices"] is None
	assert problems['execute:print("hello"'] is not None
	assert problems["kelisim_app.patches.v0_1.missing"] is not None
	assert problems["kelisim_app.patches.v0_1.no_execute"] is not None


def test_a_repeated_patch_is_an_error(tmp_path):
	path = tmp_path / "patches.txt"
	path.write_text("[pre_model_sync]\nkelisim_app.patches.a\nkelisim_app.patches.a\n[post_model_sync]\n")
	with pytest.raises(configparser.DuplicateOptionError):
		parse_patches(path)

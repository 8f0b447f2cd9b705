"""The project installs as documented: every package and the stock templates are in the wheel."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_is_listed():
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts)
             for p in (REPO / "generator").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert listed - found == {"generator.letter_templates"}


def test_stock_templates_travel_in_the_package():
    settings = _pyproject()["tool"]["setuptools"]
    assert settings["package-dir"]["generator.letter_templates"] == "letter_templates"
    assert "*.docx" in settings["package-data"]["*"]
    assert sorted(p.name for p in (REPO / "letter_templates").glob("*.docx"))


def test_console_script_and_python_floor():
    project = _pyproject()["project"]
    assert project["scripts"]["gen-letter"] == "generator.cli:main"
    assert project["requires-python"] == ">=3.11"
    assert any(d.startswith("pythainlp>=5.4") for d in project["dependencies"])


def test_the_template_builder_stays_out_of_the_package():
    """``tools/`` builds the checked-in templates; the installed package never needs it."""
    import re

    listed = _pyproject()["tool"]["setuptools"]["packages"]
    assert not [name for name in listed if name.split(".")[0] == "tools"]
    assert (REPO / "tools" / "templates" / "__main__.py").is_file()
    importing = [str(path.relative_to(REPO)) for path in (REPO / "generator").rglob("*.py")
                 if re.search(r"^\s*(from|import) tools\b", path.read_text(encoding="utf-8"), re.M)]
    assert importing == []

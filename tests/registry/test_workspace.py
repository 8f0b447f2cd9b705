"""``gen-letter init``: a one-office workspace with a worked example profile."""

from __future__ import annotations

import pytest

from generator.errors import UserError
from generator.registry import Registry, init_workspace, load_offices
from generator.registry.workspace import EXAMPLE_PROFILE, stock_templates

from .conftest import assert_one_line_error, cli


def test_init_makes_profile_database_templates_and_output(tmp_path):
    result = cli(tmp_path, None, "init", tmp_path / "office")
    assert result.exit_code == 0, result.output
    root = tmp_path / "office"
    assert (root / "registry" / "office.yaml").read_text(encoding="utf-8") == EXAMPLE_PROFILE
    assert (root / "registry" / "register.sqlite").is_file()
    for folder in ("letter_templates", "output/drafts", "output/issued", "output/exports"):
        assert (root / folder).is_dir(), folder
    source = stock_templates()
    expected = sorted(p.name for p in source.iterdir() if p.is_file()) if source else []
    assert sorted(p.name for p in (root / "letter_templates").iterdir()) == expected
    assert f"{len(expected)} stock template(s)" in result.stdout
    assert list(load_offices(root)) == ["nk-cdd"]
    with Registry.open(root) as reg:
        assert reg.reserve(1, date="2024-01-02") == ["นค ๐๐๑๙/ ๑"]


def test_the_example_explains_every_field_in_a_comment():
    lines = EXAMPLE_PROFILE.splitlines()
    for key in ("id", "code", "agency", "name", "address", "province", "postal_code", "phone",
                "email", "slogan", "digit_style", "circulars", "units", "signers"):
        index = next(i for i, line in enumerate(lines) if line.lstrip().startswith(f"{key}:"))
        before = lines[index - 1].strip()
        assert before.startswith("#") or "#" in lines[index], key


def test_init_refuses_an_existing_workspace_and_changes_nothing(tmp_path):
    root = init_workspace(tmp_path / "ws").root
    profile = root / "registry" / "office.yaml"
    profile.write_text(EXAMPLE_PROFILE.replace("nk-cdd", "mine"), encoding="utf-8")
    with pytest.raises(UserError, match="already a workspace"):
        init_workspace(root)
    assert "id: mine" in profile.read_text(encoding="utf-8")
    assert_one_line_error(cli(root, None, "init"), "already a workspace")


@pytest.mark.postgres
def test_init_with_postgresql_keeps_no_sqlite_file(tmp_path, pg_url):
    root = init_workspace(tmp_path / "pg", pg_url).root
    assert not (root / "registry" / "register.sqlite").exists()
    with Registry.open(root, pg_url) as reg:
        assert reg.dialect == "postgresql"

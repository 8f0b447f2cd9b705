"""gen-letter verify: a clean archive passes; a changed byte, a missing file, an unknown file,
a gap in a series and a leftover temporary folder are each a finding and exit status 1; show
marks a file that is no longer the one issued. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.registry import Registry

from .test_registry_integration import _issue, workspace  # noqa: F401  (the two-backend fixture)


def _run(workspace, *args):
    return CliRunner().invoke(main, ["--workspace", str(workspace), *map(str, args)])


@pytest.fixture
def issued(workspace, fake_pdf):  # noqa: F811
    first, second = _issue(workspace), _issue(workspace)
    assert _run(workspace, "verify").exit_code == 0
    return workspace, first, second


def _flip_a_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_clean_archive_verifies(issued):
    workspace, _first, _second = issued
    result = _run(workspace, "verify", "--year", "2567")
    assert result.exit_code == 0 and "agree" in result.stdout


def test_a_changed_byte_is_found_and_show_marks_the_file(issued):
    workspace, first, _second = issued
    _flip_a_byte(first.pdf)
    result = _run(workspace, "verify")
    assert result.exit_code == 1
    [line] = result.stdout.strip().splitlines()
    assert "changed" in line and first.number in line and "นค0019.3-ว1.pdf" in line
    shown = _run(workspace, "show", first.number)
    marked = [l for l in shown.stdout.splitlines() if "CHANGED" in l]
    assert len(marked) == 1 and "นค0019.3-ว1.pdf" in marked[0]


@pytest.mark.parametrize("damage, problem", [
    (lambda ws, first: first.docx.unlink(), "missing file"),
    (lambda ws, first: (first.docx.parent / "นค0019.3-ว9.docx").write_bytes(b"x"), "unknown file"),
    (lambda ws, first: (first.docx.parent / ".นค0019.3-ว9.docx.part").write_bytes(b"x"),
     "unknown file"),
])
def test_each_disagreement_is_a_finding(issued, damage, problem):
    workspace, first, _second = issued
    damage(workspace, first)
    result = _run(workspace, "verify")
    assert result.exit_code == 1
    assert [l.split("\t")[2] for l in result.stdout.strip().splitlines()] == [problem]


def test_a_gap_in_a_series_is_a_finding(issued):
    workspace, _first, second = issued
    import sqlalchemy as sa

    from generator.registry.schema import counters

    with Registry.open(workspace) as registry, registry.engine.begin() as connection:
        connection.execute(sa.update(counters).values(last=counters.c.last + 1))
    result = _run(workspace, "verify")
    assert result.exit_code == 1
    [line] = result.stdout.strip().splitlines()
    assert "gap" in line and "number 3 of 1..3" in line


def test_verify_removes_the_folder_of_an_issue_that_ended_before_taking_a_number(issued):
    workspace, _first, _second = issued
    (workspace / "output" / ".issuing-x1").mkdir()
    result = _run(workspace, "verify")
    assert result.exit_code == 0 and "agree" in result.stdout
    assert "removed output/.issuing-x1" in result.stderr
    assert not (workspace / "output" / ".issuing-x1").exists()

"""``gen-letter lint``: the line format, --json, exit status 0/1/2, --select/--ignore."""

from __future__ import annotations

import json

from click.testing import CliRunner

from generator.cli import main
from tests.conftest import seed_path


def run(*args: str):
    return CliRunner().invoke(main, ["lint", *args])


def test_lines_and_exit_status_one_on_errors() -> None:
    seed = str(seed_path("004"))
    result = run(seed)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (f"{seed}:8: error postal-province postal code ๓๕๐๐๐ is Yasothon's; "
                        "จังหวัดอุบลราชธานี's are 34xxx")
    assert f"{seed}:54: warning phone-form phone ๐๔๕-๓๔๕๖๒๘ is written ๐ ๔๕๓๔ ๕๖๒๘" in lines


def test_warnings_only_exit_zero_and_json(tmp_path) -> None:
    result = run(str(seed_path("001")), "--json")
    assert result.exit_code == 0
    found = json.loads(result.output)
    assert [(f["line"], f["code"], f["severity"]) for f in found] == [(75, "era-form", "warning")]
    assert set(found[0]) >= {"file", "line", "code", "severity", "message"}


def test_select_and_ignore() -> None:
    seed = str(seed_path("004"))
    assert run(seed, "--ignore", "postal-province").exit_code == 0
    result = run(seed, "--select", "era-form,phone-form")
    assert result.exit_code == 0
    assert {line.split()[2] for line in result.output.splitlines()} == {"era-form", "phone-form"}
    bad = run(seed, "--select", "no-such-check")
    assert bad.exit_code == 1 and "no-such-check" in bad.output and "era-form" in bad.output


def test_unreadable_file_exit_two(tmp_path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00bad")
    result = run(str(seed_path("001")), str(tmp_path / "missing.txt"), str(tmp_path / "bin.txt"))
    assert result.exit_code == 2
    assert "missing.txt: cannot read the file" in result.output
    assert "bin.txt: not UTF-8 text, a DOCX or a PDF" in result.output
    assert "era-form" in result.output      # the readable file is still linted

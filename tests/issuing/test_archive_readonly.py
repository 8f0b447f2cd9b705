"""The archive is written only by issue: new -o … --force and register -o into output/issued are
refused in one line and the issued files keep their bytes."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli import main
from tests.conftest import copy_examples

SPEC = """\
kind: circular
office: nk-cdd
unit: 3
recipient: นายอำเภอ ทุกอำเภอ
subject: การขับเคลื่อนตำบลเข้มแข็ง
closing: เพื่อโปรดทราบ
signer: pranee
body: [ด้วยจังหวัดหนองคาย]
"""


def test_other_commands_cannot_write_into_the_archive(tmp_path, fake_pdf):
    workspace = copy_examples(tmp_path / "ws")
    spec = workspace / "letters" / "a.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    run = lambda *args: CliRunner().invoke(main, ["--workspace", str(workspace), *map(str, args)])  # noqa: E731
    assert run("issue", spec, "--date", "2024-10-25").exit_code == 0
    folder = workspace / "output" / "issued" / "2567"
    before = {p: p.read_bytes() for p in folder.iterdir()}
    docx_file, pdf_file = folder / "นค0019.3-ว1.docx", folder / "นค0019.3-ว1.pdf"
    for args in (("new", spec, "-o", docx_file, "--force"),
                 ("register", "--year", "2567", "-o", pdf_file),
                 ("register", "--year", "2567", "-o", folder / "new.csv")):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        line = result.stderr.strip()
        assert "\n" not in line and "archive of issued letters" in line, line
    assert {p: p.read_bytes() for p in folder.iterdir()} == before

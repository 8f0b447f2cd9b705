"""The registry commands, run through ``gen-letter`` (both backends)."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli import main
from generator.registry import Registry

from .conftest import assert_one_line_error, cli
from .test_numbering import issue


def test_reserve_cancel_log(workspace, db_url):
    result = cli(workspace, db_url, "reserve", "--circular", "--count", "3", "--unit", "3",
                 "--date", "2024-10-25")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["นค ๐๐๑๙.๓/ว ๑", "นค ๐๐๑๙.๓/ว ๒", "นค ๐๐๑๙.๓/ว ๓"]
    result = cli(workspace, db_url, "reserve", "--json", "--date", "2024-10-25")
    assert json.loads(result.stdout) == ["นค ๐๐๑๙/ ๑"]
    result = cli(workspace, db_url, "cancel", "นค0019.3/ว2", "--reason", "พิมพ์ผิด")
    assert result.exit_code == 0 and result.stdout.strip() == "cancelled นค ๐๐๑๙.๓/ว ๒"
    result = cli(workspace, db_url, "log", "--json")
    entries = json.loads(result.stdout)
    assert [e["action"] for e in entries] == ["reserve"] * 4 + ["cancel"]
    assert entries[-1]["detail"]["reason"] == "พิมพ์ผิด"
    text = cli(workspace, db_url, "log", "--limit", "1").stdout.splitlines()
    assert len(text) == 1 and "\tcancel\tนค ๐๐๑๙.๓/ว ๒\tพิมพ์ผิด" in text[0]


def test_receive_show_search(workspace, db_url):
    result = cli(workspace, db_url, "receive", "--number", "นข ๐๐๑๙/ว ๖๓๒", "--date", "2023-01-31",
                 "--sender", "จังหวัดเชียงใหม่", "--subject", "การขับเคลื่อนตำบลเข้มแข็ง",
                 "--speed", "ด่วนที่สุด", "--received-at", "2023-02-01T09:00:00")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "๑/๒๕๖๖"
    with Registry.open(workspace, db_url) as reg:
        number = issue(reg, unit="3", subject="ติดตามการขับเคลื่อน", references=["นข0019/ว632"],
                       files={"pdf": "output/issued/2567/x.pdf"})
    shown = cli(workspace, db_url, "show", "นข 0019/ว 632")
    assert shown.exit_code == 0
    line = "หนังสือจังหวัดเชียงใหม่ ด่วนที่สุด ที่ นข ๐๐๑๙/ว ๖๓๒ ลงวันที่ ๓๑ มกราคม ๒๕๖๖"
    assert f"cited as: {line}" in shown.stdout
    assert f"cited by: {number}" in shown.stdout
    data = json.loads(cli(workspace, db_url, "show", "นค0019.3/1", "--json", "--thread").stdout)
    assert data["files"] == {"pdf": "output/issued/2567/x.pdf"}
    assert [t["number"] for t in data["thread"]] == ["นข ๐๐๑๙/ว ๖๓๒", number]
    text = cli(workspace, db_url, "show", number, "--thread").stdout
    assert "file (pdf): output/issued/2567/x.pdf" in text and "thread:" in text
    hits = json.loads(cli(workspace, db_url, "search", "เข้มแข็ง", "--json").stdout)
    assert [h["number"] for h in hits] == ["นข ๐๐๑๙/ว ๖๓๒"] and hits[0]["kind"] == "incoming"
    lines = cli(workspace, db_url, "search", "๐๐๑๙.๓/ ๑").stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith(number + "\t")
    nothing = cli(workspace, db_url, "search", "ไม่มีเลย")
    assert nothing.exit_code == 0 and nothing.stdout == ""


def test_register_export_commands(workspace, db_url, tmp_path):
    cli(workspace, db_url, "reserve", "--count", "2", "--date", "2024-03-01")
    result = cli(workspace, db_url, "register", "--year", "2567")
    assert result.exit_code == 0, result.output
    default = workspace / "output" / "exports" / "register-2567.csv"
    assert result.stdout.strip() == str(default)
    rows = list(csv.reader(default.read_text(encoding="utf-8-sig").splitlines()))
    assert [r[2] for r in rows[1:]] == ["นค ๐๐๑๙/ ๑", "นค ๐๐๑๙/ ๒"]
    target = tmp_path / "r.xlsx"
    result = cli(workspace, db_url, "register", "--year", "2024", "--format", "xlsx", "-o", target)
    assert result.exit_code == 0 and load_workbook(target).active.max_row == 3
    printed = cli(workspace, db_url, "register", "--year", "2567", "-o", "-").stdout
    assert printed.splitlines()[0].startswith("วันที่ลงทะเบียน,เลขทะเบียน,ที่")


def test_user_errors_are_one_line_with_exit_1(workspace, db_url):
    (number,) = cli(workspace, db_url, "reserve", "--date", "2024-03-01").stdout.split("\n")[:1]
    cli(workspace, db_url, "cancel", number, "--reason", "เสีย")
    before = cli(workspace, db_url, "log", "--json").stdout
    assert_one_line_error(cli(workspace, db_url, "cancel", number, "--reason", "อีก"),
                          "already cancelled (เสีย)")
    assert_one_line_error(cli(workspace, db_url, "cancel", "ไม่ใช่เลข", "--reason", "x"),
                          "not a letter number")
    assert_one_line_error(cli(workspace, db_url, "show", "นค 0019/ 99"), "not in the register")
    assert_one_line_error(cli(workspace, db_url, "reserve", "--unit", "8"), "unknown unit '8'")
    assert_one_line_error(cli(workspace, db_url, "reserve", "--date", "31/31/2567"), "--date")
    assert_one_line_error(cli(workspace, db_url, "receive", "--sender", "ก", "--subject", "ข",
                              "--received-at", "เมื่อวาน"), "--received-at")
    assert cli(workspace, db_url, "log", "--json").stdout == before


def test_unreachable_postgresql_is_one_line_and_writes_nothing(tmp_path):
    url = "postgresql://genletter:secret@127.0.0.1:1/genletter_test"
    workspace = tmp_path / "ws"
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "--registry", url, "init"])
    assert_one_line_error(result, "cannot open the register database", "127.0.0.1:1")
    assert "secret" not in result.stderr
    assert not workspace.exists()
    assert cli(tmp_path, None, "init", workspace).exit_code == 0
    before = sorted(p.relative_to(workspace) for p in workspace.rglob("*"))
    for args in (["reserve"], ["log"], ["search", "ก"], ["show", "นค 0019/ 1"],
                 ["register", "--year", "2567"]):
        result = CliRunner().invoke(main, ["--workspace", str(workspace), "--registry", url,
                                           *args])
        assert_one_line_error(result, "cannot open the register database")
    assert sorted(p.relative_to(workspace) for p in workspace.rglob("*")) == before
    assert cli(workspace, None, "log").stdout == ""


def test_not_a_workspace(tmp_path):
    assert_one_line_error(cli(tmp_path / "nowhere", None, "log"), "not a gen-letter workspace")
    assert not (tmp_path / "nowhere").exists()


HEAVY = ("alembic", "docx", "docxtpl", "lxml", "openpyxl", "xlsxwriter", "pythainlp", "jinja2",
         "jsonschema", "pyhanko", "signxml", "cryptography", "rich", "fontTools", "segno",
         "openxml_audit", "PIL")
#: Parts of the project the quick commands have no use for: the register writers, the spec model
#: and its validation (office profiles need only the YAML reader), rendering and issuing.
UNNEEDED = ("generator.registry.export", "generator.spec.model", "generator.spec.validate",
            "generator.render", "generator.issuing", "generator.docx", "generator.pdf",
            "generator.exchange", "generator.thai.money")


def test_quick_commands_import_nothing_heavy(workspace, db_url):
    """search, show and reserve start with what they need only: no SQLAlchemy (the register is
    read and written through the DB-API driver), no migration tooling (the register is at the
    head revision), no document, spreadsheet or Thai-language library, none of the project's
    document layers, and on SQLite no PostgreSQL driver."""
    import subprocess
    import sys

    with Registry.open(workspace, db_url) as reg:
        number = issue(reg, subject="งบประมาณ")
    options = ["--workspace", str(workspace)] + (["--registry", db_url] if db_url else [])
    unwanted = set(UNNEEDED) | {"sqlalchemy"} | (set() if db_url else {"psycopg"})
    probe = ("import sys, runpy\n"
             "sys.argv = ['gen-letter', *sys.argv[1:]]\n"
             "try:\n    runpy.run_module('generator', run_name='__main__')\n"
             "except SystemExit as stop:\n    assert not stop.code, stop.code\n"
             f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})"
             f" | set(sys.modules) & set({sorted(unwanted)!r})))\n")
    for args in (["search", "งบ"], ["show", number], ["reserve"]):
        done = subprocess.run([sys.executable, "-c", probe, *options, *args],
                              capture_output=True, text=True, check=True)
        assert done.stdout.strip().splitlines()[-1] == "[]", (args, done.stdout, done.stderr)

"""``gen-letter --version`` and ``gen-letter thai …``: the answer alone on one line; bad input one
line on stderr and exit status 1."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from generator import __version__
from generator.cli import main


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"gen-letter, version {__version__}\n"


@pytest.mark.parametrize("args, answer", [
    (["thai", "date", "2024-10-30", "--style", "weekday"], "วันพุธที่ ๓๐ ตุลาคม ๒๕๖๗"),
    (["thai", "date", "2024-10-30"], "๓๐ ตุลาคม ๒๕๖๗"),
    (["thai", "date", "2024-04-17", "--style", "abbr"], "๑๗ เม.ย. ๖๗"),
    (["thai", "date", "2024-04-17", "--style", "abbr-weekday"], "พุธ ๑๗ เม.ย. ๖๗"),
    (["thai", "date", "2024-10-30", "--style", "month"], "ตุลาคม ๒๕๖๗"),
    (["thai", "date", "2024-10-30", "--style", "fiscal"], "ปีงบประมาณ พ.ศ. ๒๕๖๘"),
    (["thai", "date", "2024-10-30", "--style", "quarter"], "ไตรมาสที่ ๑"),
    (["thai", "date", "๓๐ ต.ค. ๖๗", "--arabic"], "30 ตุลาคม 2567"),
    (["thai", "baht", "27450500"], "ยี่สิบเจ็ดล้านสี่แสนห้าหมื่นห้าร้อยบาทถ้วน"),
    (["thai", "baht", "27450500", "--figure"],
     "๒๗,๔๕๐,๕๐๐ บาท (ยี่สิบเจ็ดล้านสี่แสนห้าหมื่นห้าร้อยบาทถ้วน)"),
    (["thai", "baht", "2,956,600.50"], "สองล้านเก้าแสนห้าหมื่นหกพันหกร้อยบาทห้าสิบสตางค์"),
    (["thai", "baht", "--", "-0.5"], "ลบห้าสิบสตางค์"),
    (["thai", "digits", "รายงานที่ https://forms.gle/ppGUYQsXQTE1wNS3A ภายใน 31 มีนาคม 2568"],
     "รายงานที่ https://forms.gle/ppGUYQsXQTE1wNS3A ภายใน ๓๑ มีนาคม ๒๕๖๘"),
    (["thai", "digits", "--arabic", "ที่ นค ๐๐๑๙.๓/ว ๑๕๕๕๗"], "ที่ นค 0019.3/ว 15557"),
    (["thai", "phone", "0-3851-1239"], "๐ ๓๘๕๑ ๑๒๓๙"),
    (["thai", "code", "กรุงเทพมหานคร"], "กท"),
    (["thai", "code", "อบ"], "จังหวัดอุบลราชธานี"),
])
def test_answers_alone_on_one_line(args, answer):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.output == answer + "\n"


def test_digits_from_standard_input():
    result = run("thai", "digits", stdin="ปี 2567 ที่ www.cdd.go.th/2567\n")
    assert result.exit_code == 0
    assert result.output == "ปี ๒๕๖๗ ที่ www.cdd.go.th/2567\n"


@pytest.mark.parametrize("args, words", [
    (["thai", "date", "2024-02-30"], "has no day 30"),
    (["thai", "date", "วันจันทร์ที่ ๓๐ ตุลาคม ๒๕๖๗"], "is a พุธ"),
    (["thai", "baht", "สองร้อย"], "not a number"),
    (["thai", "phone", "12"], "not a Thai phone number"),
    (["thai", "code", "นข"], "not a province"),
])
def test_bad_input_is_one_line_and_exit_1(args, words):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("gen-letter: ") and words in lines[0]
    assert "Traceback" not in result.stderr


def test_installed_command_runs_without_a_traceback():
    """The real entry point, start-up included, in a fresh interpreter."""
    ok = subprocess.run([sys.executable, "-m", "generator", "thai", "date", "2024-10-30"],
                        capture_output=True, text=True, timeout=60)
    assert (ok.returncode, ok.stdout) == (0, "๓๐ ตุลาคม ๒๕๖๗\n")
    bad = subprocess.run([sys.executable, "-m", "generator", "thai", "date", "2024-02-30"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1

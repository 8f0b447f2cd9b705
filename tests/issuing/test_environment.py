"""The machine around gen-letter: a full disk and a read-only workspace.

A full disk while writing or moving a file is one line naming the file, exit status 1, nothing
archived and no number taken. On a read-only workspace the commands that only read (``log``,
``register -o -``, ``show``, ``verify``, ``search``) work; those that must write say so in one
line. The real conditions are made with a private mount namespace (``unshare -m``: a small
tmpfs, a read-only bind mount) and the installed ``gen-letter`` command; where that is not
allowed those tests skip, and the in-process ones (a monkeypatched write) still run.
"""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import copy_examples

LETTER = "letters/001_5e28ea4e505824d1.yaml"
GEN_LETTER = Path(sys.executable).with_name("gen-letter")


def run(ws: Path, *args):
    return CliRunner().invoke(main, ["--workspace", str(ws), *map(str, args)])


def one_line(result_output: str, *words: str) -> str:
    lines = result_output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result_output, result_output
    for word in words:
        assert word in lines[0], f"{word!r} not in {lines[0]!r}"
    return lines[0]


def nothing_issued(ws: Path) -> None:
    issued = ws / "output" / "issued"
    assert not issued.exists() or not any(p.is_file() for p in issued.rglob("*"))
    assert not list((ws / "output").glob(".issuing-*"))
    log = run(ws, "log")  # a number taken by the failed issue was handed back, nothing else
    actions = [line.split("\t")[2] for line in log.output.splitlines() if line.strip()]
    assert log.exit_code == 0, log.output
    assert actions in ([], ["allocate", "give back"], ["allocate", "issue", "give back"]), actions
    assert run(ws, "verify").exit_code == 0


@pytest.fixture
def ws(tmp_path, monkeypatch) -> Path:
    workspace = copy_examples(tmp_path / "ws")
    monkeypatch.chdir(workspace)
    return workspace


# --- a full disk, in process -------------------------------------------------------------------

def _full_disk_for(monkeypatch, wanted) -> None:
    """``Path.write_bytes`` fails as on a full disk for the paths ``wanted`` picks (the real
    ``write()`` error names no file: gen-letter must say which)."""
    real = Path.write_bytes

    def write_bytes(self, data):
        if wanted(self):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


@pytest.mark.parametrize("suffix", [".docx", ".json"])
def test_a_full_disk_while_writing_names_the_file(ws, fake_pdf, monkeypatch, suffix):
    _full_disk_for(monkeypatch, lambda path: path.parent.name.startswith(".issuing-")
                   and path.name.endswith(suffix))
    result = run(ws, "issue", LETTER)
    assert result.exit_code == 1, result.output
    one_line(result.stderr, f"output/issued/2567/นค0019.3-1", "No space left on device",
             "wrote nothing", "free some space")
    monkeypatch.undo()
    nothing_issued(ws)


def test_a_full_disk_while_moving_into_the_archive_names_the_file(ws, fake_pdf, monkeypatch):
    import importlib

    archive = importlib.import_module("generator.issuing.archive")
    real = archive.rename_new

    def rename(target):
        if target.suffix == ".pdf":
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real(target)

    monkeypatch.setattr(archive, "rename_new", rename)
    result = run(ws, "issue", LETTER)
    assert result.exit_code == 1, result.output
    one_line(result.stderr, "output/issued/2567/นค0019.3-1.pdf", "No space left on device")
    nothing_issued(ws)
    monkeypatch.undo()
    again = run(ws, "issue", ws / LETTER)
    assert again.exit_code == 0, again.output  # and the next issue takes the same number
    assert (ws / "output" / "issued" / "2567" / "นค0019.3-1.pdf").is_file()


def test_a_full_disk_while_writing_a_draft_names_the_draft(ws, monkeypatch):
    _full_disk_for(monkeypatch, lambda path: path.name.startswith(".001_5e28ea4e505824d1.docx."))
    result = run(ws, "new", LETTER)
    assert result.exit_code == 1, result.output
    one_line(result.stderr, "output/drafts/001_5e28ea4e505824d1.docx", "No space left on device")
    drafts = ws / "output" / "drafts"
    assert not drafts.exists() or not any(drafts.iterdir())


# --- the real conditions, in a private mount namespace ----------------------------------------

def _namespace_or_skip() -> None:
    if not GEN_LETTER.is_file() or not shutil.which("unshare"):
        pytest.skip("needs the installed gen-letter command and unshare")
    probe = subprocess.run(["unshare", "-m", "sh", "-c",
                            'd=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs "$d" && '
                            'mount --bind "$d" "$d" && mount -o remount,bind,ro "$d" "$d"'],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"no private mounts here (unshare -m): {probe.stderr.strip()[:100]}")


def _read_only(ws: Path, *args: str) -> subprocess.CompletedProcess:
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && cd "$0" && exec "$@"'
    return subprocess.run(["unshare", "-m", "sh", "-c", script, str(ws), str(GEN_LETTER),
                           "--workspace", str(ws), *args],
                          capture_output=True, text=True, timeout=600)


def test_a_read_only_workspace_still_reads_and_says_why_it_cannot_write(ws):
    _namespace_or_skip()
    reserved = run(ws, "reserve", "--office", "nk-cdd", "--date", "2024-10-25")
    assert reserved.exit_code == 0, reserved.output
    number = reserved.output.strip().splitlines()[-1].split("\t")[0].strip()
    assert run(ws, "new", LETTER).exit_code == 0
    for args, words in ((["log"], ["reserve"]), (["register", "--year", "2567", "-o", "-"], ["นค"]),
                        (["show", number], []), (["verify"], []), (["search", "นค"], [])):
        result = _read_only(ws, *args)
        assert result.returncode in ((0, 1) if args == ["verify"] else (0,)), (args, result.stderr)
        assert "Traceback" not in result.stderr and "read-only" not in result.stderr, result.stderr
        for word in words:
            assert word in result.stdout, (args, result.stdout)
    for args, words in ((["new", LETTER, "--force"], ["Read-only file system", "output/drafts"]),
                        (["issue", "output/drafts/001_5e28ea4e505824d1.docx"],
                         ["the register is read-only", "register.sqlite", "nothing was done"]),
                        (["reserve", "--office", "nk-cdd"], ["the register is read-only"]),
                        (["cancel", number, "--reason", "x"], ["the register is read-only"]),
                        (["register", "--year", "2567"], ["Read-only file system"])):
        result = _read_only(ws, *args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        one_line(result.stderr, *words)


def _full_tmpfs(ws: Path, free_kb: int, *args: str) -> subprocess.CompletedProcess:
    """``gen-letter ARGS`` on a copy of ``ws`` on a tmpfs with ``free_kb`` left; the copy is
    copied back to ``ws`` afterwards (the register and any files, to look at)."""
    script = r'''
        d=$(mktemp -d) && mount -t tmpfs -o size=64m tmpfs "$d" || exit 90
        cp -a "$0/." "$d/" && cd "$d" || exit 91
        avail=$(df -k --output=avail "$d" | tail -1)
        dd if=/dev/zero of="$d/.fill" bs=1k count=$((avail - FREE)) 2>/dev/null
        "$@"; status=$?
        rm -f "$d/.fill"; cp -a "$d/." "$0/"; exit $status
    '''.replace("FREE", str(free_kb))
    return subprocess.run(["unshare", "-m", "sh", "-c", script, str(ws), str(GEN_LETTER), *args],
                          capture_output=True, text=True, timeout=600)


def test_a_full_disk_for_a_draft(ws):
    _namespace_or_skip()
    result = _full_tmpfs(ws, 40, "new", LETTER)
    assert result.returncode == 1, (result.stdout, result.stderr)
    one_line(result.stderr, "No space left on device", "wrote nothing")
    drafts = ws / "output" / "drafts"
    assert not drafts.exists() or not any(drafts.iterdir())


def test_a_full_disk_while_issuing(ws):
    _namespace_or_skip()
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    result = _full_tmpfs(ws, 200, "issue", LETTER)
    assert result.returncode == 1, (result.stdout, result.stderr)
    one_line(result.stderr, "nothing was written" if "register" in result.stderr else "wrote nothing")
    nothing_issued(ws)

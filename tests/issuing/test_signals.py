"""SIGTERM during an issue (here while LibreOffice converts) ends it like an error: no number
consumed, no temporary folder left, nothing archived; the next issue takes number 1. A SIGKILL
leaves its temporary folders and no LibreOffice running; the next run removes the folders."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from datetime import date

from generator.issuing import issue
from generator.registry import Registry, init_workspace

from .conftest import SPEC, make_draft


def test_sigterm_while_converting_leaves_nothing(tmp_path, fake_pdf):
    workspace = init_workspace(tmp_path / "ws").root
    draft = make_draft(workspace / "output" / "drafts" / "d.docx", dict(SPEC, references=[]))
    started = tmp_path / "started"
    soffice = tmp_path / "soffice"
    soffice.write_text(f"#!/bin/sh\ntouch {started}\nexec sleep 30\n")
    soffice.chmod(0o755)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = dict(os.environ, GEN_LETTER_SOFFICE=str(soffice), TMPDIR=str(temp))
    command = [sys.executable, "-m", "generator", "--workspace", str(workspace), "issue",
               str(draft), "--date", "2024-10-25"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not started.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert [p.name for p in (workspace / "output").iterdir() if p.name.startswith(".issuing-")]
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert b"Traceback" not in err
    assert not [p for p in (workspace / "output").iterdir() if p.name.startswith(".issuing-")]
    assert not [p for p in temp.iterdir() if p.name.startswith("gen-letter-")]
    assert not [p for p in (workspace / "output" / "issued").rglob("*") if p.is_file()]
    # the number was not consumed: the next issue (LibreOffice replaced) takes ๑
    with Registry.open(workspace) as registry:
        assert issue(draft, workspace, registry=registry, date=date(2024, 10, 25)).number == \
            "นค ๐๐๑๙.๓/ว ๑"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is gone too
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


def test_sigkill_while_converting_leaves_no_libreoffice_and_the_next_run_sweeps(tmp_path):
    from generator.pdf import office

    workspace = init_workspace(tmp_path / "ws").root
    draft = make_draft(workspace / "output" / "drafts" / "d.docx", dict(SPEC, references=[]))
    started = tmp_path / "started"
    soffice = tmp_path / "soffice"
    soffice.write_text("#!/bin/sh\n"   # answers the version probe, then hangs as a LibreOffice
                       "[ \"$1\" = --version ] && echo 'LibreOffice 25.2.3.2' && exit 0\n"
                       f"echo $$ > {started}.tmp && mv {started}.tmp {started}\n"
                       "exec sleep 60\n")
    soffice.chmod(0o755)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = dict(os.environ, GEN_LETTER_SOFFICE=str(soffice), TMPDIR=str(temp))
    gen_letter = [sys.executable, "-m", "generator", "--workspace", str(workspace)]
    process = subprocess.Popen(gen_letter + ["issue", str(draft), "--date", "2024-10-25"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not started.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.kill()
    process.communicate(timeout=30)
    left = [p for p in temp.iterdir() if p.name.startswith("gen-letter-") and p.is_dir()]
    assert left, "the killed issue had temporary folders"
    if office.uno_python() is not None:  # the worker ends its LibreOffice when its parent is gone
        pid = int(started.read_text())
        deadline = time.monotonic() + 30
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(pid), "LibreOffice still runs after its issue was killed"
    # the next run (verify finishes or undoes the issue) removes the folders of the killed one
    result = subprocess.run(gen_letter + ["verify"], env=env, capture_output=True, text=True)
    assert "Traceback" not in result.stderr, result.stderr
    assert not [p for p in temp.iterdir() if p.name.startswith("gen-letter-") and p.is_dir()]

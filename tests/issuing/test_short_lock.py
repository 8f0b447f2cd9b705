"""No register lock is held while a letter converts: with a stand-in LibreOffice that blocks (up
to 60 s, until the test lets it go), a ``reserve`` for another office, an issue in another
series and an issue in the same series all finish while the slow issue is still converting.
Within one series a failed issue gives its number back when it is still the series' last, else
records it as spoilt with the reason. 8 processes × 25 issues: numbers 1..200 exactly, every
file present and matching, verify clean. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from generator.errors import UserError
from generator.issuing import issue
from generator.registry import Registry
from generator.registry.schema import letters
from generator.registry.workspace import EXAMPLE_PROFILE

from .conftest import make_draft
from .test_crashes import DAY, REPO, run, site, spec, start, statuses, verify  # noqa: F401

CEILING = 120  # seconds: only so that a hung test ends; nothing is timed


def _wait_for(path, process):
    deadline = time.monotonic() + CEILING
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the slow issue never reached its conversion"
        time.sleep(0.05)


def _second_office(workspace):
    (workspace / "registry" / "other.yaml").write_text(
        EXAMPLE_PROFILE.replace("id: nk-cdd", "id: nk-other").replace("code: นค 0019",
                                                                       "code: นค 0020"),
        encoding="utf-8")


def test_others_finish_while_one_letter_converts(site, tmp_path):
    workspace, url = site
    _second_office(workspace)
    started, release = tmp_path / "started", tmp_path / "release"
    slow_draft = make_draft(workspace / "output" / "drafts" / "slow.docx", spec(office="nk-cdd"))
    slow = start(workspace, url, "issue", str(slow_draft), "--date", DAY.isoformat(),
                 GEN_LETTER_TEST_CONVERT="block", GEN_LETTER_TEST_STARTED=started,
                 GEN_LETTER_TEST_RELEASE=release)
    try:
        _wait_for(started, slow)
        reserved = run(workspace, url, "reserve", "--office", "nk-other", "--date",
                       DAY.isoformat())
        assert reserved.returncode == 0, reserved.stderr
        other_series = make_draft(workspace / "output" / "drafts" / "ordinary.docx",
                                  spec(kind="letter", unit=None, office="nk-cdd"))
        ordinary = run(workspace, url, "issue", str(other_series), "--date", DAY.isoformat())
        assert ordinary.returncode == 0, ordinary.stderr
        same_series = make_draft(workspace / "output" / "drafts" / "same.docx",
                                 spec(office="nk-cdd"))
        same = run(workspace, url, "issue", str(same_series), "--date", DAY.isoformat())
        assert same.returncode == 0, same.stderr
        assert slow.poll() is None  # all three finished while the slow one was converting
        # verify, meanwhile, leaves the running issue alone
        checked = verify(workspace, url)
        assert checked.exit_code == 0 and not checked.stderr, checked.output
    finally:
        release.touch()
        out, err = slow.communicate(timeout=CEILING)
    assert slow.returncode == 0, err
    assert out.strip() == "นค ๐๐๑๙.๓/ว ๑"
    assert same.stdout.strip() == "นค ๐๐๑๙.๓/ว ๒"
    assert ordinary.stdout.strip() == "นค ๐๐๑๙/ ๑"
    assert "นค ๐๐๒๐/ ๑" in reserved.stdout
    assert verify(workspace, url).exit_code == 0


def test_a_failure_behind_a_later_number_is_spoilt_with_its_reason(site, tmp_path):
    workspace, url = site
    started, release = tmp_path / "started", tmp_path / "release"
    failing = make_draft(workspace / "output" / "drafts" / "failing.docx", spec())
    slow = start(workspace, url, "issue", str(failing), "--date", DAY.isoformat(),
                 GEN_LETTER_TEST_CONVERT="block-fail", GEN_LETTER_TEST_STARTED=started,
                 GEN_LETTER_TEST_RELEASE=release)
    try:
        _wait_for(started, slow)
        later = make_draft(workspace / "output" / "drafts" / "later.docx", spec())
        assert run(workspace, url, "issue", str(later), "--date",
                   DAY.isoformat()).stdout.strip() == "นค ๐๐๑๙.๓/ว ๒"
    finally:
        release.touch()
        _out, err = slow.communicate(timeout=CEILING)
    assert slow.returncode == 1 and "Traceback" not in err
    assert "LibreOffice could not convert" in err
    assert "นค ๐๐๑๙.๓/ว ๑ is recorded as spoilt" in err
    assert statuses(workspace, url) == [(1, "spoilt"), (2, "issued")]
    assert verify(workspace, url).exit_code == 0  # spoilt counts: 1..2 each once
    shown = run(workspace, url, "show", "นค 0019.3/ว 1")
    assert "status: spoilt" in shown.stdout
    assert "spoilt because: " in shown.stdout and "LibreOffice could not convert" in shown.stdout
    log = run(workspace, url, "log").stdout.splitlines()
    assert any("\tspoil\t" in line and "LibreOffice could not convert" in line for line in log)
    # the spoilt number is never used again: the next letter takes ๓
    third = make_draft(workspace / "output" / "drafts" / "third.docx", spec())
    assert run(workspace, url, "issue", str(third), "--date",
               DAY.isoformat()).stdout.strip() == "นค ๐๐๑๙.๓/ว ๓"


def test_a_failure_of_the_series_last_number_gives_it_back(site, monkeypatch):
    workspace, url = site
    from generator import pdf

    def broken(pairs, **_kw):
        raise UserError("LibreOffice could not convert the letter (stand-in)")

    monkeypatch.setattr(pdf, "convert", broken)
    draft = make_draft(workspace / "output" / "drafts" / "d.docx", spec())
    with Registry.open(workspace, url) as registry:
        with pytest.raises(UserError, match="could not convert"):
            issue(draft, workspace, registry=registry, date=DAY)
        assert statuses(workspace, url) == []
        [number] = registry.reserve(1, unit="3", circular=True, date=DAY)
        with pytest.raises(UserError, match="could not convert"):
            issue(draft, workspace, registry=registry, date=DAY, number=number)
        assert statuses(workspace, url) == [(1, "reserved")]  # back to the reservation
        actions = [entry.action for entry in registry.audit_log()]
        assert actions == ["allocate", "give back", "reserve", "give back"]


@pytest.mark.slow
def test_eight_processes_issue_two_hundred_letters(site, tmp_path):
    workspace, url = site
    draft = make_draft(workspace / "output" / "drafts" / "d.docx", spec())
    environment = dict(os.environ, PYTHONPATH=str(REPO))
    many = [sys.executable, "-m", "tests.issuing.crashing", "--many", "25", str(workspace),
            str(draft)] + ([url] if url else [])
    workers = [subprocess.Popen(many, cwd=REPO, env=environment, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(8)]
    outputs = [worker.communicate(timeout=300) for worker in workers]
    for worker, (_out, err) in zip(workers, outputs):
        assert worker.returncode == 0, err
    taken = sorted(int(n) for out, _err in outputs for n in out.split())
    assert taken == list(range(1, 201))
    assert statuses(workspace, url) == [(n, "issued") for n in range(1, 201)]
    with Registry.open(workspace, url) as registry, registry.engine.connect() as connection:
        rows = connection.execute(sa.select(letters.c.files, letters.c.sha256)).all()
    assert len(rows) == 200 and all(set(files) == {"docx", "pdf", "json"} for files, _ in rows)
    checked = verify(workspace, url)  # every file present with its recorded SHA-256, no other
    assert checked.exit_code == 0 and "agree" in checked.stdout, checked.output
    assert not list((workspace / "output").glob(".issuing-*"))

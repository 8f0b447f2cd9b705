"""A real ``gen-letter issue`` killed (SIGKILL) at each step — before and after each commit,
each staging and each rename — and at 20 random points: the next ``gen-letter verify`` says in
one line what it finished or undid, then finds archive and register agreeing, and the next
issue takes the right number (the killed one's, when it was undone). On SQLite and PostgreSQL.

The process is stopped by a hook at the named step (:func:`generator.issuing.archive.checkpoint`,
see ``crashing.py``), not by timing; the random points are delays drawn from the length of an
uninterrupted issue measured first in the same run.
"""

from __future__ import annotations

import copy
import os
import random
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from generator.cli import main
from generator.issuing import issue
from generator.registry import Registry, init_workspace
from generator.registry.schema import letters

from .conftest import SPEC, make_draft

REPO = Path(__file__).resolve().parents[2]
DAY = date(2024, 10, 25)
KINDS = ("docx", "pdf", "json")
STEPS = (["number:before-commit", "number:committed", "converted", "record:before-commit",
          "record:committed"]
         + [f"stage:{kind}:{when}" for kind in KINDS for when in ("before", "after")]
         + [f"rename:{kind}:{when}" for kind in KINDS for when in ("before", "after")]
         + ["finish:before-commit", "finish:committed", "done"])
UNDONE = {"number:committed", "converted", "record:before-commit"}
FINISHED = set(STEPS[STEPS.index("record:committed"):STEPS.index("finish:before-commit") + 1])


@pytest.fixture(params=[pytest.param("sqlite", id="sqlite"),
                        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres)])
def site(request, tmp_path):
    """(workspace, register URL or None for its SQLite file)."""
    if request.param == "sqlite":
        yield init_workspace(tmp_path / "ws").root, None
        return
    from tests.registry.conftest import fresh_pg_schema

    with fresh_pg_schema() as url:
        yield init_workspace(tmp_path / "ws", url=url).root, url


def spec(**changes) -> dict:
    data = copy.deepcopy(SPEC)
    data["references"] = []
    data.update(changes)
    return data


def command(workspace: Path, url: str | None, *args: str) -> list[str]:
    return ([sys.executable, "-m", "tests.issuing.crashing", "--workspace", str(workspace)]
            + (["--registry", url] if url else []) + list(args))


def start(workspace, url, *args, **env) -> subprocess.Popen:
    environment = dict(os.environ, PYTHONPATH=str(REPO), **{k: str(v) for k, v in env.items()})
    return subprocess.Popen(command(workspace, url, *args), cwd=REPO, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(workspace, url, *args, **env) -> subprocess.CompletedProcess:
    process = start(workspace, url, *args, **env)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def verify(workspace, url):
    return CliRunner().invoke(main, ["--workspace", str(workspace)]
                              + (["--registry", url] if url else []) + ["verify"])


def statuses(workspace, url) -> list[tuple[int, str]]:
    with Registry.open(workspace, url) as registry, registry.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(
            sa.select(letters.c.running, letters.c.status).order_by(letters.c.running))]


def issue_next(workspace, url, name: str) -> int:
    draft = make_draft(workspace / "output" / "drafts" / f"{name}.docx", spec())
    with Registry.open(workspace, url) as registry:
        return issue(draft, workspace, registry=registry, date=DAY).running


@pytest.mark.slow
def test_a_kill_at_each_step_is_finished_or_undone_by_the_next_verify(site, fake_pdf):
    workspace, url = site
    issued = 0
    for i, step in enumerate(STEPS):
        draft = make_draft(workspace / "output" / "drafts" / f"k{i}.docx", spec())
        killed = run(workspace, url, "issue", str(draft), "--date", DAY.isoformat(),
                     GEN_LETTER_TEST_KILL_AT=step)
        assert killed.returncode == -signal.SIGKILL, (step, killed.stderr)
        checked = verify(workspace, url)
        assert checked.exit_code == 0 and "agree" in checked.stdout, (step, checked.output)
        [line] = checked.stderr.strip().splitlines()
        if step in UNDONE:
            assert "undid an interrupted issue; the number was given back" in line, step
        elif step in FINISHED:
            assert "finished an issue that was interrupted while archiving" in line, step
            issued += 1
        else:  # before its number was taken, or after it was issued: only the folder is left
            assert "removed output/.issuing-" in line, step
            issued += step != "number:before-commit"
        assert issue_next(workspace, url, f"n{i}") == issued + 1, step
        issued += 1
        assert verify(workspace, url).exit_code == 0
    assert statuses(workspace, url) == [(n, "issued") for n in range(1, issued + 1)]


@pytest.mark.slow
def test_twenty_kills_at_random_points(site, fake_pdf, tmp_path):
    workspace, url = site
    steps = tmp_path / "steps.txt"
    first = make_draft(workspace / "output" / "drafts" / "first.docx", spec())
    assert run(workspace, url, "issue", str(first), "--date", DAY.isoformat(),
               GEN_LETTER_TEST_STEPS=steps).returncode == 0
    times = {step: float(at) for at, step in (line.split() for line in steps.read_text().split("\n")
                                              if line)}
    length = times["done"] - times["number:before-commit"]  # the span that matters
    rng = random.Random(20261202)
    killed = 0
    for i in range(20):
        draft = make_draft(workspace / "output" / "drafts" / f"r{i}.docx", spec())
        result = run(workspace, url, "issue", str(draft), "--date", DAY.isoformat(),
                     GEN_LETTER_TEST_KILL_AFTER=f"{rng.uniform(0, 1.1 * length):.4f}")
        assert result.returncode in (0, -signal.SIGKILL), result.stderr
        killed += result.returncode == -signal.SIGKILL
        checked = verify(workspace, url)
        assert checked.exit_code == 0 and "agree" in checked.stdout, checked.output
        assert len(checked.stderr.strip().splitlines()) <= 1  # one line, when it did anything
        done = [status for _n, status in statuses(workspace, url)]
        assert set(done) <= {"issued"}  # one at a time: every undone number was given back
        assert issue_next(workspace, url, f"s{i}") == len(done) + 1
    assert killed  # the points fell inside issues
    numbers = statuses(workspace, url)
    assert numbers == [(n, "issued") for n in range(1, len(numbers) + 1)]
    assert verify(workspace, url).exit_code == 0

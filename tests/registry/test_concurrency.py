"""Many processes at once, and a process killed inside an allocation, on both backends."""

from __future__ import annotations

import os
import queue
import signal

import pytest
import sqlalchemy as sa

from generator.registry import Registry
from generator.registry.schema import counters, letters

from . import workers
from .racing import join, race, spawn

PROCESSES = 8
EACH = 200

def _series(reg: Registry) -> list[tuple[int, str]]:
    with reg.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(
            sa.select(letters.c.running, letters.c.status).where(letters.c.series == "ว")
            .order_by(letters.c.running))]


def _counter(reg: Registry) -> int | None:
    with reg.engine.connect() as connection:
        return connection.execute(sa.select(counters.c.last)
                                  .where(counters.c.series == "ว")).scalar()


@pytest.mark.slow
def test_eight_processes_allocate_exactly_one_to_n(workspace, db_url, reg):
    taken = race(workers.allocate_many, (str(workspace), db_url, EACH), PROCESSES)
    total = PROCESSES * EACH
    every = sorted(n for chunk in taken for n in chunk)
    assert every == list(range(1, total + 1))           # no duplicate, no gap
    assert all(chunk == sorted(chunk) for chunk in taken)  # each process saw its own rise
    assert _series(reg) == [(n, "issued") for n in range(1, total + 1)]
    assert _counter(reg) == total
    assert len(reg.audit_log()) == 2 * total


@pytest.mark.slow
def test_eight_processes_reserve_the_quick_way_exactly_one_to_n(workspace, db_url, reg):
    """``gen-letter reserve`` (a bare sqlite3 / psycopg connection) in eight processes at once:
    the same write lock or row lock as the library's own transactions."""
    from generator.registry.numbers import number_key

    each = EACH // 4
    taken = race(workers.reserve_quick, (str(workspace), db_url, each), PROCESSES)
    total = PROCESSES * each
    assert all(quick for quick, _numbers in taken)
    every = sorted(int(number_key(n).rsplit("ว", 1)[1]) for _q, numbers in taken for n in numbers)
    assert every == list(range(1, total + 1))           # no duplicate, no gap
    assert _series(reg) == [(n, "reserved") for n in range(1, total + 1)]
    assert _counter(reg) == total
    assert [e.action for e in reg.audit_log()] == ["reserve"] * total


@pytest.mark.slow
def test_a_process_killed_inside_an_allocation_leaves_no_gap_and_no_duplicate(
        workspace, db_url, reg):
    for _ in range(3):
        with reg.allocate(unit="3", circular=True, date=workers.DAY) as alloc:
            alloc.record(subject="ก่อน")
    ready, after = spawn.Queue(), spawn.Queue()
    victim = spawn.Process(target=workers.allocate_then_hang,
                           args=(str(workspace), db_url, ready))
    victim.start()
    assert ready.get(timeout=60) == 4      # it holds number 4 in an open transaction
    # Another process asks for a number meanwhile: it must wait, not take 5.
    waiter = spawn.Process(target=workers.allocate_one, args=(str(workspace), db_url, after))
    waiter.start()
    with pytest.raises(queue.Empty):
        after.get(timeout=3)
    os.kill(victim.pid, signal.SIGKILL)
    victim.join(30)
    assert victim.exitcode == -signal.SIGKILL
    assert after.get(timeout=60) == 4      # the killed allocation left no trace
    join([waiter])
    with reg.allocate(unit="3", circular=True, date=workers.DAY) as alloc:
        alloc.record(subject="หลัง")
    assert alloc.running == 5
    assert _series(reg) == [(n, "issued") for n in range(1, 6)]
    assert _counter(reg) == 5
    subjects = [e.detail.get("subject") for e in reg.audit_log() if e.action == "issue"]
    assert "จะถูกหยุดกลางคัน" not in subjects and len(subjects) == 5


def test_processes_opening_a_fresh_register_at_once_upgrade_it_once(tmp_path, db_url):
    from generator.registry.workspace import EXAMPLE_PROFILE

    workspace = tmp_path / "fresh"
    (workspace / "registry").mkdir(parents=True)
    (workspace / "registry" / "office.yaml").write_text(EXAMPLE_PROFILE, encoding="utf-8")
    assert race(workers.open_fresh, (str(workspace), db_url), 4, timeout=120) == [1, 1, 1, 1]
    with Registry.open(workspace, db_url) as reg:
        with reg.engine.connect() as connection:
            runnings = sorted(connection.execute(sa.select(letters.c.running)).scalars())
    assert runnings == [1, 2, 3, 4]

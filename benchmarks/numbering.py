"""Letter-number allocation throughput: 1 process against 8 processes, on each backend.

Each allocation is a whole issuing transaction without the files: take the next number of one
series (the contended case: every process wants the same counter row), record the letter,
write the audit entries, commit. Prints allocations per second with 1 and with 8 processes and
the 8-vs-1 ratio; because every allocation of a series is serialised on one row, the ratio is
expected near 1 (more processes add waiting, not throughput), and the check is that it does not
collapse.

    python benchmarks/numbering.py [--count 400] [--backend sqlite|postgresql]

PostgreSQL: GEN_LETTER_TEST_PG or postgresql://genletter:genletter@127.0.0.1:5432/genletter_test;
the run uses a throw-away schema. Skipped with a note when no server answers.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scratch_pg import scratch_schema  # noqa: E402

from generator.registry import Registry, init_workspace  # noqa: E402

DAY = date(2024, 10, 25)


def _worker(workspace: str, url: str | None, count: int, ready, start, done) -> None:
    with Registry.open(Path(workspace), url) as reg:
        ready.put(os.getpid())
        start.wait(120)
        for _ in range(count):
            with reg.allocate(unit="3", circular=True, date=DAY) as alloc:
                alloc.record(subject="ทดสอบความเร็ว", recipients=["นายอำเภอ"])
    done.put(count)


def run(workspace: Path, url: str | None, processes: int, total: int) -> float:
    """Allocations per second with ``processes`` processes sharing ``total`` allocations."""
    context = multiprocessing.get_context("spawn")
    ready, start, done = context.Queue(), context.Event(), context.Queue()
    each = total // processes
    workers = [context.Process(target=_worker, args=(str(workspace), url, each, ready, start, done))
               for _ in range(processes)]
    for worker in workers:
        worker.start()
    for _ in workers:
        ready.get(timeout=120)
    began = time.perf_counter()
    start.set()
    allocated = sum(done.get(timeout=600) for _ in workers)
    elapsed = time.perf_counter() - began
    for worker in workers:
        worker.join()
    return allocated / elapsed


def bench(backend: str, count: int) -> tuple[float, float] | None:
    """(allocations/s with 1 process, with 8), each run on a fresh register."""
    figures = []
    for processes in (1, 8):
        url, drop = None, None
        if backend == "postgresql":
            url, drop, problem = scratch_schema()
            if url is None:
                print(f"postgresql: skipped, no server ({problem})")
                return None
        try:
            with tempfile.TemporaryDirectory() as folder:
                workspace = init_workspace(Path(folder) / "ws", url).root
                figures.append(run(workspace, url, processes, count))
        finally:
            if drop is not None:
                drop()
    return figures[0], figures[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=800,
                        help="allocations per run (shared among the processes)")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    args = parser.parse_args()
    for backend in args.backend or ["sqlite", "postgresql"]:
        result = bench(backend, args.count)
        if result is None:
            continue
        one, eight = result
        print(f"{backend}: 1 process {one:8.1f} allocations/s   8 processes {eight:8.1f} "
              f"allocations/s   8-vs-1 ratio {eight / one:.2f}")


if __name__ == "__main__":
    main()

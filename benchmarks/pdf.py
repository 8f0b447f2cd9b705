"""PDF speed: one issue's wall time with a cold start and with the warm LibreOffice, a batch of
letters through ``generator.pdf.convert_many`` on 1 and on 2 workers, and a bare
``soffice --headless --convert-to pdf`` loop (one LibreOffice start per letter) as the baseline,
in the same run; and how long the register's write lock is held per issue.

    .venv/bin/python benchmarks/pdf.py [--letters 50]

"Cold" is the first issue of the process: LibreOffice starts (and pythainlp loads its
dictionary); "warm" is the next issue, through the LibreOffice that stayed up. Both batches run
on offices already up (two letters on 2 workers start the second office before the clock
starts), as a batch does in a process that keeps its offices: what is measured is the letters,
not a LibreOffice start, which the cold issue shows. The lock time is the time spent inside the register's write transactions
(``generator.registry.database.write``: ``BEGIN IMMEDIATE`` on SQLite, the write lock) per
issue, summed over the short transactions an issue opens (the number taken, the letter recorded,
marked issued); LibreOffice converts outside them.
Its last line reads ``warm_issue_s: X batch_speedup_vs_bare: Y lock_held_s: Z``: the speed-up
of the faster batch, and the lock time of the warm issue.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
sys.path.insert(0, str(REPO))
SEED = "001_5e28ea4e505824d1.yaml"


@contextlib.contextmanager
def write_transactions_timed(spans: list[float]):
    """Every register write transaction (``generator.registry.database.write``, the one way the
    register writes: ``BEGIN IMMEDIATE`` on SQLite, so the write lock) timed into ``spans``."""
    from generator.registry import database

    write = database.write

    @contextlib.contextmanager
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            with write(*args, **kwargs) as connection:
                yield connection
        finally:
            spans.append(time.perf_counter() - start)

    database.write = timed
    try:
        yield spans
    finally:
        database.write = write


def timed_issue(workspace: Path, lock_times: list[tuple[float, float, int]]) -> float:
    """One issue's wall time; appends (lock time summed over its write transactions, the
    longest one, how many) to ``lock_times``."""
    from generator.issuing import issue
    from generator.registry import Registry

    with Registry.open(workspace) as registry, write_transactions_timed([]) as spans:
        start = time.perf_counter()
        issue(workspace / "letters" / SEED, workspace, registry=registry)
        wall = time.perf_counter() - start
    lock_times.append((sum(spans), max(spans, default=0.0), len(spans)))
    return wall


def drafts(folder: Path, count: int) -> list[Path]:
    from generator.render import render

    specs = sorted((EXAMPLES / "letters").glob("[0-9][0-9][0-9]_*.yaml"))  # the seed letters
    made = []
    for i in range(count):
        path = folder / f"letter-{i}.docx"
        path.write_bytes(render(specs[i % len(specs)], EXAMPLES))
        made.append(path)
    return made


def bare_loop(files: list[Path], folder: Path) -> float:
    from generator.pdf import soffice_command

    program = soffice_command()
    start = time.perf_counter()
    for path in files:
        subprocess.run([program, "--headless", f"-env:UserInstallation={(folder / 'p').as_uri()}",
                        "--convert-to", "pdf", "--outdir", str(folder / "bare"), str(path)],
                       capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=50)
    args = parser.parse_args()
    from generator import pdf
    from generator.pdf import office

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shutil.copytree(EXAMPLES, tmp / "ws", ignore=shutil.ignore_patterns("output", "*.sqlite*"))
        locks: list[tuple[float, float, int]] = []
        cold = timed_issue(tmp / "ws", locks)
        warm = timed_issue(tmp / "ws", locks)
        print(f"LibreOffice {'.'.join(map(str, pdf.libreoffice_version(pdf.soffice_command())))}")
        print(f"issue of {SEED[:3]} (letter + booklet): cold {cold:.2f} s, warm {warm:.2f} s"
              f"{'' if office.uno_python() else ' (no uno: soffice --convert-to each time)'}")
        files = drafts(tmp, args.letters)
        pdf.convert_many([(f, tmp / "warm-up" / f"{f.stem}.pdf") for f in files[:2]], workers=2)
        batch = {}
        for workers in (1, 2):
            start = time.perf_counter()
            pdf.convert_many([(f, tmp / f"out{workers}" / f"{f.stem}.pdf") for f in files],
                             workers=workers)
            batch[workers] = time.perf_counter() - start
        bare = bare_loop(files, tmp)
        n = args.letters
        print(f"{n} letters: batch on 1 worker {batch[1] / n:.3f} s/letter, on 2 workers "
              f"{batch[2] / n:.3f} s/letter; bare soffice loop {bare / n:.3f} s/letter")
        print(f"speed-up against the bare loop: 1 worker {bare / batch[1]:.1f}x, "
              f"2 workers {bare / batch[2]:.1f}x")
        (cold_lock, cold_max, cold_n), (lock, warm_max, warm_n) = locks
        print(f"register write lock held per issue: cold {cold_lock:.3f} s ({cold_n} write "
              f"transactions, longest {cold_max:.3f} s), warm {lock:.3f} s ({warm_n}, longest "
              f"{warm_max:.3f} s); LibreOffice converts outside them")
        best = min(batch.values())
        print(f"warm_issue_s: {warm:.2f} batch_speedup_vs_bare: {bare / best:.2f} lock_held_s: {lock:.2f}")


if __name__ == "__main__":
    main()

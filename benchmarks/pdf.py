"""PDF speed: one issue's wall time, a batch of letters through ``generator.pdf.convert``, and a
bare ``soffice --headless --convert-to pdf`` loop (one LibreOffice start per letter) as the
baseline, in the same run; and how long the register's write lock is held per issue.

    .venv/bin/python benchmarks/pdf.py [--letters 50]

LibreOffice is started per conversion (no LibreOffice stays up yet), so the "warm" issue is
measured the same way as the cold one and equals it but for the fontconfig and font caches.
The batch converts all letters in one LibreOffice start, on one worker. The lock time is the
time spent inside ``Registry.allocate`` (the write transaction) per issue. Its last line reads
``warm_issue_s: X batch_speedup_vs_bare: Y lock_held_s: Z``.
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


def timed_issue(workspace: Path, lock_times: list[float]) -> float:
    from generator.issuing import issue
    from generator.registry import Registry

    with Registry.open(workspace) as registry:
        allocate = registry.allocate

        @contextlib.contextmanager
        def measured(*args, **kwargs):
            start = time.perf_counter()
            try:
                with allocate(*args, **kwargs) as alloc:
                    yield alloc
            finally:
                lock_times.append(time.perf_counter() - start)

        registry.allocate = measured
        start = time.perf_counter()
        issue(workspace / "letters" / SEED, workspace, registry=registry)
        return time.perf_counter() - start


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
    start = time.perf_counter()
    for path in files:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(folder / 'p').as_uri()}",
                        "--convert-to", "pdf", "--outdir", str(folder / "bare"), str(path)],
                       capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=50)
    args = parser.parse_args()
    from generator import pdf

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shutil.copytree(EXAMPLES, tmp / "ws", ignore=shutil.ignore_patterns("output", "*.sqlite*"))
        locks: list[float] = []
        cold = timed_issue(tmp / "ws", locks)
        warm = timed_issue(tmp / "ws", locks)
        print(f"issue of {SEED[:3]} (letter + booklet): cold {cold:.2f} s, again {warm:.2f} s")
        files = drafts(tmp, args.letters)
        start = time.perf_counter()
        pdf.convert([(f, tmp / "out" / f"{f.stem}.pdf") for f in files])
        batch = time.perf_counter() - start
        bare = bare_loop(files, tmp)
        print(f"{args.letters} letters: gen-letter batch (1 worker) {batch / args.letters:.2f} s/letter, "
              f"bare soffice loop {bare / args.letters:.2f} s/letter")
        lock = sum(locks) / len(locks)
        print(f"register write lock held per issue: {lock:.2f} s (the PDF is made inside it)")
        print(f"warm_issue_s: {warm:.2f} batch_speedup_vs_bare: {bare / batch:.2f} lock_held_s: {lock:.2f}")


if __name__ == "__main__":
    main()

"""gen-letter's command line with test hooks, run as a real process by the crash and
concurrency tests: ``python -m tests.issuing.crashing [gen-letter arguments]``.

Environment:

- ``GEN_LETTER_TEST_CONVERT``: the stand-in for :func:`generator.pdf.convert` (always
  installed; LibreOffice has its own tests): ``fast`` (default) writes a small PDF; ``block``
  touches ``GEN_LETTER_TEST_STARTED`` and waits until ``GEN_LETTER_TEST_RELEASE`` exists (60 s
  at most), then writes it; ``block-fail`` waits the same way, then fails as LibreOffice does.
- ``GEN_LETTER_TEST_KILL_AT``: a step name (:data:`generator.issuing.archive.STEPS`, ``{kind}``
  filled in): the process SIGKILLs itself on reaching it.
- ``GEN_LETTER_TEST_KILL_AFTER``: seconds; the process SIGKILLs itself that long after the issue
  reached its first step (a random point, chosen by the test).
- ``GEN_LETTER_TEST_STEPS``: a file each step name reached is appended to.

``python -m tests.issuing.crashing --many N WORKSPACE DRAFT [URL]`` issues DRAFT N times in one
process (the concurrency test runs several of these at once) and prints each number.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
import time
from pathlib import Path

PDF = b"%PDF-1.7\n% stand-in\n%%EOF\n"


def _convert(pairs, **_kw):
    from generator import pdf
    from generator.errors import UserError

    mode = os.environ.get("GEN_LETTER_TEST_CONVERT", "fast")
    if mode.startswith("block"):
        Path(os.environ["GEN_LETTER_TEST_STARTED"]).touch()
        release = Path(os.environ["GEN_LETTER_TEST_RELEASE"])
        deadline = time.monotonic() + 60
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        if mode == "block-fail":
            raise UserError("LibreOffice could not convert the letter (stand-in)",
                            file=str(pairs[0][0]))
    for _docx, pdf_path in pairs:
        Path(pdf_path).write_bytes(PDF)
    return pdf.Conversion([Path(p) for _d, p in pairs], None)


def install() -> None:
    from generator import pdf

    archive = importlib.import_module("generator.issuing.archive")
    pdf.convert = _convert
    kill_at = os.environ.get("GEN_LETTER_TEST_KILL_AT")
    kill_after = os.environ.get("GEN_LETTER_TEST_KILL_AFTER")
    steps = os.environ.get("GEN_LETTER_TEST_STEPS")
    started: list[float] = []

    def observe(step: str) -> None:
        if steps:
            with open(steps, "a", encoding="utf-8") as out:
                out.write(f"{time.monotonic():.6f} {step}\n")
        if step == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        if kill_after and not started:
            started.append(time.monotonic())
            timer = threading.Timer(float(kill_after),
                                    lambda: os.kill(os.getpid(), signal.SIGKILL))
            timer.daemon = True
            timer.start()

    archive.OBSERVERS.append(observe)


def many(count: int, workspace: Path, draft: Path, url: str | None) -> None:
    from datetime import date

    from generator.issuing import issue
    from generator.registry import Registry

    with Registry.open(workspace, url) as registry:
        for _ in range(count):
            letter = issue(draft, workspace, registry=registry, date=date(2024, 10, 25))
            print(letter.running, flush=True)


if __name__ == "__main__":
    install()
    if sys.argv[1:2] == ["--many"]:
        many(int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]),
             sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] else None)
    else:
        from generator.cli import main

        main(prog_name="gen-letter")

"""What others wait for while one letter converts: ``reserve`` for another office, an issue in
another series and an issue in the same series, while a slow issue is held in its conversion,
on SQLite and PostgreSQL.

Issuing holds no register lock while LibreOffice converts (:mod:`generator.issuing`: the number
is taken as *pending* in a short transaction of its own). Per backend, on a fresh workspace with
a second office (``nk-other``, ``นค 0020``):

1. the baseline, with no issue running: the wall time of the whole command, ``--runs`` times
   each, of (a) ``gen-letter reserve --office nk-other``, (b) ``gen-letter issue`` of a draft
   of another series (an external letter, ``นค 0019/``), (c) ``gen-letter issue`` of a draft of
   the slow letter's own series (a circular of unit 3, ``นค 0019.3/ว``);
2. a slow ``gen-letter issue`` of a circular of unit 3 started, whose stand-in LibreOffice
   takes ``--hold`` seconds (default 60); once it is converting, (a), (b), (c) again, each
   ``--runs`` times, each beside its baseline. (c) takes the number after the slow letter's
   pending one without waiting: within a series a number is taken in a short transaction and,
   should the slow issue fail, given back when it is still the series' last, else spoilt
   (README, *Numbering*);
3. the slow issue's number once it ends, and ``gen-letter verify``: every number 1..N of each
   series present once, every file matching.

Every issue converts with a stand-in (a ``gen-letter`` process whose
:func:`generator.pdf.convert` writes a small PDF at once, or after ``--hold`` seconds for the
slow letter); ``reserve`` and ``verify`` are the installed console script. Drafts are made
beforehand with ``gen-letter new``. The figures are wall times of the command as a clerk runs
it, interpreter start included, each with its CPU time (user + system) and beside its baseline:
waiting for the slow issue would show as a wall time well above the baseline's with the same
CPU time; a loaded machine stretches both runs alike (the load average is printed). The target
is under 2 s.

The last line: ``reserve_other_s: X issue_other_s: Y issue_same_s: Z`` (the slowest run while
the slow issue was held, of both backends).

    python benchmarks/short_lock.py [--hold 60] [--runs 3] [--backend sqlite|postgresql]

PostgreSQL: ``GEN_LETTER_BENCH_PG`` (or ``GEN_LETTER_TEST_PG``) names the server; the register
is built in a schema of its own, dropped afterwards. Skipped with a note when no server answers.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scratch_pg import worst_over_backends  # noqa: E402

from generator.registry import init_workspace  # noqa: E402
from generator.registry.workspace import EXAMPLE_PROFILE  # noqa: E402

DAY = "2024-10-25"
REPO = Path(__file__).resolve().parents[1]
#: The installed ``gen-letter`` console script beside this interpreter.
GEN_LETTER = Path(sys.executable).with_name("gen-letter")

#: ``gen-letter`` with a stand-in LibreOffice: the PDF is a few bytes, written at once, or after
#: ``GEN_LETTER_BENCH_HOLD`` seconds once ``GEN_LETTER_BENCH_STARTED`` is touched.
STAND_IN = """
import os, sys, time
from pathlib import Path

from generator import pdf

def convert(pairs, **_kw):
    hold = float(os.environ.get("GEN_LETTER_BENCH_HOLD") or 0)
    if hold:
        Path(os.environ["GEN_LETTER_BENCH_STARTED"]).touch()
        time.sleep(hold)
    for _docx, target in pairs:
        Path(target).write_bytes(b"%PDF-1.7\\n% stand-in\\n%%EOF\\n")
    return pdf.Conversion([Path(target) for _docx, target in pairs], None)

pdf.convert = convert
from generator.cli import main
main(prog_name="gen-letter")
"""

SPECS = {  # the slow letter's series (a circular of unit 3), and another (an external letter)
    "same": """\
kind: circular
office: nk-cdd
unit: 3
recipient: นายอำเภอ ทุกอำเภอ
subject: การขับเคลื่อนตำบลเข้มแข็ง
closing: เพื่อโปรดทราบ
signer: pranee
body:
  - ด้วยจังหวัดหนองคายขอแจ้งแนวทางการดำเนินงาน
""",
    "other": """\
kind: external
office: nk-cdd
recipient: นายอำเภอเมืองหนองคาย
subject: การประชุมคณะทำงาน
closing: จึงเรียนมาเพื่อโปรดทราบ
signer: pranee
body:
  - ด้วยจังหวัดหนองคายขอเชิญประชุมคณะทำงาน
""",
}


def options(workspace: Path, url: str | None) -> list[str]:
    return ["--workspace", str(workspace)] + (["--registry", url] if url else [])


def gen_letter(workspace: Path, url: str | None, *args: str) -> list[str]:
    """The installed console script."""
    return [str(GEN_LETTER), *options(workspace, url), *args]


def stand_in(workspace: Path, url: str | None, *args: str) -> list[str]:
    """``gen-letter`` converting with the stand-in."""
    return [sys.executable, "-c", STAND_IN, *options(workspace, url), *args]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(command: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Wall time and CPU time (user + system, s) and output of one run of ``command``; stops
    the benchmark if it fails. (The CPU time is of the children reaped meanwhile: only this
    one, as the runs are one after another and the slow issue ends after them.)"""
    began, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})})
    seconds, cpu = time.perf_counter() - began, _children_cpu() - cpu
    if done.returncode != 0:
        shown = " ".join(part for part in command if part != STAND_IN)
        raise SystemExit(f"{shown} failed: {done.stderr.strip()}")
    return seconds, cpu, done.stdout.strip()


class Site:
    """A workspace with a second office, and a fresh draft of each series on demand."""

    def __init__(self, folder: Path, url: str | None):
        self.root = init_workspace(folder / "ws", url).root
        self.url = url
        (self.root / "registry" / "other.yaml").write_text(
            EXAMPLE_PROFILE.replace("id: nk-cdd", "id: nk-other")
            .replace("code: นค 0019", "code: นค 0020"), encoding="utf-8")
        for name, text in SPECS.items():
            (self.root / "letters").mkdir(exist_ok=True)
            (self.root / "letters" / f"{name}.yaml").write_text(text, encoding="utf-8")
        self.made = 0

    def draft(self, series: str) -> Path:
        self.made += 1
        target = self.root / "output" / "drafts" / f"{series}-{self.made:03d}.docx"
        timed_run(gen_letter(self.root, self.url, "new",
                             str(self.root / "letters" / f"{series}.yaml"), "-o", str(target)))
        return target

    def commands(self, runs: int) -> dict[str, list[list[str]]]:
        """``runs`` commands of each kind measured, drafts made beforehand."""
        return {
            "reserve_other": [gen_letter(self.root, self.url, "reserve", "--office", "nk-other",
                                         "--date", DAY) for _ in range(runs)],
            "issue_other": [stand_in(self.root, self.url, "issue", str(self.draft("other")),
                                     "--date", DAY) for _ in range(runs)],
            "issue_same": [stand_in(self.root, self.url, "issue", str(self.draft("same")),
                                    "--date", DAY) for _ in range(runs)],
        }


def measure(commands: dict[str, list[list[str]]]
            ) -> dict[str, tuple[list[float], list[float], list[str]]]:
    """Each command run once, in order: (wall times, CPU times, numbers printed) per kind."""
    measured = {}
    for kind, runs in commands.items():
        walls, cpus, numbers = [], [], []
        for command in runs:
            seconds, cpu, out = timed_run(command)
            walls.append(seconds)
            cpus.append(cpu)
            numbers.append(" ".join(out.split()) if kind == "reserve_other" else out)
        measured[kind] = (walls, cpus, numbers)
    return measured


def run_backend(name: str, url: str | None, hold: float, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        site = Site(Path(folder), url)
        baseline = measure(site.commands(runs))
        slow_draft, held_commands = site.draft("same"), site.commands(runs)
        started = Path(folder) / "started"
        slow = subprocess.Popen(
            stand_in(site.root, url, "issue", str(slow_draft), "--date", DAY), cwd=REPO,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(REPO), "GEN_LETTER_BENCH_HOLD": str(hold),
                 "GEN_LETTER_BENCH_STARTED": str(started)})
        began = time.monotonic()
        while not started.exists():
            if slow.poll() is not None:
                raise SystemExit(f"[{name}] the slow issue ended before converting: "
                                 f"{slow.communicate()[1].strip()}")
            time.sleep(0.05)
        reached = time.monotonic() - began
        try:
            held = measure(held_commands)
            still_held = slow.poll() is None
        finally:
            out, err = slow.communicate(timeout=hold + 300)
        total = time.monotonic() - began
        if slow.returncode != 0:
            raise SystemExit(f"[{name}] the slow issue failed: {err.strip()}")
        if not still_held:
            raise SystemExit(f"[{name}] the slow issue ended before the measurements did: "
                             "give a longer --hold")
        print(f"[{name}] slow issue: converting {reached:.1f} s after its start, held "
              f"{hold:.0f} s, ended after {total:.1f} s as {out.strip()}; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
        figures = {}
        for kind in held:
            walls, cpus, numbers = held[kind]
            base_walls, base_cpus, base_numbers = baseline[kind]
            base = statistics.median(base_walls)
            print(f"[{name}] {kind}: while held median {statistics.median(walls):.2f} s "
                  f"(cpu {statistics.median(cpus):.2f} s), slowest {max(walls):.2f} s "
                  f"(x{statistics.median(walls) / base:.2f} of the baseline); baseline, no issue "
                  f"running, median {base:.2f} s (cpu {statistics.median(base_cpus):.2f} s), "
                  f"slowest {max(base_walls):.2f} s", flush=True)
            print(f"[{name}]   numbers: baseline {', '.join(base_numbers)}; while held "
                  f"{', '.join(numbers)}", flush=True)
            figures[kind] = max(walls)
        checked = subprocess.run(gen_letter(site.root, url, "verify"), capture_output=True,
                                 text=True)
        said = (checked.stdout.strip().splitlines() or [""])[-1]
        print(f"[{name}] verify: exit {checked.returncode}: {said}"
              + (f" ({checked.stderr.strip()})" if checked.stderr.strip() else ""), flush=True)
        if checked.returncode != 0:
            raise SystemExit(f"[{name}] verify found the archive and register disagreeing:\n"
                             f"{checked.stdout}")
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold", type=float, default=60.0,
                        help="seconds the slow letter's stand-in LibreOffice takes")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    args = parser.parse_args()
    # The commands are timed as installed: with their byte code written.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "generator")],
                   check=True, stdout=subprocess.DEVNULL)
    worst = worst_over_backends(args.backend or ["sqlite", "postgresql"],
                                lambda backend, url: run_backend(backend, url, args.hold, args.runs))
    print(f"reserve_other_s: {worst.get('reserve_other', float('nan')):.2f} "
          f"issue_other_s: {worst.get('issue_other', float('nan')):.2f} "
          f"issue_same_s: {worst.get('issue_same', float('nan')):.2f}")


if __name__ == "__main__":
    main()

"""The register at province scale: search, command wall time and exports at N letters, on SQLite
and PostgreSQL.

Builds a register of ``--letters`` letters (default 100,000) through the project's schema and
search indexer, in bulk (multi-row inserts of ``letters``, ``incoming`` and ``citations`` rows;
:func:`generator.registry.search.write_docs` for the search rows): four offices sharing the
register, four Buddhist years, subjects and bodies drawn from the seed letters' lines, one
letter in four citing an earlier one, one entry in ten an incoming letter. Then, per backend:

- search p50/p95 in process for 1-, 2- and 5-character Thai queries, a number and a body
  phrase, each beside a plain ``LIKE '%…%'`` scan of the same rows (the baseline);
- the wall time of the whole ``gen-letter search`` / ``show`` / ``reserve`` command (the
  installed console script, on the register just built), beside ``python -c pass``,
  ``python -c "import sqlite3"`` (``import psycopg`` for PostgreSQL: the driver, the floor of
  a command that opens the register), ``python -c "import sqlalchemy"`` (with ``psycopg``:
  what these commands no longer import) and ``gen-letter --version``;
- the outgoing and incoming registers of one year of ``--letters`` letters (added to the same
  database as year 2570) as CSV and XLSX through the ``gen-letter register`` command: seconds,
  peak memory of the process, file size; the XLSX beside the CSV writer. The XLSX is then opened
  with openpyxl and its first, middle and last rows compared with the register's.

The last line: ``search_p95_ms: X command_wall_ms: Y xlsx_100k_s: Z xlsx_peak_mb: W`` (the worst
of both backends; ``xlsx_100k_s`` is the slower of the two XLSX registers).

    python benchmarks/register.py [--letters 100000] [--backend sqlite|postgresql]

PostgreSQL: ``GEN_LETTER_BENCH_PG`` (or ``GEN_LETTER_TEST_PG``) names the server; the register
is built in a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, time as clock, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scratch_pg import worst_over_backends  # noqa: E402

import sqlalchemy as sa  # noqa: E402

from generator.registry import Registry, init_workspace  # noqa: E402
from generator.registry import search  # noqa: E402
from generator.registry.numbers import number_key  # noqa: E402
from generator.registry.schema import citations, counters, incoming, letters  # noqa: E402
from generator.thai.dates import BANGKOK, be_year  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
QUERIES = {"1 char": "ง", "2 chars": "งบ", "5 chars": "ผู้นำ", "number": None,
           "body phrase": "โคก หนอง นา"}
RUNS = 30
BATCH = 5000
FIRST_DAY = date(2022, 10, 1)          # four Buddhist years: 2565 (a quarter) to 2569
DAYS = 4 * 365
EXPORT_YEAR = 2570
OFFICES = [  # (id, code, name): the stock office plus three more sharing the register
    ("nk-pho", "นค 0017", "สำนักงานสาธารณสุขจังหวัดหนองคาย"),
    ("nk-edu", "นค 0023", "สำนักงานศึกษาธิการจังหวัดหนองคาย"),
    ("nk-agr", "นค 0007", "สำนักงานเกษตรจังหวัดหนองคาย"),
]
SENDERS = ["จังหวัดเชียงใหม่", "กรมการพัฒนาชุมชน", "อำเภอเมืองหนองคาย", "กระทรวงมหาดไทย",
           "องค์การบริหารส่วนจังหวัดหนองคาย"]
RECIPIENTS = ["นายอำเภอ ทุกอำเภอ", "ผู้อำนวยการสำนักงานพัฒนาชุมชนอำเภอ", "หัวหน้าส่วนราชการ",
              "ผู้ว่าราชการจังหวัดหนองคาย", "ท้องถิ่นจังหวัดหนองคาย"]


def seed_lines() -> list[str]:
    lines = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = " ".join(line.replace("**", "").split())
            if len(line) >= 8:
                lines.append(line)
    if not lines:
        lines = ["ตามที่ จังหวัดได้แจ้งแนวทางการขับเคลื่อนโครงการ โคก หนอง นา ประจำปีงบประมาณ",
                 "ขอให้ผู้นำชุมชนรายงานผล ภายในวันที่ ๓๑ มีนาคม ๒๕๖๖",
                 "จึงเรียนมาเพื่อโปรดทราบและพิจารณาดำเนินการต่อไป"]
    return lines


def make_workspace(folder: Path, url: str | None) -> Path:
    """The stock one-office workspace with three more offices of the province."""
    root = init_workspace(folder / "ws", url).root
    profile = (root / "registry" / "office.yaml").read_text(encoding="utf-8")
    for office_id, code, name in OFFICES:
        text = (profile.replace("id: nk-cdd", f"id: {office_id}")
                .replace("code: นค 0019", f"code: {code}")
                .replace("name: สำนักงานพัฒนาชุมชนจังหวัดหนองคาย", f"name: {name}"))
        (root / "registry" / f"{office_id}.yaml").write_text(text, encoding="utf-8")
    return root


class Builder:
    """Adds letters to a register in bulk, numbering each office's series as issuing would."""

    def __init__(self, reg: Registry, seed: int = 2567):
        self.reg = reg
        self.rng = random.Random(seed)
        self.lines = seed_lines()
        self.offices = list(reg.offices.values())
        self.running: dict[tuple[str, str, int], int] = {}
        self.issued: list[tuple[int, str]] = []      # (letter id, number text) to cite

    def add(self, count: int, first: date, days: int, with_search: bool = True,
            incoming_every: int = 10) -> tuple:
        """``count`` entries dated from ``first`` over ``days`` days, one in
        ``incoming_every`` an incoming letter (0: none, 1: all); returns a number of the
        middle (text, year)."""
        rng, sample = self.rng, None
        with self.reg.engine.connect() as connection:
            for start in range(0, count, BATCH):
                with connection.begin():
                    mine, theirs, bodies_in, bodies_out, cites = [], [], [], [], []
                    for i in range(start, min(count, start + BATCH)):
                        day = first + timedelta(days=i * days // count)
                        at = datetime.combine(day, clock(8 + i % 9, i % 60), BANGKOK)
                        subject = rng.choice(self.lines)[:90]
                        body = "\n".join(rng.choices(self.lines, k=rng.randint(4, 10)))
                        office = self.offices[i % len(self.offices)]
                        year = be_year(day)
                        if incoming_every and i % incoming_every == incoming_every - 1:
                            theirs.append(self._incoming(office, year, at, day, subject, i))
                            bodies_in.append(body)
                            continue
                        row = self._letter(office, year, at, day, subject, circular=i % 5 == 0)
                        mine.append(row)
                        bodies_out.append(body)
                        if i == count // 2:
                            sample = (row["number_text"], year)
                    letter_ids = list(connection.execute(
                        letters.insert().returning(letters.c.id, sort_by_parameter_order=True),
                        mine).scalars()) if mine else []
                    incoming_ids = list(connection.execute(
                        incoming.insert().returning(incoming.c.id, sort_by_parameter_order=True),
                        theirs).scalars()) if theirs else []
                    cited_by: dict[int, list[str]] = {}
                    for letter_id, row in zip(letter_ids, mine):
                        if self.issued and rng.random() < 0.25:
                            target_id, target = rng.choice(self.issued[-5000:])
                            cites.append({"from_letter_id": letter_id, "to_letter_id": target_id,
                                          "position": 1})
                            cited_by[letter_id] = [target]
                        self.issued.append((letter_id, row["number_text"]))
                    if cites:
                        connection.execute(citations.insert(), cites)
                    if with_search:
                        docs = [search.letter_doc(row, letter_id, cited_by.get(letter_id, ()),
                                                  body)
                                for letter_id, row, body in zip(letter_ids, mine, bodies_out)]
                        docs += [search.incoming_doc(row, incoming_id, body) for
                                 incoming_id, row, body in zip(incoming_ids, theirs, bodies_in)]
                        docs.sort(key=lambda d: (d.day, d.letter_id or 0, d.incoming_id or 0))
                        search.write_docs(connection, docs)
            with connection.begin():  # the counters, so that reserve takes the next number
                for (code, series, year), last in self.running.items():
                    connection.execute(counters.delete().where(
                        counters.c.office_code == code, counters.c.series == series,
                        counters.c.year == year))
                    connection.execute(counters.insert().values(
                        office_code=code, series=series, year=year, last=last))
        return sample

    def _next(self, code: str, series: str, year: int) -> int:
        n = self.running[(code, series, year)] = self.running.get((code, series, year), 0) + 1
        return n

    def _letter(self, office, year, at, day, subject, circular) -> dict:
        series = office.series(circular)
        n = self._next(office.code_key, series, year)
        unit = "3" if n % 3 == 0 else None
        text = office.number_text(n, unit=unit, circular=circular)
        recipients = [self.rng.choice(RECIPIENTS)]
        return {
            "office_id": office.id, "office_code": office.code_key, "agency": office.agency,
            "office_name": office.name, "unit": unit,
            "unit_name": office.units[unit].name if unit else None, "series": series,
            "year": year, "running": n, "circular": circular, "number_text": text,
            "number_key": number_key(text), "status": "issued", "date": day,
            "subject": subject, "recipients": recipients, "signer": "governor",
            "search_text": search.search_text(subject, recipients, number=text),
            "created_at": at.astimezone(timezone.utc), "created_by": "bench",
            "issued_at": at.astimezone(timezone.utc),
        }

    def _incoming(self, office, year, at, day, subject, i) -> dict:
        n = self._next(office.code_key, "รับ", year)
        their = f"นข 0019/ว {i % 997 + 1}" if i % 3 else None
        return {
            "office_id": office.id, "office_code": office.code_key, "receipt_year": year,
            "receipt_no": n, "received_at": at.astimezone(timezone.utc), "their_number": their,
            "their_number_key": number_key(their) if their else None,
            "their_date": day - timedelta(days=3), "sender": self.rng.choice(SENDERS),
            "recipient": office.name, "subject": subject, "remarks": None,
            "search_text": subject, "created_by": "bench",
        }


def timed(fn, runs: int = RUNS) -> tuple[float, float, float]:
    """p50 and p95 wall time and p50 CPU time of this process (ms) of ``fn()``."""
    fn()
    times, cpus = [], []
    for _ in range(runs):
        began, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - began) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    times.sort()
    return (statistics.median(times), times[max(0, round(len(times) * 0.95) - 1)],
            statistics.median(cpus))


def like_scan(reg: Registry, text: str) -> None:
    """The baseline: every row's readable text scanned for the phrase as typed."""
    pattern = f"%{text}%"
    with reg.engine.connect() as connection:
        op = "ILIKE" if reg.dialect == "postgresql" else "LIKE"
        connection.execute(sa.text(
            f"SELECT id FROM search_docs WHERE head {op} :q OR body {op} :q "
            f"ORDER BY id DESC LIMIT 100"), {"q": pattern}).fetchall()


#: The installed ``gen-letter`` console script beside this interpreter: the command a clerk runs.
GEN_LETTER = Path(sys.executable).with_name("gen-letter")


def cli_command(workspace: Path, url: str | None, *args: str) -> list[str]:
    """The ``gen-letter`` command line (the console script, as installed) on ``workspace``."""
    options = ["--workspace", str(workspace)] + (["--registry", url] if url else [])
    return [str(GEN_LETTER), *options, *args]


def wall(command: list[str], runs: int = 7) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of ``command``, in ms."""
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache
    walls, cpus = [], []
    for _ in range(runs):
        began = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(process.pid, 0)
        walls.append((time.perf_counter() - began) * 1000)
        cpus.append((usage.ru_utime + usage.ru_stime) * 1000)
        if status != 0:
            raise SystemExit(f"{' '.join(command)} failed")
    return statistics.median(walls), statistics.median(cpus)


PEAK_PROBE = """
import os, runpy, sys
sys.argv = ["gen-letter", *sys.argv[1:]]
try:
    runpy.run_module("generator", run_name="__main__", alter_sys=True)
finally:
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM"))
    with open(os.environ["GEN_LETTER_PEAK_FILE"], "w") as out:
        out.write(peak)
"""


def run_measured(command: list[str]) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one run of the ``gen-letter`` command
    ``command``. The peak is the process's own high-water mark (``VmHWM``), read as it ends:
    ``ru_maxrss`` of a child also counts the parent's memory at the fork."""
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        began = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", PEAK_PROBE, *command[1:]],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={**os.environ, "GEN_LETTER_PEAK_FILE": peak.name})
        seconds = time.perf_counter() - began
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()}")
        return seconds, int(peak.read()) / 1024


def check_xlsx(reg: Registry, path: Path, incoming_register: bool) -> str:
    """The XLSX opened with openpyxl: its first, middle and last rows equal the register's."""
    from dataclasses import astuple

    from openpyxl import load_workbook

    rows = list(reg.register_rows(EXPORT_YEAR, incoming=incoming_register))
    book = load_workbook(path, read_only=True)
    sheet = book.active
    found = list(sheet.iter_rows(min_row=2, values_only=True))
    book.close()
    expected = [tuple(v or "" for v in astuple(row)) for row in rows]
    found = [tuple(v or "" for v in row) for row in found]
    if len(found) != len(expected):
        raise SystemExit(f"{path}: {len(found)} rows, expected {len(expected)}")
    for index in (0, len(expected) // 2, len(expected) - 1):
        if tuple(found[index]) != expected[index]:
            raise SystemExit(f"{path}: row {index + 2} is {found[index]}, "
                             f"expected {expected[index]}")
    return f"{len(found)} rows, first/middle/last as in the register"


def run_backend(name: str, url: str | None, count: int, exports_only: bool = False
                ) -> dict[str, float]:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        workspace = make_workspace(Path(folder), url)
        if not exports_only:
            measure_search(name, url, count, workspace, figures)
        export_figures(name, url, count, workspace, Path(folder), figures)
    return figures


def measure_search(name: str, url: str | None, count: int, workspace: Path,
                   figures: dict[str, float]) -> None:
    with Registry.open(workspace, url) as reg:
        builder = Builder(reg)
        began = time.perf_counter()
        number, number_year = builder.add(count, FIRST_DAY, DAYS)
        if reg.dialect == "postgresql":
            with reg.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT")
                connection.exec_driver_sql(
                    "VACUUM ANALYZE letters, incoming, citations, search_docs")
        print(f"[{name}] built {count} letters in {time.perf_counter() - began:.0f} s",
              flush=True)
        worst = 0.0
        for label, text in QUERIES.items():
            text = text or number
            p50, p95, cpu = timed(lambda: reg.search(text, limit=100))
            b50, _b95, _cpu = timed(lambda: like_scan(reg, text), runs=5)
            hits = len(reg.search(text, limit=100))
            worst = max(worst, p95)
            print(f"[{name}] search {label} ({text}): p50 {p50:.1f} ms p95 {p95:.1f} ms "
                  f"(client cpu p50 {cpu:.1f} ms), {hits} hits; LIKE scan baseline p50 "
                  f"{b50:.1f} ms (x{b50 / max(p50, 0.01):.1f})", flush=True)
        figures["search_p95"] = worst
    walls = {label: wall(cli_command(workspace, url, *args)) for label, args in (
        ("search", ["search", "งบ"]), ("show", ["show", number, "--year", str(number_year)]),
        ("reserve", ["reserve", "--office", "nk-cdd"]))}
    bare = wall([sys.executable, "-c", "pass"])
    driver_name = "psycopg" if url else "sqlite3"
    driver = wall([sys.executable, "-c", f"import {driver_name}"])
    alchemy = wall([sys.executable, "-c", "import sqlalchemy, psycopg" if url else
                    "import sqlalchemy"])
    version = wall(cli_command(workspace, url, "--version"))
    print(f"[{name}] command p50 wall (cpu): " + ", ".join(
        f"{k} {w:.0f} ms ({c:.0f} ms, x{w / driver[0]:.2f} of the driver import)"
        for k, (w, c) in walls.items())
        + f"; baselines: python -c pass {bare[0]:.0f} ms ({bare[1]:.0f} ms), python -c "
          f"'import {driver_name}' {driver[0]:.0f} ms ({driver[1]:.0f} ms), python -c "
          f"'import sqlalchemy{', psycopg' if url else ''}' {alchemy[0]:.0f} ms "
          f"({alchemy[1]:.0f} ms), gen-letter --version {version[0]:.0f} ms "
          f"({version[1]:.0f} ms)", flush=True)
    figures["command_wall"] = max(w for w, _c in walls.values())


def export_figures(name: str, url: str | None, count: int, workspace: Path, folder: Path,
                   figures: dict[str, float]) -> None:
    with Registry.open(workspace, url) as reg:
        began = time.perf_counter()
        export_year = Builder(reg, seed=2570)
        export_year.add(count, date(2027, 1, 1), 364, with_search=False, incoming_every=0)
        export_year.add(count, date(2027, 1, 1), 364, with_search=False, incoming_every=1)
        print(f"[{name}] added a year of {count} letters sent and {count} received "
              f"({EXPORT_YEAR}) in {time.perf_counter() - began:.0f} s", flush=True)
        exports = folder / "exports"
        for register, flag in (("outgoing", []), ("incoming", ["--incoming"])):
            measured = {}
            for fmt in ("csv", "xlsx"):
                path = exports / f"{register}.{fmt}"
                measured[fmt] = run_measured(cli_command(
                    workspace, url, "register", *flag, "--year", str(EXPORT_YEAR),
                    "--format", fmt, "-o", str(path)))
                print(f"[{name}] {register} register {fmt}: {measured[fmt][0]:.1f} s, peak "
                      f"{measured[fmt][1]:.0f} MB, {path.stat().st_size / 1e6:.1f} MB file",
                      flush=True)
            seconds, peak = measured["xlsx"]
            print(f"[{name}] {register} xlsx against the csv writer: "
                  f"x{seconds / max(measured['csv'][0], 0.001):.1f} the time; "
                  + check_xlsx(reg, exports / f"{register}.xlsx", bool(flag)), flush=True)
            figures["xlsx_s"] = max(figures.get("xlsx_s", 0.0), seconds)
            figures["xlsx_mb"] = max(figures.get("xlsx_mb", 0.0), peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--exports-only", action="store_true",
                        help="Only the register exports (no search register is built).")
    args = parser.parse_args()
    # The commands are timed as installed: with their byte code written (an installed package
    # has it; PYTHONDONTWRITEBYTECODE would otherwise make every run compile the sources).
    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    str(Path(__file__).resolve().parents[1] / "generator")],
                   check=True, stdout=subprocess.DEVNULL)
    worst = worst_over_backends(args.backend or ["sqlite", "postgresql"],
                                lambda backend, url: run_backend(backend, url, args.letters, args.exports_only))
    print(f"search_p95_ms: {worst.get('search_p95', float('nan')):.1f} "
          f"command_wall_ms: {worst.get('command_wall', float('nan')):.0f} "
          f"xlsx_100k_s: {worst.get('xlsx_s', float('nan')):.1f} "
          f"xlsx_peak_mb: {worst.get('xlsx_mb', float('nan')):.0f}")


if __name__ == "__main__":
    main()

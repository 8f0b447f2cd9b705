"""The register at province scale: search speed at N letters, on SQLite and PostgreSQL.

Builds a register of ``--letters`` letters (default 100,000) through the project's schema and
search indexer (subjects and bodies drawn from the seed letters' lines, several offices and
years, references between letters, one incoming letter in ten), then prints, for each backend:

- search p50/p95 in process for 1-, 2- and 5-character Thai queries, a number and a body
  phrase, beside a plain ``LIKE '%…%'`` scan of the same text (the baseline);
- the wall time of the whole ``gen-letter search`` / ``show`` / ``reserve`` command.

The last line: ``search_p95_ms: X command_wall_ms: Y xlsx_100k_s: Z xlsx_peak_mb: W`` (worst of
both backends; the export figures are ``n/a`` until the export is measured here).

    python benchmarks/register.py [--letters 100000] [--backend sqlite|postgresql]
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
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402

from generator.registry import Registry, init_workspace  # noqa: E402
from generator.registry import search  # noqa: E402
from generator.registry.schema import counters, letters  # noqa: E402

DEFAULT_PG = "postgresql://genletter:genletter@127.0.0.1:5432/genletter_test"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
QUERIES = {"1 char": "ง", "2 chars": "งบ", "5 chars": "ผู้นำ", "number": None,
           "body phrase": "โคกหนองนา"}
RUNS = 30


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


def build(reg: Registry, count: int) -> str:
    """Insert ``count`` issued letters (and one incoming in ten); returns a number to look up."""
    rng = random.Random(2567)
    lines = seed_lines()
    offices = list(reg.offices.values())
    made_at = datetime(2022, 10, 1, tzinfo=timezone.utc)
    running: dict[tuple, int] = {}
    sample = None
    batch = 2000
    with reg.engine.connect() as connection:
        for start in range(0, count, batch):
            with connection.begin():
                for i in range(start, min(count, start + batch)):
                    office = offices[i % len(offices)]
                    day = date(2022, 10, 1) + timedelta(days=i * 1200 // count)
                    year = day.year + 543 + (1 if day.month >= 10 else 0)
                    circular = i % 5 == 0
                    series = office.series(circular)
                    n = running[(office.id, series, year)] = running.get(
                        (office.id, series, year), 0) + 1
                    text = office.number_text(n, circular=circular)
                    subject = rng.choice(lines)[:80]
                    body = "\n".join(rng.choices(lines, k=rng.randint(4, 10)))
                    if i % 10 == 0:
                        connection.execute(sa.text(
                            "INSERT INTO incoming (office_id, office_code, receipt_year, "
                            "receipt_no, received_at, their_number, their_number_key, "
                            "their_date, sender, subject, search_text, created_by) VALUES "
                            "(:o, :c, :y, :n, :at, NULL, NULL, :d, :s, :sub, :sub, 'bench')"),
                            {"o": office.id, "c": office.code_key, "y": year, "n": i,
                             "at": made_at + timedelta(minutes=i), "d": day,
                             "s": "จังหวัดเชียงใหม่", "sub": subject})
                        new_id = connection.exec_driver_sql(
                            "SELECT max(id) FROM incoming").scalar()
                        search.index_incoming(connection, new_id, body)
                    key = text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
                    from generator.registry.numbers import number_key
                    letter_id = connection.execute(letters.insert().values(
                        office_id=office.id, office_code=office.code_key, agency=office.agency,
                        office_name=office.name, series=series, year=year, running=n,
                        circular=circular, number_text=text, number_key=number_key(key),
                        status="issued", date=day, subject=subject,
                        recipients=["นายอำเภอ ทุกอำเภอ"], signer=None, search_text=subject,
                        created_at=made_at + timedelta(minutes=i), created_by="bench",
                    )).inserted_primary_key[0]
                    search.index_letter(connection, letter_id, body)
                    if i == count // 2:
                        sample = (text, year)
        with connection.begin():  # the counters, so that reserve takes the next number
            for (office_id, series, year), last in running.items():
                connection.execute(counters.insert().values(
                    office_code=reg.offices[office_id].code_key, series=series, year=year,
                    last=last))
    return sample


def timed(fn, runs: int = RUNS) -> tuple[float, float]:
    fn()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def like_scan(reg: Registry, text: str) -> None:
    with reg.engine.connect() as connection:
        op = "ILIKE" if reg.dialect == "postgresql" else "LIKE"
        connection.exec_driver_sql(
            f"SELECT id FROM search_docs WHERE head {op} %(q)s OR body {op} %(q)s "
            f"ORDER BY id DESC LIMIT 100" if reg.dialect == "postgresql" else
            f"SELECT id FROM search_docs WHERE head {op} :q OR body {op} :q "
            f"ORDER BY id DESC LIMIT 100", {"q": f"%{text}%"}).fetchall()


def command_wall(workspace: Path, url: str | None, *args: str) -> float:
    options = ["--workspace", str(workspace)] + (["--registry", url] if url else [])
    command = [sys.executable, "-m", "generator", *options, *args]
    subprocess.run(command, check=True, capture_output=True)  # warm
    times = []
    for _ in range(5):
        began = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def run_backend(name: str, url: str | None, count: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        workspace = init_workspace(Path(folder) / "ws", url).root
        with Registry.open(workspace, url) as reg:
            began = time.perf_counter()
            number, number_year = build(reg, count)
            if reg.dialect == "postgresql":
                with reg.engine.begin() as connection:
                    connection.exec_driver_sql("ANALYZE")
            print(f"[{name}] built {count} letters in {time.perf_counter() - began:.0f} s")
            worst = 0.0
            for label, text in QUERIES.items():
                text = text or number
                p50, p95 = timed(lambda: reg.search(text, limit=100))
                b50, b95 = timed(lambda: like_scan(reg, text), runs=5)
                hits = len(reg.search(text, limit=100))
                worst = max(worst, p95)
                print(f"[{name}] search {label} ({text}): p50 {p50:.1f} ms p95 {p95:.1f} ms, "
                      f"{hits} hits; LIKE scan baseline p50 {b50:.1f} ms "
                      f"(x{b50 / max(p50, 0.01):.0f})")
        walls = {}
        for label, args in (("search", ["search", "งบ"]), ("show", ["show", number, "--year", str(number_year)]),
                            ("reserve", ["reserve"])):
            walls[label] = command_wall(workspace, url, *args)
        baseline = command_wall(workspace, url, "--version")
        print(f"[{name}] command wall p50: " + ", ".join(
            f"{k} {v:.0f} ms" for k, v in walls.items()) + f" (baseline --version {baseline:.0f} ms)")
        return worst, max(walls.values())


def pg_url() -> tuple[str | None, callable]:
    import psycopg

    admin = os.environ.get("GEN_LETTER_TEST_PG") or DEFAULT_PG
    name = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(admin, connect_timeout=3, autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{name}"')
    except psycopg.Error as error:
        print(f"[postgresql] skipped: {str(error).strip().splitlines()[0]}")
        return None, lambda: None

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')

    separator = "&" if "?" in admin else "?"
    return f"{admin}{separator}options={quote(f'-csearch_path={name}', safe='')}", drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    args = parser.parse_args()
    worst_search = worst_wall = 0.0
    for backend in args.backend or ["sqlite", "postgresql"]:
        if backend == "sqlite":
            figures = run_backend("sqlite", None, args.letters)
        else:
            url, drop = pg_url()
            if url is None:
                continue
            try:
                figures = run_backend("postgresql", url, args.letters)
            finally:
                drop()
        worst_search = max(worst_search, figures[0])
        worst_wall = max(worst_wall, figures[1])
    print(f"search_p95_ms: {worst_search:.1f} command_wall_ms: {worst_wall:.0f} "
          f"xlsx_100k_s: n/a xlsx_peak_mb: n/a")


if __name__ == "__main__":
    main()

"""The backends a benchmark runs on: a PostgreSQL schema of its own for one run, dropped afterwards,
and the worst of each figure over SQLite and PostgreSQL.

The server is ``GEN_LETTER_BENCH_PG``, else ``GEN_LETTER_TEST_PG``, else the local test server.
The benchmarks import this module from their own folder (``python benchmarks/x.py`` puts it on
the path).
"""

from __future__ import annotations

import os
import uuid
from typing import Callable, Iterable
from urllib.parse import quote

DEFAULT_PG = "postgresql://genletter:genletter@127.0.0.1:5432/genletter_test"


def scratch_schema() -> tuple[str | None, Callable[[], None], str | None]:
    """(the register's URL with ``search_path`` set to a new schema, a function that drops it,
    None), or (None, a no-op, why) when the server cannot be reached."""
    import psycopg

    admin = (os.environ.get("GEN_LETTER_BENCH_PG") or os.environ.get("GEN_LETTER_TEST_PG")
             or DEFAULT_PG)
    conninfo = admin.replace("postgresql+psycopg://", "postgresql://", 1)
    name = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(conninfo, connect_timeout=3, autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{name}"')
    except psycopg.Error as error:
        return None, lambda: None, str(error).strip().splitlines()[0]

    def drop() -> None:
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')

    separator = "&" if "?" in admin else "?"
    return f"{admin}{separator}options={quote(f'-csearch_path={name}', safe='')}", drop, None


def worst_over_backends(backends: Iterable[str],
                        run: Callable[[str, str | None], dict[str, float]]) -> dict[str, float]:
    """``run(backend, url)`` on each backend (SQLite: no URL; PostgreSQL: a scratch schema,
    dropped afterwards, or skipped with the reason), and each figure's worst over them."""
    worst: dict[str, float] = {}
    for backend in backends:
        if backend == "sqlite":
            figures = run("sqlite", None)
        else:
            url, drop, problem = scratch_schema()
            if url is None:
                print(f"[postgresql] skipped: {problem}")
                continue
            try:
                figures = run("postgresql", url)
            finally:
                drop()
        for key, value in figures.items():
            worst[key] = max(worst.get(key, 0.0), value)
    return worst

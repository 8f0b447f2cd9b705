"""``gen-letter verify``: does the archive agree with the register?

For each Buddhist year (or the one asked for) :func:`verify` reports, as :class:`Finding` rows:

- ``changed``: an issued file whose SHA-256 is not the one the register recorded;
- ``missing file``: an issued file the register names that is not in the archive;
- ``gap``: a running number 1..N of a series (N its counter) that the register has no row for —
  every number must be there exactly once, as issued, reserved, cancelled or spoilt (the unique
  constraint on the number makes "more than once" impossible);
- ``unfinished``: a number taken by an issue that has not finished (status ``pending`` or
  ``archiving``: running now, or interrupted and not yet recovered — ``gen-letter verify``
  recovers interrupted issues first and leaves out the running ones, see
  :func:`generator.issuing.recovery.verify_archive`), or allocated and never recorded
  (``draft``);
- ``unknown file``: a file in ``output/issued/<year>/`` that no letter of the register names;
- ``leftover``: a temporary ``output/.issuing-*`` folder of an interrupted issue.

An empty list means a consistent archive. Files are read once each, in chunks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typing import Any

from ..files import file_sha256
from . import driver, queries
from .states import DRAFT, ISSUED, RECEIPT, UNFINISHED

#: A connection: SQLAlchemy's or a bare DB-API one (:mod:`generator.registry.driver`).
Connection = Any


@dataclass(frozen=True)
class Finding:
    """One disagreement between archive and register."""

    year: int | None
    number: str | None
    problem: str
    file: str | None = None
    detail: str = ""


def matches(workspace: Path, relative: str, expected: str | None) -> bool | None:
    """Does the archived file still have its recorded SHA-256? None when it is missing."""
    path = Path(workspace) / relative
    if not path.is_file():
        return None
    return expected is None or file_sha256(path) == expected


def verify(connection: Connection, workspace: Path, year: int | None = None) -> list[Finding]:
    """Every :class:`Finding` of the archive against the register (see the module docstring)."""
    workspace = Path(workspace)
    rows = driver.rows(connection, queries.all_letters(year is not None), year=year)
    findings: list[Finding] = []
    known: set[str] = set()
    for row in sorted(rows, key=lambda r: (r["year"], r["office_code"], r["series"], r["running"])):
        files = row["files"] or {}
        known.update(files.values())
        if row["status"] == DRAFT:
            findings.append(Finding(row["year"], row["number_text"], "unfinished",
                                    detail="allocated and never recorded"))
        elif row["status"] in UNFINISHED:
            findings.append(Finding(row["year"], row["number_text"], "unfinished",
                                    row["claim"], f"{row['status']}: an issue that has not "
                                    f"finished (its process ended?)"))
        if row["status"] != ISSUED and not files:
            continue
        sums = row["sha256"] or {}
        for kind, relative in sorted(files.items()):
            state = matches(workspace, relative, sums.get(kind))
            if state is None:
                findings.append(Finding(row["year"], row["number_text"], "missing file", relative))
            elif state is False:
                findings.append(Finding(row["year"], row["number_text"], "changed", relative,
                                        "SHA-256 differs from the register's"))
    for counter in driver.rows(connection, queries.counters(year is not None), receipt=RECEIPT,
                               year=year):
        present = {r["running"] for r in rows if r["office_code"] == counter["office_code"]
                   and r["series"] == counter["series"] and r["year"] == counter["year"]}
        for running in range(1, counter["last"] + 1):
            if running not in present:
                series = counter["series"] or "(ordinary)"
                findings.append(Finding(counter["year"], None, "gap", None,
                                        f"{counter['office_code']} series {series}: number "
                                        f"{running} of 1..{counter['last']} is not in the register"))
    issued = workspace / "output" / "issued"
    folders = [issued / str(year)] if year is not None else (
        sorted(p for p in issued.iterdir() if p.is_dir()) if issued.is_dir() else [])
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                relative = path.relative_to(workspace).as_posix()
                if relative not in known:
                    findings.append(Finding(int(folder.name) if folder.name.isdigit() else None,
                                            None, "unknown file", relative,
                                            "no letter of the register names it"))
    output = workspace / "output"
    if output.is_dir():
        for leftover in sorted(output.glob(".issuing-*")):
            findings.append(Finding(None, None, "leftover", leftover.relative_to(workspace).as_posix(),
                                    "temporary folder of an interrupted issue"))
    return findings

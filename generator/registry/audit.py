"""The append-only audit log: who did what to which number, and when.

Every reservation, allocation, issue, cancellation and receipt writes one row in the same
transaction as the change itself, so the log and the register never disagree. The database
refuses UPDATE and DELETE on the table (triggers made by migration 0002). Its statements are
in :mod:`generator.registry.queries`.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

from . import driver, queries

ACTIONS = ("reserve", "allocate", "issue", "cancel", "receive", "give back", "spoil", "send",
           "acknowledge")


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    who: str
    action: str
    office_code: str | None
    number_text: str | None
    year: int | None
    detail: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        return data


def current_user() -> str:
    """Who is acting: ``GEN_LETTER_USER`` when set, otherwise the operating-system user."""
    user = os.environ.get("GEN_LETTER_USER", "").strip()
    if user:
        return user
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(moment: datetime | None) -> datetime | None:
    """Timestamps read back from SQLite are naive UTC; make every one aware."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


def log(connection: Any, action: str, *, office_code: str | None = None,
        number_text: str | None = None, year: int | None = None,
        detail: dict[str, Any] | None = None) -> None:
    """Append one entry (inside the caller's transaction)."""
    assert action in ACTIONS, action
    driver.execute(connection, queries.insert("audit", queries.AUDIT_COLUMNS),
                   at=now_utc(), who=current_user(), action=action, office_code=office_code,
                   number_text=number_text, year=year, detail=detail or {})


def entries(connection: Any, limit: int | None = None) -> list[AuditEntry]:
    """The log, oldest first (the newest ``limit`` entries when a limit is given)."""
    if limit is None:
        rows = driver.rows(connection, queries.AUDIT_ENTRIES)
    else:
        rows = driver.rows(connection, queries.AUDIT_NEWEST, limit=limit)
    rows.reverse()
    return [AuditEntry(id=row["id"], at=as_utc(row["at"]), who=row["who"], action=row["action"],
                       office_code=row["office_code"], number_text=row["number_text"],
                       year=row["year"], detail=row["detail"] or {}) for row in rows]

"""The issued letter as one typed record: what the register, the JSON metadata beside the letter
(and an export) all say about it. :meth:`IssuedLetter.to_json` is the metadata's only writer."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class IssuedLetter:
    """What :func:`generator.issuing.issue` made: number, date, facts and the archived files."""

    number: str
    running: int
    year: int
    date: Date
    docx: Path
    pdf: Path
    metadata: Path
    sha256: dict[str, str]
    notices: tuple[str, ...] = field(default=())
    bundle: Path | None = None          # letter + attachments in one DOCX (the PDF shows it)
    date_text: str = ""
    subject: str = ""
    recipients: tuple[str, ...] = ()
    office: dict[str, str] = field(default_factory=dict)   # id, code, name
    unit: str | None = None
    circular: bool = False
    kind: str = "external"               # the document kind (generator.kinds.KINDS)
    speed: str | None = None
    secrecy: str | None = None
    signer: str | None = None
    references: tuple[dict[str, Any], ...] = ()
    attachments: tuple[dict[str, Any], ...] = ()
    spec: dict[str, Any] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    created: str | None = None
    issued: str | None = None
    font_notice: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The metadata written beside the letter.

        >>> letter = IssuedLetter("นค ๐๐๑๙/ ๑", 1, 2567, Date(2024, 10, 25), Path("a.docx"),
        ...                       Path("a.pdf"), Path("a.json"), {"docx": "0" * 64})
        >>> letter.to_json()["number"], letter.to_json()["date"], letter.to_json()["pdf"]["standard"]
        ('นค ๐๐๑๙/ ๑', '2024-10-25', 'PDF/A-2b')
        """
        return {
            "number": self.number, "running": self.running, "year": self.year,
            "date": self.date.isoformat(), "date_text": self.date_text,
            "subject": self.subject, "recipients": list(self.recipients),
            "office": dict(self.office), "unit": self.unit, "circular": self.circular,
            "kind": self.kind,
            "speed": self.speed, "secrecy": self.secrecy, "signer": self.signer,
            "references": [dict(r) for r in self.references],
            "attachments": [dict(a) for a in self.attachments],
            "spec": self.spec, "files": dict(self.files), "sha256": dict(self.sha256),
            "created": self.created or self.issued, "issued": self.issued,
            "pdf": {"standard": "PDF/A-2b", "font_notice": self.font_notice},
        }

    def to_json_bytes(self) -> bytes:
        return (json.dumps(self.to_json(), ensure_ascii=False, indent=2, default=str)
                + "\n").encode("utf-8")

    def as_json(self) -> dict[str, Any]:
        """The metadata as written (same as :meth:`to_json`)."""
        return self.to_json()

"""The typed letter spec: what a validated YAML file says, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as _dt
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Reference:
    """One อ้างถึง: a registered number (resolved from the register) or an external letter."""

    number: str
    agency: str | None = None
    date: _dt.date | None = None
    speed: str | None = None
    kind: str = "หนังสือ"
    subject: str | None = None          # known when the register has the letter


@dataclass(frozen=True)
class Attachment:
    """One สิ่งที่ส่งมาด้วย: title and quantity (``จำนวน ๑ ชุด``)."""

    title: str
    quantity: str | None = None
    unit: str | None = None
    id: str | None = None
    document: Path | None = None     # an attachment spec, resolved against the letter spec
    file: Path | None = None         # a file sent with the letter
    url: str | None = None           # a link, printed in Arabic digits and as a QR code


@dataclass(frozen=True)
class Item:
    """A numbered item of the body, with nested items and unnumbered paragraphs under it."""

    text: str
    items: tuple["Item", ...] = ()
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """A body block: a paragraph (``text``) or a numbered list (``items``)."""

    text: str | None = None
    items: tuple[Item, ...] = ()

    @property
    def kind(self) -> str:
        return "paragraph" if self.text is not None else "list"


@dataclass(frozen=True)
class LetterSpec:
    """A validated letter spec. ``data`` is the spec as plain JSON-able data (ISO dates)."""

    kind: str
    recipient: str | None               # None for kinds sent to no one (an order)
    subject: str
    body: tuple[Block, ...]
    closing: str | None
    signer: str
    office: str | None = None
    unit: str | None = None
    salutation: str | None = None
    speed: str | None = None
    secrecy: str | None = None
    references: tuple[Reference, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    acting: str | None = None          # None: the signer's own; "none": no acting phrase
    principal: str | None = None
    copy_to: tuple[str, ...] = ()
    recipients: str | None = None      # the name of a recipient list (registry/recipients/)
    date: _dt.date | None = None
    attachment_list: Path | None = None
    #: The typed values of the kind's own fields (an order's committee, duties …), as the
    #: kind's ``read`` function of :mod:`generator.kinds` made them.
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    source: str = "<spec>"
    lines: dict = field(default_factory=dict, compare=False, repr=False)
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def circular(self) -> bool:
        return self.document_kind.circular

    @property
    def document_kind(self):
        """The row of :data:`generator.kinds.KINDS` for this spec's kind."""
        from ..kinds import kind

        return kind(self.kind)

    def line(self, *path) -> int | None:
        """The source line of a field path, or of its nearest parent."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())

"""What a letter's document says: the lines the register takes its facts from.

Issuing reads these back from the reviewed document itself — never from the ``GenLetterSpec``
property, which anyone holding the file can edit — so the register records what the letter
prints:

- ``number``: the text of the number control (``นค ๐๐๑๙.๓/ว ......`` in a draft), whose code and
  series must be those of the office, unit and kind the property names;
- ``subject``: the paragraph starting ``เรื่อง``; ``recipient``: the one starting ``เรียน``
  (``กราบเรียน``, ``นมัสการ``), or ``ถึง`` and a space (a stamped letter's);
- ``title``: the document's title above the subject, when it is one of the kinds' titles
  (:data:`generator.thai.vocabulary.DOCUMENT_TITLES`): ``บันทึกข้อความ`` alone, or ``คำสั่ง`` /
  ``ประกาศ`` running on into the agency (``คำสั่งจังหวัดหนองคาย``);
- ``attachments``: the titles listed under ``สิ่งที่ส่งมาด้วย`` — the first line starts with the
  word, each further one with a tab; a line is ``[label <tab>] title [<tab> จำนวน …]``.

The first paragraph of each kind wins (an attachment document joined later has its own).

>>> from .build import el, xml_bytes
>>> from .marks import control, NUMBER_TAG
>>> def p(*content): return el("w:p", el("w:r", *content))
>>> def t(text): return el("w:t", text)
>>> tab = lambda: el("w:tab")
>>> number = el("w:p", el("w:r", t("ที่ ")), control(NUMBER_TAG, "n", el("w:r", t("นค ๐๐๑๙/ว ......"))))
>>> xml = xml_bytes(el("w:document", el("w:body", number,
...     p(t("เรื่อง"), tab(), t("ขอเชิญประชุม")), p(t("เรียน  นายอำเภอ ทุกอำเภอ")),
...     p(t("สิ่งที่ส่งมาด้วย"), tab(), t("๑."), tab(), t("แบบรายงาน"), tab(), t("จำนวน ๑ ชุด")),
...     p(tab(), t("๒."), tab(), t("คู่มือ")), p(t("ด้วย…")))))
>>> read_letter(xml)
LetterText(number='นค ๐๐๑๙/ว ......', subject='ขอเชิญประชุม', recipient='นายอำเภอ ทุกอำเภอ', attachments=('แบบรายงาน', 'คู่มือ'), title=None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..thai.vocabulary import DOCUMENT_TITLES
from . import marks, qn
from .package import parse_xml
from .text import _blocks, _run_text

_SALUTATIONS = ("กราบเรียน", "เรียน", "นมัสการ")
_TO = re.compile(r"^ถึง\s+(?=\S)")
_ATTACHMENTS = "สิ่งที่ส่งมาด้วย"
_LABEL = re.compile(r"^[\d๐-๙]+[.)]?$")


@dataclass(frozen=True)
class LetterText:
    """The register's facts as the document prints them (None when the document has no such line)."""

    number: str | None
    subject: str | None
    recipient: str | None
    attachments: tuple[str, ...] = ()
    title: str | None = None      # บันทึกข้อความ, คำสั่ง, ประกาศ: the title it is headed with

    @property
    def memo(self) -> bool:
        """Headed บันทึกข้อความ (an internal memo)."""
        return self.title == DOCUMENT_TITLES["memo"]


def _clean(text: str) -> str:
    return " ".join(text.split())


def _attachment_title(line: str) -> str:
    """``สิ่งที่ส่งมาด้วย\\t๑.\\tแบบรายงาน\\tจำนวน ๑ ชุด`` → ``แบบรายงาน``."""
    cells = [c.strip() for c in line.split("\t") if c.strip()]
    if cells and cells[0].startswith(_ATTACHMENTS):
        rest = cells[0][len(_ATTACHMENTS):].strip()
        cells = ([rest] if rest else []) + cells[1:]
    if cells and _LABEL.match(cells[0]):
        cells = cells[1:]
    if len(cells) > 1 and cells[-1].startswith("จำนวน"):
        cells = cells[:-1]
    return _clean(" ".join(cells))


def read_letter(document_xml: bytes, *, name: str | None = None) -> LetterText:
    """The :class:`LetterText` of a ``word/document.xml``."""
    root = parse_xml(document_xml, part="word/document.xml", name=name)
    control = marks.find_control(root, marks.NUMBER_TAG)
    number = _clean(marks.control_text(control)) if control is not None else None
    body = root.find(qn("w:body"))
    subject = recipient = None
    titles: list[str] = []
    listing = False
    title = None
    for paragraph in _blocks(body if body is not None else root):
        line = _run_text(paragraph)
        text = line.strip()
        if listing:
            if line.startswith("\t") and text:
                titles.append(_attachment_title(line))
                continue
            listing = False
        if subject is None and title is None and _title(text):
            title = _title(text)
        elif subject is None and text.startswith("เรื่อง"):
            subject = _clean(text[len("เรื่อง"):])
        elif recipient is None and text.startswith(_SALUTATIONS):
            word = next(s for s in _SALUTATIONS if text.startswith(s))
            recipient = _clean(text[len(word):])
        elif recipient is None and subject is None and _TO.match(text):
            recipient = _clean(text[_TO.match(text).end():])
        elif not titles and text.startswith(_ATTACHMENTS):
            titles.append(_attachment_title(line))
            listing = True
    return LetterText(number, subject, recipient, tuple(t for t in titles if t), title)


def _title(text: str) -> str | None:
    """The kind's title a heading line is, if any.

    >>> _title("บันทึก ข้อความ"), _title("คำสั่งจังหวัดหนองคาย"), _title("ศาลากลางจังหวัด")
    ('บันทึกข้อความ', 'คำสั่ง', None)
    """
    joined = "".join(text.split())
    for name, word in DOCUMENT_TITLES.items():
        if joined == word or (name != "memo" and joined.startswith(word)):
            return word
    return None

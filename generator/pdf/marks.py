"""Continuation marks: ``/๓. ประเมิน...`` at the foot of a page, the words that begin the next.

A Thai letter that runs over a page ends each page but the last with a mark at the right: ``/``,
the first word(s) of the next page, ``...``. When the next page begins with an item label
(``๓.``, ``๓.๔``, ``(๑)``, ``๒)``) the mark is the label and the word after it, as in the seeds
(``/๓. ประเมินผล...``, ``/๔. ส่งเสริม...``). Words are pythainlp's (``newmm``), so a mark
never ends in the middle of a word; a first word shorter than four characters (``และ``) takes
the next word with it.

Where the pages fall is LibreOffice's own layout of the stamped document
(:mod:`generator.pdf.office` reads it through UNO; a page that begins with a picture, a QR code,
is announced by the first words after it on that page, its caption): a page gets a mark when the
next page
continues the same part, i.e. it does not begin a part of its own (the letter, each attachment
from a new page) and does not begin inside a table (a table's repeated heading row is no word
of the text). The marks are drawn in the bottom margin, so nothing on the page moves.

The issued DOCX carries no marks: Word paginates the DOCX on its own, with its own fonts, and a
mark fixed in the text would be wrong wherever Word breaks a page elsewhere; the PDF, which is
sent and archived, carries them.

>>> mark_text("๓. ประเมินผลการดำเนินงาน ให้อำเภอ")
'/๓. ประเมิน...'
>>> mark_text("และกำหนดพื้นที่เป้าหมาย")
'/และกำหนด...'
>>> mark_text("   ") is None
True
>>> [m for m in continuation_marks([Page("ที่ นค"), Page("๒. รายงาน"), Page("สรุป", fresh=True)])]
[(1, '/๒. รายงาน...')]
"""

from __future__ import annotations

import re

from .office import Page

#: An item label at the start of a line: ``๓.``, ``๓.๔``, ``(๑)``, ``๒)``, ``3.``.
LABEL = re.compile(r"^\s*(\(?[0-9๐-๙]+(?:[.)][0-9๐-๙]+)*[.)]?)\s+")
#: A first word shorter than this takes the next word with it.
SHORT = 4


def _words(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(text, engine="newmm", keep_whitespace=False) if w.strip()]


def mark_text(text: str) -> str | None:
    """The continuation mark announcing a page that begins with ``text``; ``None`` if no word."""
    text = text.strip()
    label = LABEL.match(text + " ")
    head = ""
    if label and label.end() <= len(text):
        head, text = label.group(1) + " ", text[label.end():]
    words = _words(text[:200])
    if not words:
        return f"/{head.strip()}..." if head else None
    taken = words[0] if head or len(words[0]) >= SHORT or len(words) == 1 else "".join(words[:2])
    # the words as the text spells them (any space between them kept)
    start = text.find(words[0])
    end = start
    for word in words[:1 if taken == words[0] else 2]:
        end = text.find(word, end) + len(word)
    return f"/{head}{text[start:end]}..."


def continuation_marks(pages: list[Page]) -> list[tuple[int, str]]:
    """``(page number, mark)`` for each page whose next page continues the same part."""
    marks = []
    for number, following in enumerate(pages[1:], start=1):
        if following.fresh or following.table:
            continue
        mark = mark_text(following.start)
        if mark:
            marks.append((number, mark))
    return marks

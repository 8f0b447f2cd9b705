"""Render attachment documents (``attachment_list``, ``booklet``, ``schedule``) to DOCX.

The template of the kind (``letter_templates/<kind>.docx``, an office's own copy first) gives the
styles, the page, the running header and the title block; this module builds the content that
replaces its ``{{p body }}`` paragraph: numbered sections (``๑.``, ``๓.๑``, ``๑)``), paragraphs,
tables whose header row repeats on every page and whose rows never split, activity blocks with
their standard fields, budgets with figure and baht text, visit tables with weekday dates and
times, and QR codes (segno) with their links in Arabic digits.

Everything computed is computed here from the typed spec: labels from positions, dates and
weekdays from ISO dates, month ranges from ISO months, baht text from the budget's number.
The content's structure (variable tables, nested numbering, pictures) is beyond what a docxtpl
template expresses, so its paragraphs, tables and pictures are made by
:mod:`generator.docx.fragments` (lxml elements, every text escaped there) from the plain values
computed here, and placed as one block where the template prints ``body``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml.etree import _Element

from ..docx import fragments as wml
from ..docx.geometry import CM, TEXT_WIDTH
from ..spec.attachments import (QR, Activity, AttachmentDoc, Image, Items, ListEntry, ListItem,
                                PageBreak, Paragraph, Plan, Section, Table, Visits)
from .context import BOLD_STYLE, rich

_DIGIT = re.compile("[0-9๐-๙]")
EMU_PER_CM = wml.EMU_PER_CM


def digit_text(style: str):
    """The office's digit style for running text (links and Latin identifiers keep Arabic digits)."""
    from ..thai.digits import digits, repair_links
    from ..thai.nobreak import keep_together

    def tx(value: str | None) -> str:
        if value is None:
            return ""
        value = str(value)
        if not _DIGIT.search(value):
            return value
        return keep_together(repair_links(value) if style == "thai" else digits(value, style))

    return tx


def qr_png(target: str) -> bytes:
    """A QR code of ``target`` as PNG bytes (segno; error correction M, 4-module quiet zone)."""
    import segno

    buffer = io.BytesIO()
    segno.make(target, error="m", micro=False).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


@dataclass
class _Pictures:
    """The images a document shows: part name → bytes, and the relationship ids used."""

    images: list[tuple[str, bytes, str]] = field(default_factory=list)   # (rel id, blob, ext)
    count: int = 0

    def add(self, blob: bytes, ext: str) -> str:
        self.count += 1
        rel = f"rIdAttImage{self.count}"
        self.images.append((rel, blob, ext))
        return rel


class _Builder:
    def __init__(self, style: str):
        self.style = style
        self.tx = digit_text(style)
        self.pictures = _Pictures()
        self.activity = 0

    # --- paragraphs -----------------------------------------------------------------------------

    def para(self, text: str, style: str, *, keep_next: bool = False,
             runs: list[_Element] | None = None, compact: bool = False) -> _Element:
        """One paragraph of rich text (or of the given ``runs``); ``compact`` drops its style's
        space before (an entry of a sub-list)."""
        if runs is not None:
            return wml.paragraph(style, *runs, keep_next=keep_next, compact=compact)
        return wml.text_paragraph(self.tx(text), style, bold_style=BOLD_STYLE,
                                  keep_next=keep_next, compact=compact)

    def label(self, path: tuple[int, ...], numbering: str) -> str:
        from ..thai.numbering import item_label

        return item_label(path, "paren" if numbering.startswith("paren") else "dot", self.style)

    # --- blocks ---------------------------------------------------------------------------------

    def blocks(self, blocks: tuple, section: tuple[int, ...] = ()) -> list[_Element]:
        out: list[_Element] = []
        number = 0
        for block in blocks:
            if isinstance(block, Section):
                number += 1
                path = section + (number,)
                out.append(self.para(f"**{self.label(path, 'dot')} {block.title}**", "AttHeading"))
                out += self.blocks(block.blocks, path)
            else:
                out += self.block(block, section)
        return out

    def block(self, block: Any, section: tuple[int, ...]) -> list[_Element]:
        if isinstance(block, Paragraph):
            style = {"body": "AttBody", "heading": "AttHeading", "center": "AttCenter"}[block.style]
            text = f"**{block.text}**" if block.style == "heading" else block.text
            return [self.para(text, style)]
        if isinstance(block, PageBreak):
            return [wml.page_break()]
        if isinstance(block, Items):
            return self.items(block, section)
        if isinstance(block, Plan):
            return self.plan(block)
        if isinstance(block, Activity):
            return self.activity_block(block)
        if isinstance(block, Table):
            return self.table_block(block)
        if isinstance(block, Visits):
            return self.visits(block)
        if isinstance(block, QR):
            return self.qr(block)
        if isinstance(block, Image):
            return self.image(block)
        raise TypeError(f"unknown block {block!r}")  # pragma: no cover

    def items(self, block: Items, section: tuple[int, ...]) -> list[_Element]:
        """A numbered list. A short list of one-line entries (a schedule's notes) is set close
        and kept together (see :func:`keeps_together`)."""
        entries: list[tuple[str, str, int]] = []  # (text, style, depth)
        after: dict[int, list[str]] = {}          # entry index → its paragraphs

        def walk(items: tuple[ListItem, ...], prefix: tuple[int, ...], depth: int, first: bool,
                 numbering: str):
            for i, item in enumerate(items):
                number = (block.start if depth == 0 else 1) + i
                # dot/top/paren-nested: the number below its parent's (๓.๑, ๒.๑));
                # paren: every list counts ๑) ๒) on its own
                path = (number,) if numbering == "paren" else prefix + (number,)
                label = self.label(path, numbering)
                lead = f"{block.lead} " if (block.lead and first and i == 0) else ""
                level = min(len(section) + depth + 1, 3)
                entries.append((f"{lead}{label} {item.text}", f"AttItem{level}", depth))
                walk(item.items, path, depth + 1, False, item.numbering or numbering)
                if item.paragraphs:
                    after.setdefault(len(entries) - 1, []).extend(item.paragraphs)

        walk(block.items, section if block.numbering in ("dot", "paren-nested") else (), 0, True,
             block.numbering)
        together = not after and keeps_together(
            [(self.tx(text), ITEM_INDENT[style]) for text, style, _depth in entries])
        out = []
        for k, (text, style, depth) in enumerate(entries):
            out.append(self.para(text, style, keep_next=together and k < len(entries) - 1,
                                 compact=together and k > 0))
            for paragraph in after.get(k, []):
                out.append(self.para(paragraph, "AttBody"))
        return out

    # --- tables ---------------------------------------------------------------------------------

    def cell(self, width: int, paragraphs: list[str], style: str = "AttTableText",
             span: int = 1) -> _Element:
        body = [self.para(p, style) for p in paragraphs] or [self.para("", style)]
        return wml.cell(width, body, span=span)

    def table(self, widths: list[int], header: list[str],
              rows: list[list[tuple[str, list[str]]]]) -> list[_Element]:
        """A bordered table: the header row repeats on each page; no row splits across pages;
        an empty paragraph after it."""
        head = [self.cell(w, h.split("\n") if h else [], "AttTableHead")
                for w, h in zip(widths, header)]
        body = [[self.cell(w, paras, style) for w, (style, paras) in zip(widths, row)]
                for row in rows]
        return [wml.table(widths, head, body), self.para("", "AttTableText")]

    @staticmethod
    def widths(parts: list[float], header: list[str] | None = None) -> list[int]:
        """Column widths in twips, in proportion to ``parts``, each at least as wide as the
        widest word of its header (:func:`column_widths`)."""
        return column_widths(parts, [header_minimum(h) for h in header] if header else None)

    def when(self, when: tuple[str, Any]) -> str:
        from ..thai.dates import format_date, month_range

        kind, value = when
        if kind == "month":
            return format_date(value, "month", self.style)
        if kind == "months":
            return month_range(value[0], value[1], digit_style=self.style)
        if kind == "by":
            return "ภายในวันที่ " + format_date(value, "full", self.style)
        return self.tx(value)

    def plan(self, plan: Plan) -> list[_Element]:
        from ..thai.numbering import item_label

        rows = []
        for g, group in enumerate(plan.groups, 1):
            rows.append([("AttTableCentre", [item_label((g,), "dot", self.style).rstrip(".")]),
                         ("AttTableText", [f"**{group.title}**"]), ("AttTableText", [])])
            for r, row in enumerate(group.rows, 1):
                rows.append([("AttTableCentre", []),
                             ("AttTableText", [f"{item_label((g, r), 'dot', self.style)} {row.text}"]),
                             ("AttTableCentre", [self.when(row.when)])])
        return self.table(self.widths([1, 8, 3], list(plan.columns)), list(plan.columns), rows)

    def table_block(self, table: Table) -> list[_Element]:
        from ..thai.digits import digits

        widths = self.widths(list(table.widths) or [1] * len(table.columns), list(table.columns))
        rows = []
        for i, row in enumerate(table.rows, 1):
            cells = [("AttTableText", [p for p in cell if p]) for cell in row]
            if table.number_rows:
                cells.insert(0, ("AttTableCentre", [digits(str(i), self.style)]))
            rows.append(cells)
        return self.table(widths, list(table.columns), rows)

    def visits(self, visits: Visits) -> list[_Element]:
        from ..thai.dates import format_date
        from ..thai.digits import digits
        from ..thai.times import format_time

        rows = [[("AttTableCentre", [digits(str(i), self.style)]),
                 ("AttTableText", [format_date(day, "abbr-weekday", self.style)]),
                 ("AttTableCentre", [format_time(at, self.style)]),
                 ("AttTableText", [district])]
                for i, (day, at, district) in enumerate(visits.rows, 1)]
        return self.table(self.widths([1.2, 3.5, 2.3, 4], list(visits.columns)),
                          list(visits.columns), rows)

    # --- activities -----------------------------------------------------------------------------

    def activity_block(self, activity: Activity) -> list[_Element]:
        from ..thai.money import baht_with_text
        from ..thai.numbering import item_label

        self.activity += 1
        number = self.tx(str(self.activity))
        out = [self.para(f"**กิจกรรมที่ {number} {activity.title}**", "AttHeading")]
        for i, (name, label, value) in enumerate(activity.fields, 1):
            out.append(self.para(f"{item_label((i,), 'paren', self.style)} {label}", "AttHeading"))
            if name == "budget":
                out.append(self.para(baht_with_text(value, digit_style=self.style), "AttBody"))
            else:
                out += self.blocks(value, (i,))  # ๑.๑ under field ๑)
        return out

    # --- pictures -------------------------------------------------------------------------------

    def picture(self, blob: bytes, ext: str, width_cm: float, description: str) -> _Element:
        from docx.image.image import Image as DocxImage

        info = DocxImage.from_blob(blob)
        cx = int(width_cm * EMU_PER_CM)
        cy = int(cx * info.px_height / info.px_width)
        rel = self.pictures.add(blob, ext)
        pid = 7000 + self.pictures.count
        run = wml.picture_run(rel, cx, cy, pid, f"Picture {pid}", f"image{pid}.{ext}", description)
        return self.para("", "AttPicture", runs=[run])

    def qr(self, qr: QR) -> list[_Element]:
        out = [self.picture(qr_png(qr.target), "png", qr.size_cm, qr.caption or qr.target)]
        if qr.caption:
            out.append(self.para(qr.caption, "AttCaption"))
        if qr.show_link:
            out.append(self.para("", "AttLink", runs=[wml.text_run(qr.target)]))
        return out

    def image(self, image: Image) -> list[_Element]:
        blob = image.file.read_bytes()
        ext = "png" if blob[:4] == b"\x89PNG" else "jpeg"
        return [self.picture(blob, ext, image.width_cm, image.description)]

    # --- attachment_list ------------------------------------------------------------------------

    def list_entries(self, entries: tuple[ListEntry, ...]) -> list[_Element]:
        from ..thai.numbering import item_label

        out = []
        for i, entry in enumerate(entries, 1):
            quantity = (f" จำนวน {self.tx(entry.quantity)}{' ' + entry.unit if entry.unit else ''}"
                        if entry.quantity else "")
            out.append(self.para(f"สิ่งที่ส่งมาด้วย {item_label((i,), 'dot', self.style)} "
                                 f"{entry.title}{quantity}", "AttHeading"))
            target = entry.url or (entry.file.name if entry.file else None)
            if target:
                out.append(self.picture(qr_png(target), "png", 3.0, entry.title))
                out.append(self.para("", "AttLink", runs=[wml.text_run(target)]))
        return out


#: First-line indents of the attachment item styles (:mod:`tools.templates.attachments`).
ITEM_INDENT = {"AttItem1": int(1.25 * CM), "AttItem2": int(2.5 * CM), "AttItem3": int(3.25 * CM)}
#: The most entries a list kept together may have: about two thirds of a page of lines.
MAX_KEPT_ENTRIES = 24


def keeps_together(entries: list[tuple[str, int]], width: int = TEXT_WIDTH) -> bool:
    """Whether a list is set close and kept together: each entry (its text, its first-line
    indent in twips) fits on one line, there are at most :data:`MAX_KEPT_ENTRIES`, and none has
    paragraphs of its own.

    Such a list (the notes under a visit plan) reads as one block, typed without blank lines in
    the seeds; with 6 pt before each entry and free to break anywhere, seed 003's notes left
    three to six of their lines alone on the visit plan's second page. Set close (no space
    before its entries but the first) and chained (every entry but the last keeps with the
    next) it is moved rather than cut: Word moves the whole list to the next page when it does
    not fit under the table; LibreOffice 7.4 moves a long chain only in part, and seed 003's
    plan then ends with a page of 15 note lines, no remnant. A list of long entries keeps the
    paragraphs' 6 pt and breaks as paragraphs do.

    >>> keeps_together([("๑) พัฒนาการจังหวัด", 1418), ("๒) ผู้อำนวยการกลุ่มงาน", 1418)])
    True
    >>> keeps_together([("ก" * 200, 0)]), keeps_together([("๑) ข้อ", 0)] * 30)
    (False, False)
    """
    from .measure import text_width

    if not entries or len(entries) > MAX_KEPT_ENTRIES:
        return False
    return all(indent + text_width(text.replace("**", "")) * 20 <= width
               for text, indent in entries)


#: Left and right cell margins of a table cell (the TableNormal style's 108 twips each), and a
#: little slack for rounding: a column narrower than its header word + these breaks the word.
CELL_MARGINS = 2 * 108
WORD_SLACK = 40


def header_minimum(header: str | None) -> int:
    """The narrowest a column may be, in twips: its header's widest word in the bold header
    style (TH Sarabun New 16 pt, :mod:`generator.render.measure`) plus the cell's margins."""
    from .measure import longest_word, text_width

    if not header:
        return 0
    word = longest_word(header, bold=True)
    return round(text_width(word, bold=True) * 20) + CELL_MARGINS + WORD_SLACK


def column_widths(parts: list[float], minimums: list[int] | None = None,
                  total: int = TEXT_WIDTH) -> list[int]:
    """Widths in twips summing to ``total``, in proportion to ``parts``; a column below its
    minimum is widened to it, and the room is taken from the other columns in proportion to
    what each has above its own minimum.

    >>> column_widths([1, 1])
    [4536, 4536]
    >>> column_widths([1.2, 8, 4, 1.8], [727, 0, 0, 0])  # ลำดับ needs 727 twips, not 725
    [727, 4838, 2418, 1089]
    """
    share = sum(parts)
    out = [int(total * p / share) for p in parts]
    out[-1] += total - sum(out)
    if not minimums:
        return out
    short = sum(max(m - w, 0) for w, m in zip(out, minimums))
    spare = [max(w - m, 0) for w, m in zip(out, minimums)]
    if short == 0 or sum(spare) <= short:
        return out
    taken = sum(spare) - short
    out = [max(w, m) if w < m else m + int(s * taken / sum(spare))
           for w, m, s in zip(out, minimums, spare)]
    widest = max(range(len(out)), key=out.__getitem__)
    out[widest] += total - sum(out)
    return out

def entries_from_letter(attachments) -> tuple[ListEntry, ...]:
    """The ``attachment_list`` items of a letter: its attachments, with their links and files."""
    return tuple(ListEntry(title=a.title, quantity=a.quantity, unit=a.unit, url=a.url,
                           file=a.file) for a in attachments)


def render_attachment(doc: AttachmentDoc, workspace: Path, *, digit_style: str = "thai",
                      draft: bool = True, entries: tuple[ListEntry, ...] | None = None,
                      letter_line: bool = False) -> bytes:
    """One attachment document as DOCX bytes (draft mark in its headers unless ``draft=False``).

    ``entries`` are the items of an ``attachment_list`` taken from its letter (default: the
    document's own ``items``). ``letter_line`` puts ``แนบท้ายหนังสือ ที่ … ลงวันที่ …`` under
    the title, the letter's number and date in content controls tagged like the letter's own
    (:data:`generator.docx.marks.NUMBER_TAG`, ``DATE_TAG``), so issuing stamps them as it stamps
    the letter.
    """
    from ..docx import marks
    from ..docx.template import add_images, compiled, letter_package
    from . import template_path

    style = doc.digit_style or digit_style or "thai"
    builder = _Builder(style)
    body = builder.blocks(doc.blocks)
    title = list(doc.title)
    if doc.kind == "attachment_list":
        entries = doc.items if entries is None else entries
        count = builder.tx(str(len(entries)))
        title = [line.replace("${count}", count) for line in (title or ["รายละเอียดสิ่งที่ส่งมาด้วย"])]
        body = builder.list_entries(entries) + body
    if letter_line:
        body = [_letter_line(builder)] + body
    template = compiled(template_path(workspace, f"{doc.kind}.docx"))
    context = {"title": [rich(builder.tx(line)) for line in title], "draft": draft,
               "header": builder.tx(doc.header) if doc.header else "", "body": wml.blocks(body),
               "kind": doc.kind}
    parts = template.render(context)
    if builder.pictures.images:
        names = [f"media/attachment{i}.{ext}"
                 for i, (_rel, _blob, ext) in enumerate(builder.pictures.images, 1)]
        add_images(parts, {"word/document.xml": [(rel, name) for (rel, _b, _e), name
                                                 in zip(builder.pictures.images, names)]},
                   {name: blob for (_r, blob, _e), name in zip(builder.pictures.images, names)})
    if not draft:
        marks.remove_draft_marks(parts)
    return letter_package(parts)


def _letter_line(builder: _Builder) -> _Element:
    """The centred line naming the letter a page goes with, its number and date to be stamped."""
    from ..docx import marks

    number = marks.control(marks.NUMBER_TAG, marks.NUMBER_ALIAS, wml.text_run("........"))
    date = marks.control(marks.DATE_TAG, marks.DATE_ALIAS, wml.text_run("........"))
    return builder.para("", "AttCenter", runs=[wml.text_run("แนบท้ายหนังสือ ที่ "), number,
                                               wml.text_run(" ลงวันที่ "), date])

"""Render attachment documents (``attachment_list``, ``booklet``, ``schedule``) to DOCX.

The template of the kind (``letter_templates/<kind>.docx``, an office's own copy first) gives the
styles, the page, the running header and the title block; this module builds the content that
replaces its ``{{p body }}`` paragraph: numbered sections (``๑.``, ``๓.๑``, ``๑)``), paragraphs,
tables whose header row repeats on every page and whose rows never split, activity blocks with
their standard fields, budgets with figure and baht text, visit tables with weekday dates and
times, and QR codes (segno) with their links in Arabic digits.

Everything computed is computed here from the typed spec: labels from positions, dates and
weekdays from ISO dates, month ranges from ISO months, baht text from the budget's number.
The content is WordprocessingML built as text because its structure (variable tables, nested
numbering, pictures) is beyond what a docxtpl template expresses; every text is escaped by
:func:`generator.render.context.rich`.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..spec.attachments import (QR, Activity, AttachmentDoc, Image, Items, ListEntry, ListItem,
                                PageBreak, Paragraph, Plan, Section, Table, Visits)
from .context import rich
from ..docx.geometry import CM, TEXT_WIDTH

_DIGIT = re.compile("[0-9๐-๙]")
_IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
EMU_PER_CM = 360000


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

    def para(self, text: str, style: str, *, keep_next: bool = False, raw: str | None = None,
             compact: bool = False) -> str:
        """One paragraph; ``compact`` drops its style's space before (an entry of a sub-list)."""
        ppr = (f'<w:pStyle w:val="{style}"/>' + ("<w:keepNext/>" if keep_next else "")
               + ('<w:spacing w:before="0"/>' if compact else ""))
        runs = raw if raw is not None else (
            f'<w:r><w:t xml:space="preserve">{rich(self.tx(text))}</w:t></w:r>' if text else "")
        return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"

    def label(self, path: tuple[int, ...], numbering: str) -> str:
        from ..thai.numbering import item_label

        return item_label(path, "paren" if numbering.startswith("paren") else "dot", self.style)

    # --- blocks ---------------------------------------------------------------------------------

    def blocks(self, blocks: tuple, section: tuple[int, ...] = ()) -> str:
        out = []
        number = 0
        for block in blocks:
            if isinstance(block, Section):
                number += 1
                path = section + (number,)
                out.append(self.para(f"**{self.label(path, 'dot')} {block.title}**", "AttHeading"))
                out.append(self.blocks(block.blocks, path))
            else:
                out.append(self.block(block, section))
        return "".join(out)

    def block(self, block: Any, section: tuple[int, ...]) -> str:
        if isinstance(block, Paragraph):
            style = {"body": "AttBody", "heading": "AttHeading", "center": "AttCenter"}[block.style]
            text = f"**{block.text}**" if block.style == "heading" else block.text
            return self.para(text, style)
        if isinstance(block, PageBreak):
            return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
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

    def items(self, block: Items, section: tuple[int, ...]) -> str:
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
        return "".join(out)

    # --- tables ---------------------------------------------------------------------------------

    def cell(self, width: int, paragraphs: list[str], style: str = "AttTableText",
             span: int = 1) -> str:
        grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        body = "".join(self.para(p, style) for p in paragraphs) or self.para("", style)
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}</w:tcPr>'
                f"{body}</w:tc>")

    def table(self, widths: list[int], header: list[str], rows: list[list[tuple[str, list[str]]]]) -> str:
        """A bordered table: the header row repeats on each page; no row splits across pages."""
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                          for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        head = ("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
                + "".join(self.cell(w, h.split("\n") if h else [], "AttTableHead")
                          for w, h in zip(widths, header)) + "</w:tr>")
        body = []
        for row in rows:
            cells = "".join(self.cell(w, paras, style) for w, (style, paras) in zip(widths, row))
            body.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
        return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
                f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
                '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
                'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
                f"<w:tblGrid>{grid}</w:tblGrid>{head}{''.join(body)}</w:tbl>"
                + self.para("", "AttTableText"))

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

    def plan(self, plan: Plan) -> str:
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

    def table_block(self, table: Table) -> str:
        from ..thai.digits import digits

        widths = self.widths(list(table.widths) or [1] * len(table.columns), list(table.columns))
        rows = []
        for i, row in enumerate(table.rows, 1):
            cells = [("AttTableText", [p for p in cell if p]) for cell in row]
            if table.number_rows:
                cells.insert(0, ("AttTableCentre", [digits(str(i), self.style)]))
            rows.append(cells)
        return self.table(widths, list(table.columns), rows)

    def visits(self, visits: Visits) -> str:
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

    def activity_block(self, activity: Activity) -> str:
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
                out.append(self.blocks(value, (i,)))  # ๑.๑ under field ๑)
        return "".join(out)

    # --- pictures -------------------------------------------------------------------------------

    def picture(self, blob: bytes, ext: str, width_cm: float, description: str) -> str:
        from docx.image.image import Image as DocxImage

        info = DocxImage.from_blob(blob)
        cx = int(width_cm * EMU_PER_CM)
        cy = int(cx * info.px_height / info.px_width)
        rel = self.pictures.add(blob, ext)
        pid = 7000 + self.pictures.count
        desc = str(Markup.escape(description))
        drawing = (
            '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{pid}" name="Picture {pid}" descr="{desc}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{pid}" name="image{pid}.{ext}"/><pic:cNvPicPr/>'
            f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/>'
            '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            '</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
        return self.para("", "AttPicture", raw=drawing)

    def qr(self, qr: QR) -> str:
        out = [self.picture(qr_png(qr.target), "png", qr.size_cm, qr.caption or qr.target)]
        if qr.caption:
            out.append(self.para(qr.caption, "AttCaption"))
        if qr.show_link:
            out.append(self.para("", "AttLink", raw=_link_run(qr.target)))
        return "".join(out)

    def image(self, image: Image) -> str:
        blob = image.file.read_bytes()
        ext = "png" if blob[:4] == b"\x89PNG" else "jpeg"
        return self.picture(blob, ext, image.width_cm, image.description)

    # --- attachment_list ------------------------------------------------------------------------

    def list_entries(self, entries: tuple[ListEntry, ...]) -> str:
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
                out.append(self.para("", "AttLink", raw=_link_run(target)))
        return "".join(out)


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


def _link_run(target: str) -> str:
    """The link exactly as it is (Arabic digits), in one run."""
    return f'<w:r><w:t xml:space="preserve">{Markup.escape(target)}</w:t></w:r>'


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
    from . import template_path
    from .engine import compiled, write_package

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
        body = _letter_line(builder) + body
    template = compiled(template_path(workspace, f"{doc.kind}.docx"))
    context = {"title": [rich(builder.tx(line)) for line in title], "draft": draft,
               "header": builder.tx(doc.header) if doc.header else "", "body": Markup(body),
               "kind": doc.kind}
    parts = template.render(context)
    _add_pictures(parts, builder.pictures)
    if not draft:
        marks.remove_draft_marks(parts)
    return write_package(parts)


def _letter_line(builder: _Builder) -> str:
    """The centred line naming the letter a page goes with, its number and date to be stamped."""
    from xml.sax.saxutils import escape

    from ..docx import marks

    def run(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'

    number = marks.control_xml(marks.NUMBER_TAG, marks.NUMBER_ALIAS, run("........"))
    date = marks.control_xml(marks.DATE_TAG, marks.DATE_ALIAS, run("........"))
    return builder.para("", "AttCenter",
                        raw=run("แนบท้ายหนังสือ ที่ ") + number + run(" ลงวันที่ ") + date)


def _add_pictures(parts: dict[str, bytes], pictures: _Pictures) -> None:
    if not pictures.images:
        return
    rels_name = "word/_rels/document.xml.rels"
    rels = parts[rels_name].decode("utf-8")
    added = []
    for i, (rel, blob, ext) in enumerate(pictures.images, 1):
        name = f"media/attachment{i}.{ext}"
        parts[f"word/{name}"] = blob
        added.append(f'<Relationship Id="{rel}" Type="{_IMAGE_REL}" Target="{name}"/>')
    parts[rels_name] = rels.replace("</Relationships>", "".join(added) + "</Relationships>").encode()
    types = parts["[Content_Types].xml"].decode("utf-8")
    for ext, ctype in (("png", "image/png"), ("jpeg", "image/jpeg")):
        if f'Extension="{ext}"' not in types:
            types = types.replace("</Types>", f'<Default Extension="{ext}" ContentType="{ctype}"/></Types>')
    parts["[Content_Types].xml"] = types.encode("utf-8")

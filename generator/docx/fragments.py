"""The pieces of WordprocessingML the renderer puts into a template: rich text, paragraphs,
tables, page breaks, pictures, links. Built with lxml (:mod:`generator.docx.build`), never as
strings; the renderer (:mod:`generator.render`) calls these with plain values.

Rich text is the letters' own small markup: ``**bold**`` (set in a character style, since
``w:b`` alone is ignored by Word for Thai), line breaks (``\\n``) and tabs (``\\t``).

Two ways to place it:

- in a paragraph built here, as runs: :func:`rich_runs`;
- where a template prints a value inside its own run (``<w:r><w:t>{{ subject }}</w:t></w:r>``):
  :func:`inline` gives markup for Jinja to print there — the text escaped, and the breaks, tabs
  and bold runs as elements standing *inside* that ``w:t``. XML allows it, WordprocessingML does
  not, so the template engine moves them out once the part is rendered and parsed
  (:func:`place_inline`): a break or tab splits the ``w:t`` within its run, a run splits the run
  (the text after it goes into a new run without properties, as it did when these were written
  as closing and opening tags). The Garuda's picture (:func:`picture_run`) is placed the same way.

>>> from lxml import etree
>>> str(inline("A & B"))
'A &amp; B'
>>> def shown(p): return " ".join(etree.QName(e).localname + (f"={e.text}" if e.text else "")
...                               for e in p.iter())
>>> shown(paragraph("Body", *rich_runs("A **ตัวหนา** B\\nC", "LetterBold")))
'p pPr pStyle r t=A  r rPr rStyle t=ตัวหนา r t= B br t=C'
"""

from __future__ import annotations

import re
from typing import Iterable

from lxml import etree
from markupsafe import Markup, escape

from . import qn
from .build import el, fragment

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_BREAKS = re.compile(r"([\n\t])")
#: Characters Unicode reserves for a program's own use: never text, so dropped from rich text.
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef\ufffe\uffff]")
EMU_PER_CM = 360000
PRESERVE = {"xml:space": "preserve"}


def _t(text: str) -> etree._Element:
    return el("w:t", text, attrs=PRESERVE)


def _pieces(text: str) -> list:
    """Plain text as text and ``w:br``/``w:tab`` elements, in order."""
    out: list = []
    for piece in _BREAKS.split(text):
        if piece == "\n":
            out.append(el("w:br"))
        elif piece == "\t":
            out.append(el("w:tab"))
        elif piece:
            out.append(piece)
    return out


def _bold_run(text: str, style: str) -> etree._Element:
    """A run in the bold character style; its breaks and tabs split its ``w:t``."""
    run = el("w:r", el("w:rPr", el("w:rStyle", val=style)), _t(""))
    _split_in_run(run[-1], _pieces(text))
    return run


def _inline_t(text: str, bold_style: str) -> etree._Element:
    """A ``w:t`` holding the text and, inside it, the breaks, tabs and bold runs to place."""
    text = _NONCHARACTERS.sub("", text)
    children: list = []
    last = 0
    for match in _BOLD.finditer(text):
        children += _pieces(text[last:match.start()])
        children.append(_bold_run(match.group(1), bold_style))
        last = match.end()
    children += _pieces(text[last:])
    return el("w:t", children, attrs=PRESERVE)


def inline(text: str, bold_style: str = "LetterBold") -> Markup:
    """Rich text as markup for a template's ``w:t`` (see the module docstring); plain text is
    only escaped.

    >>> str(inline("ก\\tข")).split("<")[0], "w:tab" in inline("ก\\tข")
    ('ก', True)
    """
    if "**" not in text and "\n" not in text and "\t" not in text:
        return Markup(escape(_NONCHARACTERS.sub("", text)))
    t = _inline_t(text, bold_style)
    return Markup(str(escape(t.text or "")) + "".join(fragment(child) for child in t))


def rich_runs(text: str, bold_style: str = "LetterBold") -> list[etree._Element]:
    """Rich text as the runs of a paragraph."""
    holder = el("w:p", el("w:r", _inline_t(text, bold_style)))
    place_inline(holder)
    return list(holder)


def _split_in_run(t: etree._Element, pieces: list) -> None:
    """Put text and run-content elements (breaks, tabs) after ``t`` in its run, each text in a
    ``w:t`` of its own."""
    current = t
    for piece in pieces:
        if isinstance(piece, str):
            if current.tag == qn("w:t") and current is t and not (t.text or ""):
                t.text = piece
                continue
            new = _t(piece)
            current.addnext(new)
            current = new
        else:
            current.addnext(piece)
            current = piece


def place_inline(root: etree._Element) -> int:
    """Move the elements standing inside a ``w:t`` (put there by :func:`inline` or a picture a
    template printed) out to where WordprocessingML has them; returns how many ``w:t`` had some.

    >>> p = etree.fromstring(fragment(el("w:p", el("w:r", el("w:rPr", el("w:b")), _t("")))))
    >>> p[0][1].text = "a"; p[0][1].append(el("w:br")); p[0][1][0].tail = "b"
    >>> place_inline(p), etree.tostring(p).decode().count("<w:t")
    (1, 2)
    """
    found = [t for t in root.iter(qn("w:t")) if len(t)]
    for t in found:
        run = t.getparent()
        if run is None or run.tag != qn("w:r"):
            continue
        children = list(t)
        tails = [child.tail for child in children]
        for child in children:
            child.tail = None
            t.remove(child)
        after = list(run)[run.index(t) + 1:]
        current_run, current = run, t
        for child, tail in zip(children, tails):
            if child.tag == qn("w:r"):
                current_run.addnext(child)
                current_run = etree.SubElement(run.getparent(), qn("w:r"))
                child.addnext(current_run)
                current = etree.SubElement(current_run, qn("w:t"))
                current.set(qn("xml:space"), "preserve")
                current.text = tail
                for rest in after:
                    current_run.append(rest)
                after = []
            else:
                current.addnext(child)
                new = etree.SubElement(current_run, qn("w:t"))
                child.addnext(new)
                new.set(qn("xml:space"), "preserve")
                new.text = tail
                current = new
    return len(found)


# --- paragraphs and tables ---------------------------------------------------------------------

def paragraph(style: str, *runs: etree._Element | None, keep_next: bool = False,
              compact: bool = False) -> etree._Element:
    """A paragraph in ``style`` holding ``runs``; ``keep_next`` keeps it with the next one,
    ``compact`` drops its style's space before."""
    return el("w:p", el("w:pPr", el("w:pStyle", val=style),
                        el("w:keepNext") if keep_next else None,
                        el("w:spacing", before=0) if compact else None),
              *runs)


def text_paragraph(text: str, style: str, *, bold_style: str = "LetterBold",
                   keep_next: bool = False, compact: bool = False) -> etree._Element:
    """A paragraph of rich text (no run when the text is empty)."""
    return paragraph(style, *(rich_runs(text, bold_style) if text else ()), keep_next=keep_next,
                     compact=compact)


def text_run(text: str) -> etree._Element:
    """One run of text exactly as it is (a link keeps its Arabic digits)."""
    return el("w:r", _t(text))


def page_break() -> etree._Element:
    """A paragraph holding a page break."""
    return el("w:p", el("w:r", el("w:br", type="page")))


def cell(width: int, paragraphs: Iterable[etree._Element], *, span: int = 1) -> etree._Element:
    """A table cell ``width`` twips wide (``span`` grid columns) holding its paragraphs."""
    return el("w:tc", el("w:tcPr", el("w:tcW", w=width, type="dxa"),
                         el("w:gridSpan", val=span) if span > 1 else None),
              *paragraphs)


_BORDERS = ("top", "left", "bottom", "right", "insideH", "insideV")


def table(widths: list[int], header: list[etree._Element],
          rows: list[list[etree._Element]]) -> etree._Element:
    """A bordered, centred table of fixed column widths (twips): the ``header`` cells' row
    repeats on each page; no row splits across pages."""
    return el("w:tbl",
              el("w:tblPr", el("w:tblW", w=sum(widths), type="dxa"), el("w:jc", val="center"),
                 el("w:tblBorders", [el(f"w:{side}", val="single", sz=4, space=0, color="000000")
                                     for side in _BORDERS]),
                 el("w:tblLayout", type="fixed"),
                 el("w:tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=1, lastColumn=0,
                    noHBand=0, noVBand=1)),
              el("w:tblGrid", [el("w:gridCol", w=w) for w in widths]),
              el("w:tr", el("w:trPr", el("w:cantSplit"), el("w:tblHeader")), *header),
              [el("w:tr", el("w:trPr", el("w:cantSplit")), *cells) for cells in rows])


def blocks(elements: Iterable[etree._Element]) -> Markup:
    """Block elements (paragraphs, tables) as markup for a template's ``{{p … }}`` paragraph."""
    return Markup("".join(fragment(element) for element in elements))


# --- pictures ----------------------------------------------------------------------------------

def picture_run(rel_id: str, cx: int, cy: int, picture_id: int, name: str, file_name: str,
                description: str) -> etree._Element:
    """A run holding an inline picture ``cx`` × ``cy`` EMU, its image the part ``rel_id``
    points at.

    >>> run = picture_run("rId9", 360000, 720000, 7001, "Picture 7001", "image.png", "QR")
    >>> run.find(".//" + qn("a:blip")).get(qn("r:embed")), run.find(".//" + qn("wp:docPr")).get("descr")
    ('rId9', 'QR')
    """
    extent = {"cx": cx, "cy": cy}
    return el("w:r", el("w:drawing", el(
        "wp:inline",
        el("wp:extent", attrs=extent),
        el("wp:effectExtent", attrs={"l": 0, "t": 0, "r": 0, "b": 0}),
        el("wp:docPr", attrs={"id": picture_id, "name": name, "descr": description}),
        el("wp:cNvGraphicFramePr", el("a:graphicFrameLocks", attrs={"noChangeAspect": 1})),
        el("a:graphic", el(
            "a:graphicData",
            el("pic:pic",
               el("pic:nvPicPr", el("pic:cNvPr", attrs={"id": picture_id, "name": file_name}),
                  el("pic:cNvPicPr")),
               el("pic:blipFill", el("a:blip", attrs={"r:embed": rel_id}),
                  el("a:stretch", el("a:fillRect"))),
               el("pic:spPr",
                  el("a:xfrm", el("a:off", attrs={"x": 0, "y": 0}), el("a:ext", attrs=extent)),
                  el("a:prstGeom", el("a:avLst"), attrs={"prst": "rect"}))),
            attrs={"uri": "http://schemas.openxmlformats.org/drawingml/2006/picture"})),
        attrs={"distT": 0, "distB": 0, "distL": 0, "distR": 0})))

"""The visible text of a DOCX body, paragraph by paragraph, as a reader sees it.

python-docx's ``Paragraph.text`` skips text inside content controls and knows nothing of list
numbers, both of which a gen-letter letter has (the number and date controls; the body's items
numbered by Word in Thai digits). This reader walks the body in order (paragraphs, and the
paragraphs of table cells row by row), takes the text of runs wherever they sit, turns ``w:tab``
into a tab, ``w:br`` into a line feed and a no-break space into a space, and prefixes each numbered paragraph with the label Word
would draw for it (``๑.``, ``๓.๑``), counting as Word does.
"""

from __future__ import annotations


from . import NAMESPACES, qn

from .numbering import ListCounters as _Numbering
from .package import Package

#: A no-break space reads as a space: it only keeps a line from breaking (generator.thai.nobreak).
NBSP = "\u00a0"


def _val(element, path: str, default=None):
    found = element.find(path)
    return found.get(qn("w:val")) if found is not None else default


def _run_text(paragraph) -> str:
    out = []
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:instrText"),
                               qn("w:pPr")):
        if node.tag == qn("w:t"):
            out.append((node.text or "").replace(NBSP, " "))
        elif node.tag in (qn("w:tab"),):
            if node.getparent().tag == qn("w:r"):
                out.append("\t")
        elif node.tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
    return "".join(out)


def _blocks(container):
    """Paragraphs of a body or cell in order, descending into tables and block controls."""
    for child in container:
        if child.tag == qn("w:p"):
            yield child
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                for cell in row.findall(qn("w:tc")):
                    yield from _blocks(cell)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _read(docx: bytes | Package, part: str):
    """The part's container of blocks (its body, if any) and a function giving a paragraph's
    text with the label Word draws for it."""
    package = Package.read(docx)
    root = package.xml(part)
    numbering = _Numbering(package.parts.get("word/numbering.xml"))

    def text_of(paragraph) -> str:
        label = ""
        num_pr = paragraph.find("w:pPr/w:numPr", NAMESPACES)
        if num_pr is not None:
            num_id = _val(num_pr, qn("w:numId"))
            ilvl = int(_val(num_pr, qn("w:ilvl"), "0"))
            if num_id and num_id != "0":
                label = numbering.label(num_id, ilvl)
        return label + _run_text(paragraph)

    body = root.find(qn("w:body"))
    return (body if body is not None else root), text_of


def paragraphs(docx: bytes | Package, part: str = "word/document.xml") -> list[str]:
    """Every paragraph's text of a part (the body by default), numbering labels included."""
    container, text_of = _read(docx, part)
    return [text_of(paragraph) for paragraph in _blocks(container)]


def units(docx: bytes | Package, part: str = "word/document.xml") -> list[str]:
    """The body as a reader compares it with a printed page: each paragraph outside tables, and
    each table cell as one text (its paragraphs joined by a space), in document order; empty
    ones left out. Numbering labels are included as in :func:`paragraphs`."""
    container, text_of = _read(docx, part)
    out: list[str] = []

    def walk(container) -> None:
        for child in container:
            if child.tag == qn("w:p"):
                out.append(text_of(child))
            elif child.tag == qn("w:tbl"):
                for row in child.iter(qn("w:tr")):
                    for cell in row.findall(qn("w:tc")):
                        out.append(" ".join(t for t in (text_of(p) for p in _blocks(cell))
                                            if t.strip()))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    walk(content)

    walk(container)
    return [u for u in out if u.strip()]


def document_text(docx: bytes | Package) -> str:
    """What a reader sees in the body of ``docx``, as one text: each paragraph (list labels
    included) on its own line, empty ones left out; what the register searches.

    >>> import io, docx as python_docx
    >>> document = python_docx.Document()
    >>> _ = document.add_paragraph("เรื่อง การประชุม")
    >>> _ = document.add_paragraph("")
    >>> _ = document.add_paragraph("ตามที่ โคก หนอง นา")
    >>> buffer = io.BytesIO(); document.save(buffer)
    >>> document_text(buffer.getvalue())
    'เรื่อง การประชุม\\nตามที่ โคก หนอง นา'
    """
    return "\n".join(text for text in paragraphs(docx) if text.strip())

"""Word list numbering, counted as Word counts it; and list numbers made plain text.

:class:`ListCounters` gives the label Word draws for each numbered paragraph (``๑.``, ``๓.๑``),
following ``w:num`` → ``w:abstractNum`` levels, start overrides and the restart of deeper levels.

:func:`with_literal_numbers` is for the PDF: LibreOffice 7.4 draws ``w:numFmt="thaiNumbers"``
list labels with Arabic digits (``1.`` for ``๑.``), so a PDF made from the DOCX would not show
what Word shows. Converting a copy of the letter with the labels turned into text keeps them Thai.
No library does either (python-docx has no numbering model), hence this module.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from . import NAMESPACES, qn
from .build import el, xml_bytes
from .package import Package, parse_xml

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _val(element, path: str, default=None):
    found = element.find(path)
    return found.get(qn("w:val")) if found is not None else default


class ListCounters:
    """Counters for Word list numbering: w:num → w:abstractNum levels, with restarts."""

    def __init__(self, numbering_xml: bytes | None):
        self.levels: dict[str, dict[int, tuple[int, str, str, str]]] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        if not numbering_xml:
            return
        root = parse_xml(numbering_xml, part="word/numbering.xml")
        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl")))] = (
                    int(_val(lvl, qn("w:start"), "1")), _val(lvl, qn("w:numFmt"), "decimal"),
                    _val(lvl, qn("w:lvlText"), ""), _val(lvl, qn("w:suff"), "tab"))
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            self.levels[num_id] = abstract.get(_val(num, qn("w:abstractNumId")), {})
            self.abstract_of[num_id] = _val(num, qn("w:abstractNumId"))
            self.overrides[num_id] = {
                int(o.get(qn("w:ilvl"))): int(_val(o, qn("w:startOverride"), "1"))
                for o in num.findall(qn("w:lvlOverride")) if o.find(qn("w:startOverride")) is not None}

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        # Word keeps one set of counters per w:num; a num with start overrides starts afresh.
        counters = self.counters.setdefault(num_id, [None] * 9)
        start = self.overrides.get(num_id, {}).get(ilvl, levels[ilvl][0])
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        text = levels[ilvl][2]

        def value(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            count = counters[level] if counters[level] is not None else levels.get(level, (1,))[0]
            fmt = levels.get(level, (1, "decimal"))[1]
            shown = str(count)
            return shown.translate(THAI_DIGITS) if fmt == "thaiNumbers" else shown

        label = re.sub(r"%(\d)", value, text)
        suffix = {"space": " ", "nothing": ""}.get(levels[ilvl][3], "\t")
        return label + suffix



# Elements of w:pPr that come after w:ind in the schema's order.
_AFTER_IND = {qn(f"w:{n}") for n in ("contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
                                   "textDirection", "textAlignment", "textboxTightWrap",
                                   "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}


def with_literal_numbers(docx: bytes | Package) -> bytes:
    """A copy of a DOCX whose numbered paragraphs (direct ``w:numPr``) carry their label as text.

    Each label becomes a run at the start of its paragraph (``๑.`` and the level's space or
    tab); the paragraph takes the level's indentation unless it has its own, and loses the
    numbering. Everything else is kept byte for byte.
    """
    package = Package.read(docx)
    parts = package.parts
    if "word/numbering.xml" not in parts:
        return docx if isinstance(docx, bytes) else package.to_bytes()
    numbering = package.xml("word/numbering.xml")
    counters = ListCounters(parts["word/numbering.xml"])
    level_ind = {}
    abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
    for num in numbering.findall(qn("w:num")):
        node = abstract.get(_val(num, qn("w:abstractNumId")))
        for lvl in (node.findall(qn("w:lvl")) if node is not None else []):
            ind = lvl.find("w:pPr/w:ind", NAMESPACES)
            if ind is not None:
                level_ind[(num.get(qn("w:numId")), int(lvl.get(qn("w:ilvl"))))] = ind
    root = package.xml("word/document.xml")
    for paragraph in root.iter(qn("w:p")):
        ppr = paragraph.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None:
            continue
        num_id = _val(num_pr, qn("w:numId"))
        ilvl = int(_val(num_pr, qn("w:ilvl"), "0"))
        label = counters.label(num_id, ilvl) if num_id and num_id != "0" else ""
        ppr.remove(num_pr)
        if not label:
            continue
        if ppr.find(qn("w:ind")) is None and (num_id, ilvl) in level_ind:
            ind = copy.deepcopy(level_ind[(num_id, ilvl)])
            after = next((child for child in ppr if child.tag in _AFTER_IND), None)
            if after is not None:
                after.addprevious(ind)
            else:
                ppr.append(ind)
        text, suffix = label.rstrip("\t"), label[len(label.rstrip("\t")):]
        ppr.addnext(el("w:r", el("w:t", text, attrs={"xml:space": "preserve"}),
                       el("w:tab") if suffix else None))
    return package.replaced({"word/document.xml": xml_bytes(root)})


def page_number_formats(docx: bytes | Package) -> set[str]:
    """The page-number formats (``w:pgNumType/@w:fmt``, ``decimal`` when absent) of every
    section of the main document.

    >>> document = el("w:document", el("w:body", el("w:sectPr", el("w:pgNumType", fmt="thaiNumbers"))))
    >>> page_number_formats(Package("d", {"word/document.xml": xml_bytes(document)}))
    {'thaiNumbers'}
    """
    root = Package.read(docx).xml("word/document.xml")
    return {(sect.find(qn("w:pgNumType")).get(qn("w:fmt")) if sect.find(qn("w:pgNumType")) is not None
             else None) or "decimal" for sect in root.iter(qn("w:sectPr"))}

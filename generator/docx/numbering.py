"""Word list numbering, counted as Word counts it; and list numbers made plain text.

:class:`ListCounters` gives the label Word draws for each numbered paragraph (``๑.``, ``๓.๑``),
following ``w:num`` → ``w:abstractNum`` levels, start overrides and the restart of deeper levels.

:func:`with_literal_numbers` is for the PDF: LibreOffice 7.4 draws ``w:numFmt="thaiNumbers"``
list labels with Arabic digits (``1.`` for ``๑.``), so a PDF made from the DOCX would not show
what Word shows. Converting a copy of the letter with the labels turned into text keeps them Thai.
No library does either (python-docx has no numbering model), hence this module.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _val(element, path: str, default=None):
    found = element.find(path)
    return found.get(f"{W}val") if found is not None else default


class ListCounters:
    """Counters for Word list numbering: w:num → w:abstractNum levels, with restarts."""

    def __init__(self, numbering_xml: bytes | None):
        self.levels: dict[str, dict[int, tuple[int, str, str, str]]] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        if not numbering_xml:
            return
        root = etree.fromstring(numbering_xml)
        abstract = {}
        for node in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{W}lvl"):
                levels[int(lvl.get(f"{W}ilvl"))] = (
                    int(_val(lvl, f"{W}start", "1")), _val(lvl, f"{W}numFmt", "decimal"),
                    _val(lvl, f"{W}lvlText", ""), _val(lvl, f"{W}suff", "tab"))
            abstract[node.get(f"{W}abstractNumId")] = levels
        for num in root.findall(f"{W}num"):
            num_id = num.get(f"{W}numId")
            self.levels[num_id] = abstract.get(_val(num, f"{W}abstractNumId"), {})
            self.abstract_of[num_id] = _val(num, f"{W}abstractNumId")
            self.overrides[num_id] = {
                int(o.get(f"{W}ilvl")): int(_val(o, f"{W}startOverride", "1"))
                for o in num.findall(f"{W}lvlOverride") if o.find(f"{W}startOverride") is not None}

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
_AFTER_IND = {f"{W}{n}" for n in ("contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
                                   "textDirection", "textAlignment", "textboxTightWrap",
                                   "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}


def with_literal_numbers(docx: bytes) -> bytes:
    """A copy of a DOCX whose numbered paragraphs (direct ``w:numPr``) carry their label as text.

    Each label becomes a run at the start of its paragraph (``๑.`` and the level's space or
    tab); the paragraph takes the level's indentation unless it has its own, and loses the
    numbering. Everything else is kept byte for byte.
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    if "word/numbering.xml" not in parts:
        return docx
    numbering = etree.fromstring(parts["word/numbering.xml"])
    counters = ListCounters(parts["word/numbering.xml"])
    level_ind = {}
    abstract = {a.get(f"{W}abstractNumId"): a for a in numbering.findall(f"{W}abstractNum")}
    for num in numbering.findall(f"{W}num"):
        node = abstract.get(_val(num, f"{W}abstractNumId"))
        for lvl in (node.findall(f"{W}lvl") if node is not None else []):
            ind = lvl.find(f"{W}pPr/{W}ind")
            if ind is not None:
                level_ind[(num.get(f"{W}numId"), int(lvl.get(f"{W}ilvl")))] = ind
    root = etree.fromstring(parts["word/document.xml"])
    for paragraph in root.iter(f"{W}p"):
        ppr = paragraph.find(f"{W}pPr")
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        if num_pr is None:
            continue
        num_id = _val(num_pr, f"{W}numId")
        ilvl = int(_val(num_pr, f"{W}ilvl", "0"))
        label = counters.label(num_id, ilvl) if num_id and num_id != "0" else ""
        ppr.remove(num_pr)
        if not label:
            continue
        if ppr.find(f"{W}ind") is None and (num_id, ilvl) in level_ind:
            ind = etree.fromstring(etree.tostring(level_ind[(num_id, ilvl)]))
            after = next((child for child in ppr if child.tag in _AFTER_IND), None)
            if after is not None:
                after.addprevious(ind)
            else:
                ppr.append(ind)
        run = etree.Element(f"{W}r")
        text, suffix = label.rstrip("\t"), label[len(label.rstrip("\t")):]
        t = etree.SubElement(run, f"{W}t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if suffix:
            etree.SubElement(run, f"{W}tab")
        ppr.addnext(run)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in parts.items():
            package.writestr(name, blob)
    return buffer.getvalue()


def page_number_formats(docx: bytes) -> set[str]:
    """The page-number formats (``w:pgNumType/@w:fmt``, ``decimal`` when absent) of every
    section of the main document.

    >>> import io, zipfile
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as z:
    ...     z.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body><w:sectPr>'
    ...                '<w:pgNumType w:fmt="thaiNumbers"/></w:sectPr></w:body></w:document>')
    >>> page_number_formats(buffer.getvalue())
    {'thaiNumbers'}
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return {(sect.find(f"{W}pgNumType").get(f"{W}fmt") if sect.find(f"{W}pgNumType") is not None
             else None) or "decimal" for sect in root.iter(f"{W}sectPr")}

"""One rendered package, many copies that differ only in a few texts.

A batch of letters (:mod:`generator.render.batch`) renders its template once with a marker
character standing where each row's value goes, then fills the markers per row. :class:`Slots`
parses the package's XML parts once and remembers every text node and attribute that holds a
marker; :meth:`Slots.fill` writes those few values and serialises only the parts that hold them.
The text is set on lxml nodes, so a value is escaped as XML requires and no markup is ever
edited as a string.

>>> doc = '<w:document xmlns:w="urn:w"><w:t>\ue000 &amp; \ue001</w:t><w:t>plain</w:t></w:document>'
>>> parts = {"word/document.xml": doc.encode(), "word/media/image1.png": b"PNG"}
>>> slots = Slots(parts, "\ue000\ue001")
>>> slots.names, sorted(slots.found) == ["\ue000", "\ue001"]
(['word/document.xml'], True)
>>> filled = slots.fill({0xE000: "a<b", 0xE001: "ตำบล"})
>>> filled["word/document.xml"].decode().split("?>")[1].strip()
'<w:document xmlns:w="urn:w"><w:t>a&lt;b &amp; ตำบล</w:t><w:t>plain</w:t></w:document>'
>>> filled["word/media/image1.png"] is parts["word/media/image1.png"]
True
"""

from __future__ import annotations

from lxml import etree

from .build import xml_bytes
from .package import parse_xml


class Slots:
    """The places of a package's XML parts where marker characters stand (see the module)."""

    def __init__(self, parts: dict[str, bytes], markers: str):
        self.parts = parts
        self.markers = frozenset(markers)
        encoded = [m.encode() for m in markers]
        self._trees: dict[str, tuple[etree._Element, list]] = {}
        for name, blob in parts.items():
            if not name.endswith((".xml", ".rels")) or not any(m in blob for m in encoded):
                continue
            root = parse_xml(blob, part=name)
            places = []
            for element in root.iter():
                if element.text and self.markers.intersection(element.text):
                    places.append((element, None, element.text))
                if element.tail and self.markers.intersection(element.tail):
                    places.append((element, "", element.tail))
                for key, value in element.attrib.items():
                    if self.markers.intersection(value):
                        places.append((element, key, value))
            self._trees[name] = (root, places)

    @property
    def found(self) -> frozenset[str]:
        """The markers that stand in some text or attribute (whole, as one character)."""
        return frozenset(ch for _root, places in self._trees.values()
                         for _element, _where, text in places for ch in text
                         if ch in self.markers)

    @property
    def names(self) -> list[str]:
        """The parts that hold a marker."""
        return sorted(self._trees)

    def fill(self, values: dict[int, str]) -> dict[str, bytes]:
        """The parts with every marker replaced by its value (``values``: ``str.translate``
        table, marker code point → text)."""
        parts = dict(self.parts)
        for name, (root, places) in self._trees.items():
            for element, where, original in places:
                text = original.translate(values)
                if where is None:
                    element.text = text
                elif where == "":
                    element.tail = text
                else:
                    element.set(where, text)
            parts[name] = xml_bytes(root)
        return parts

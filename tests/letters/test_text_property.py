"""Any text a spec can hold comes out of the letter exactly as written (property test)."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.docx.text import paragraphs
from generator.errors import UserError
from generator.render import load_offices_for, render
from generator.spec import spec_from_data

from .conftest import EXAMPLES

OFFICES = load_offices_for(EXAMPLES)
DIGITS = re.compile("[0-9๐-๙]")


def allowed(ch: str) -> bool:
    """May a spec's text hold this character? (Line feed and tab yes; other controls no.)"""
    if ch in "\t\n":
        return True
    return not (unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff")


words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words)
def test_text_round_trips_or_is_refused(text: str) -> None:
    data = {"kind": "circular", "office": "nk-cdd", "unit": "3", "recipient": "นายอำเภอ",
            "subject": "เรื่อง", "body": [f"ก{text}ข"], "closing": "เพื่อโปรดทราบ", "signer": "pranee"}
    if not all(allowed(ch) for ch in text):
        try:
            spec_from_data(data, "p.yaml")
        except UserError as error:
            assert "body[0]" in str(error) and "control character" in str(error)
            return
        raise AssertionError(f"accepted {text!r}")
    docx = render(spec_from_data(data, "p.yaml"), EXAMPLES, offices=OFFICES)
    etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    expected = f"ก{text}ข"
    if "**" in expected or DIGITS.search(expected):
        return  # bold markup and digit style change the text by design (tested elsewhere)
    normalise = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    assert normalise(expected) in [normalise(p) for p in paragraphs(docx)]

"""No glyph without a font: text the PDF cannot draw is refused before a number is taken.

What the issued PDF prints is the letter's document (its spec worked out, or a draft as
reviewed in Word), the attachment specs rendered after it and the Word files joined to it.
Each is read for characters no font the PDF can use has (:func:`generator.pdf.glyphs.uncovered`).
The message names where to fix it: the YAML file, field and line the character was typed in
(the letter spec, the office profile, an attachment spec), else the paragraph of the Word file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from ..errors import UserError


def _strings(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text of parsed YAML with its field path.

    >>> list(_strings({"a": ["x", {"b": "y"}], "n": 3}))
    [(('a', 0), 'x'), (('a', 1, 'b'), 'y')]
    """
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,))
    elif isinstance(data, str):
        yield path, data


def _message(chars: str) -> str:
    from ..pdf.glyphs import script_of

    scripts = ", ".join(dict.fromkeys(script_of(c) for c in chars))
    codes = " ".join(f"U+{ord(c):04X}" for c in chars)
    return (f"{scripts} text {chars!r} ({codes}) has no glyph in any font the PDF can use; "
            "PDF/A cannot draw it")


_HINT = "write it in Thai (or Latin), e.g. ลำดับ for क्रम"


def _in_yaml(path: Path, char_set: set[str] | None = None) -> UserError | None:
    """The first text of a YAML file holding a character no font has (or one of ``char_set``)."""
    from ..pdf.glyphs import uncovered
    from ..spec.loader import dotted, load_yaml

    located = load_yaml(path)
    for where, text in _strings(located.data):
        if char_set is not None and not char_set.intersection(text):
            continue
        missing = uncovered(text)
        if missing:
            return UserError(_message(missing), file=located.file, field=dotted(where) or None,
                             line=located.line(where), hint=_HINT)
    return None


def _in_docx(blob: bytes, name: str, sources: list[Path]) -> UserError | None:
    from ..docx.text import paragraphs
    from ..pdf.glyphs import uncovered

    for number, text in enumerate(paragraphs(blob), 1):
        missing = uncovered(text)
        if missing:
            for source in sources:  # where it was typed, when it came from a YAML file
                found = _in_yaml(source, set(missing))
                if found is not None:
                    return found
            return UserError(_message(missing), file=name, field=f"paragraph {number}",
                             line=number, hint=_HINT)
    return None


def refuse_uncovered(draft, office, letter_spec=None) -> None:
    """Refuse the letter when anything it prints has a character no font has (see the module
    docstring). ``letter_spec``: the draft's spec with its attachment paths resolved (None
    when it sends no documents)."""
    sources = [draft.source] if draft.source.suffix.lower() in (".yaml", ".yml") else []
    if getattr(office, "source", None) is not None:
        sources.append(Path(office.source))
    error = _in_docx(draft.package.data, draft.name, sources)
    if error is None and letter_spec is not None:
        documents = [letter_spec.attachment_list] + [a.document for a in letter_spec.attachments]
        for path in filter(None, documents):
            error = _in_yaml(path)
            if error is not None:
                break
        for attachment in letter_spec.attachments:
            if error is None and attachment.file is not None \
                    and attachment.file.suffix.lower() == ".docx":
                error = _in_docx(attachment.file.read_bytes(), str(attachment.file), [])
    if error is not None:
        raise error

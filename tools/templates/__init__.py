"""The stock DOCX templates in ``letter_templates/``: how they are built.

``python -m tools.templates [FOLDER]`` rebuilds every stock template — the letter kinds'
(``external``, ``memo``: :mod:`tools.templates.letters`; ``order``, ``announcement``,
``stamped``: :mod:`tools.templates.kinds`) and the attachments' (``attachment_list``,
``booklet``, ``schedule``: :mod:`tools.templates.attachments`) — into ``FOLDER`` (default: the
repository's ``letter_templates/``). The files are checked in and travel in the package, so
gen-letter never runs this: ``gen-letter init`` copies them into a workspace, where the office
edits its copies in Word. A test checks that the checked-in files are what this builds, byte
for byte (``tests/letters/test_docx.py``).

Every part is built with lxml through :mod:`generator.docx.build` from the small pieces of
:mod:`tools.templates.pieces`; the page, font and tab stops are
:mod:`generator.docx.geometry`'s, which the renderer measures with too. Rebuilding is
reproducible: the same parts, serialised the same way, in a package with fixed dates.
"""

from __future__ import annotations

from pathlib import Path

from generator.files import write_atomically

from . import attachments, kinds, letters

#: The repository's ``letter_templates/`` (the stock templates, checked in).
DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "letter_templates"


def packages() -> dict[str, bytes]:
    """Every stock template: file name → DOCX bytes.

    >>> sorted(packages())  # doctest: +NORMALIZE_WHITESPACE
    ['announcement.docx', 'attachment_list.docx', 'booklet.docx', 'external.docx', 'memo.docx',
     'order.docx', 'schedule.docx', 'stamped.docx']
    """
    return {**letters.packages(), **kinds.packages(), **attachments.packages()}


def build(folder: Path = DEFAULT_FOLDER) -> list[Path]:
    """Write every stock template into ``folder`` (each file whole or not at all); the paths
    written."""
    written = []
    for name, blob in packages().items():
        write_atomically(Path(folder) / name, blob)
        written.append(Path(folder) / name)
    return written

"""Where gen-letter finds its own files and a workspace's folders."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def stock_templates_dir() -> Path:
    """The folder holding the stock letter templates (``external.docx``, ``memo.docx``).

    In a source checkout that is the repository's top-level ``letter_templates/``; an installed
    package carries them as package data in ``generator/letter_templates/``.

    >>> (stock_templates_dir() / "external.docx").name
    'external.docx'
    """
    for candidate in (_PACKAGE.parent / "letter_templates", _PACKAGE / "letter_templates"):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / "letter_templates"


def workspace_templates_dir(workspace: Path) -> Path:
    """A workspace's own ``letter_templates/`` (edited by the office; may be absent)."""
    return Path(workspace) / "letter_templates"


def drafts_dir(workspace: Path) -> Path:
    """Where ``gen-letter new`` writes drafts: ``output/drafts/``."""
    return Path(workspace) / "output" / "drafts"

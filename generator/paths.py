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


def confined(path: Path | str, roots, *, file: str | None = None, field: str | None = None,
             line: int | None = None) -> Path:
    """``path`` resolved (symlinks followed), or a UserError when it lies outside every folder in
    ``roots`` (the workspace, and the folders an office profile names as trusted).

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     root = Path(folder)
    ...     _ = (root / "a.txt").write_text("x")
    ...     os.symlink("/etc/passwd", root / "link")
    ...     inside = confined(root / "a.txt", [root]).name
    ...     try:
    ...         confined(root / "link", [root], field="attachments[0].file")
    ...     except Exception as error:
    ...         outside = str(error).split(" is outside")[0]
    ...     inside, outside
    ...
    ('a.txt', 'attachments[0].file: /etc/passwd')
    """
    from .errors import UserError

    found = Path(path).resolve()
    folders = [Path(r).resolve() for r in roots]
    if any(found == r or found.is_relative_to(r) for r in folders):
        return found
    raise UserError(f"{found} is outside the workspace ({', '.join(map(str, folders))})",
                    file=file, field=field, line=line,
                    hint="keep the files a letter uses inside the workspace, or list the folder "
                         "under trusted_folders in the office profile")


def issued_dir(workspace: Path) -> Path:
    """The archive of issued letters: ``output/issued/``."""
    return Path(workspace) / "output" / "issued"


def refuse_archive(path: Path | str, workspace: Path, *, field: str | None = None) -> Path:
    """``path``, unless it lies in the archive (``output/issued/``), which only ``issue`` writes.

    >>> refuse_archive("output/issued/2567/x.docx", Path("."), field="-o")
    Traceback (most recent call last):
    generator.errors.UserError: -o: output/issued/2567/x.docx is in the archive of issued letters (output/issued), which only gen-letter issue writes (write it elsewhere, e.g. output/exports/)
    """
    from .errors import UserError

    found = Path(path).resolve()
    archive = issued_dir(workspace).resolve()
    if found == archive or found.is_relative_to(archive):
        raise UserError(f"{path} is in the archive of issued letters (output/issued), which only "
                        "gen-letter issue writes", field=field,
                        hint="write it elsewhere, e.g. output/exports/")
    return Path(path)

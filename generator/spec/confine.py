"""Where the files a letter uses may lie: the workspace, and the folders its offices trust.

A letter spec names files (``attachments[].file``, ``attachments[].document``,
``attachment_list``), its attachment specs name more (images, QR codes of files, the entries of
an attachment list), an office profile names its Garuda image and a workspace may hold its own
templates. Each must resolve, symlinks followed, inside :func:`roots_of` — the workspace and the
``trusted_folders`` of its office profiles — or it is refused with one line naming the file
that names it, the field and the line (:func:`generator.paths.confined`). Rendering and issuing
confine every file before its contents are used, so a spec cannot make gen-letter copy
``/etc/passwd`` into a letter, its bundle or its archive.
"""

from __future__ import annotations

from pathlib import Path

from ..paths import confined
from .model import LetterSpec


def roots_of(workspace: Path, offices: dict | None = None) -> list[Path]:
    """The workspace and every folder its office profiles trust (``trusted_folders``).

    >>> roots_of(Path("/w"), {})
    [PosixPath('/w')]
    """
    roots = [Path(workspace)]
    for office in (offices or {}).values():
        roots += [Path(p) for p in getattr(office, "trusted_folders", ()) or ()]
    return roots


def letter_paths(spec: LetterSpec) -> list[tuple[str, tuple, Path]]:
    """(field, field path, file) of every file a letter spec names itself."""
    found = []
    if spec.attachment_list is not None:
        found.append(("attachment_list", ("attachment_list",), spec.attachment_list))
    for i, attachment in enumerate(spec.attachments):
        for key in ("document", "file"):
            path = getattr(attachment, key)
            if path is not None:
                found.append((f"attachments[{i}].{key}", ("attachments", i, key), path))
    return found


def confine_letter(spec: LetterSpec, roots: list[Path], *, file: str | None = None) -> None:
    """Refuse the first file of ``spec`` (its own, or one an attachment spec of it names) that
    lies outside ``roots``. ``file`` names the letter in messages (default: the spec's file);
    an attachment spec's own files are named by the attachment spec's file and line."""
    from .attachments import load_attachment

    for field, where, path in letter_paths(spec):
        confined(path, roots, file=file or spec.source, field=field,
                 line=None if file else spec.line(*where))
    for field, _where, path in letter_paths(spec):
        if field == "attachment_list" or field.endswith(".document"):
            load_attachment(path, roots)  # its files: confined before they are read

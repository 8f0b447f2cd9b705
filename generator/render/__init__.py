"""Rendering: letter spec + office profile + DOCX template → the letter as a Word document.

The only code that touches templates. Public functions:

- :func:`render` — one letter as DOCX bytes (a draft by default);
- :func:`render_draft` — ``gen-letter new``: validate, render, write ``output/drafts/<name>.docx``.

A workspace's own ``letter_templates/`` (edited by the office in Word) wins over the stock
templates. Templates are compiled once per file version and reused for every letter
(:mod:`generator.docx.template`, which also finishes each rendered part with lxml). What this
package hands the templates is plain text and values; the WordprocessingML pieces it places
(rich text, attachment tables, pictures) come from :mod:`generator.docx.fragments`.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Callable

from ..errors import UserError
from ..spec.model import LetterSpec, Reference

__all__ = ["render", "render_draft", "template_path", "load_offices_for", "bundle_path"]

ATTACHMENT_KINDS = ("attachment_list", "booklet", "schedule")


def template_path(workspace: Path, name: str) -> Path:
    """The template file used for ``name`` (``external.docx``/``memo.docx``) in a workspace;
    the workspace's own copy must resolve (symlinks followed) inside the workspace."""
    from ..paths import confined, stock_templates_dir, workspace_templates_dir

    own = workspace_templates_dir(workspace) / name
    if own.is_file():
        return confined(own, [Path(workspace)], file=str(own), field="template")
    return stock_templates_dir() / name


def load_offices_for(workspace: Path) -> dict:
    """The office profiles of a workspace (the registry's loader)."""
    from ..registry.profiles import load_offices

    return load_offices(Path(workspace))


_IMAGES: dict[tuple, tuple[bytes, str]] = {}


#: Drawn where the Garuda goes when an office names no image of its own: a grey frame saying
#: ตราครุฑ. Issuing refuses a letter that still carries it, unless the office is a test office
#: (:mod:`generator.issuing.garuda`).
PLACEHOLDER_GARUDA = Path(__file__).with_name("garuda-placeholder.png")


def placeholder_garuda() -> bytes:
    """The placeholder Garuda image (PNG)."""
    return PLACEHOLDER_GARUDA.read_bytes()


def _garuda_image(path: str | None) -> tuple[bytes | None, str]:
    if not path:
        return placeholder_garuda(), "png"
    file = Path(path)
    try:
        stat = file.stat()
    except OSError:
        raise UserError("Garuda image not found", file=str(file), field="garuda") from None
    key = (str(file), stat.st_mtime_ns, stat.st_size)
    if key not in _IMAGES:
        blob = file.read_bytes()
        if blob[:8] == b"\x89PNG\r\n\x1a\n":
            ext = "png"
        elif blob[:3] == b"\xff\xd8\xff":
            ext = "jpeg"
        else:
            raise UserError("the Garuda image must be a PNG or JPEG file", file=str(file),
                            field="garuda")
        from ..spec.attachments import image_problem

        problem = image_problem(file)
        if problem:
            raise UserError(problem, file=str(file), field="garuda")
        _IMAGES[key] = (blob, ext)
    return _IMAGES[key]


def render(spec: LetterSpec | str | Path, workspace: Path, *, draft: bool = True,
           offices: dict | None = None,
           lookup: Callable[[str], Reference | None] | None = None,
           registry_url: str | None = None) -> bytes:
    """One letter as DOCX bytes.

    ``spec`` is a validated :class:`~generator.spec.LetterSpec` or the path of a spec file.
    ``draft=True`` keeps the draft mark (a content control tagged ``gen-letter:draft-mark`` in
    every page header); ``draft=False`` leaves it out. Either way the number and the date sit in
    content controls tagged ``gen-letter:number`` and ``gen-letter:date`` (placeholders unless the
    spec gives a date), and the spec is stored as the custom property ``GenLetterSpec``.
    ``offices`` (default: loaded from the workspace) and ``lookup`` (finds a registered letter
    cited only by number) let callers that render many letters pass them in once.
    ``registry_url`` is the register to look such letters up in when no ``lookup`` is given
    (default: the workspace's SQLite file), as ``--registry`` names it.
    """
    from ..docx import marks
    from .context import build_context
    from ..docx.template import Garuda, compiled, letter_package

    workspace = Path(workspace)
    if not isinstance(spec, LetterSpec):
        from ..spec import load_spec

        spec = load_spec(spec)
    if offices is None:
        offices = load_offices_for(workspace)
    _confine(spec, workspace, offices)
    if lookup is None and (any(ref.agency is None for ref in spec.references)
                           or spec.document_kind.cites):
        lookup = _register_lookup(workspace, spec, registry_url)
    prepared = build_context(spec, offices, draft=draft, lookup=lookup)
    template = compiled(template_path(workspace, prepared.template_name))
    image, ext = _garuda_image(prepared.context["garuda_file"])
    garuda = Garuda(image, ext)
    context = dict(prepared.context, garuda=garuda)
    parts = template.render(context, list_starts=prepared.list_starts, garuda=garuda,
                            keep_with_close=True)
    from ..docx.layout import keep_foot_with_signature, reserve_quantity_column
    from ..docx.page import PageGeometry, apply_geometry
    from .measure import text_width

    parts["word/document.xml"] = reserve_quantity_column(
        keep_foot_with_signature(parts["word/document.xml"]), text_width)
    # The office's page geometry (profile ``page:``; the rules' [C] values by default).
    apply_geometry(parts, PageGeometry.of(getattr(prepared.office, "page", None)))
    if not draft:
        marks.remove_draft_marks(parts)
    properties = dict(template.custom_properties, **marks.spec_properties(spec.data))
    # Every rendering is a new draft with an id of its own: the register issues a draft once.
    properties[marks.DRAFT_PROPERTY] = uuid.uuid4().hex
    source = Path(spec.source)
    if source.is_file():  # where the attachment paths of the spec are relative to
        from .bundle import SOURCE_PROPERTY

        properties[SOURCE_PROPERTY] = str(source.resolve())
    from .bundle import SOURCES_PROPERTY, source_checksums

    properties[SOURCES_PROPERTY] = json.dumps(source_checksums(spec, workspace), sort_keys=True)
    parts[marks.CUSTOM_PART] = marks.custom_properties_xml(properties)
    return letter_package(parts)


def _confine(spec: LetterSpec, workspace: Path, offices: dict) -> None:
    """Every file a letter sends, and every file its attachment specs name, lies inside the
    workspace or a folder an office trusts (:mod:`generator.spec.confine`)."""
    from ..spec.confine import confine_letter, roots_of

    confine_letter(spec, roots_of(workspace, offices))


def _register_lookup(workspace: Path, spec: LetterSpec,
                     registry_url: str | None = None
                     ) -> Callable[[str, int | None], Reference | None]:
    """Find letters cited by number alone in the workspace's register."""
    def resolve(number: str, year: int | None = None, office_id: str | None = None):
        from ..registry import Registry

        with Registry.open(workspace, registry_url) as registry:
            return registry.resolve_reference(number, year, office_id)

    return registry_lookup(spec, resolve)


def registry_lookup(spec: LetterSpec,
                    resolve: Callable[[str, int | None, str | None], object]
                    ) -> Callable[[str, int | None], Reference | None]:
    """A ``lookup`` for :func:`render` from a register's ``resolve_reference(number, year,
    office_id)``: the register's reason for refusing a number (not registered, cancelled, in
    two years) comes out as an error naming the spec's file, line and field. The spec's office
    picks its own order when several offices of the register have one with the number."""
    def lookup(number: str, year: int | None = None) -> Reference | None:
        try:
            found = resolve(number, year, spec.office)
        except UserError as error:
            index = next((i for i, r in enumerate(spec.references) if r.number == number),
                         None)
            if index is None:  # not a reference: the order an amendment cites
                raise UserError(error.message, file=spec.source, field="amends",
                                line=spec.line("amends"),
                                hint="an amendment cites an issued order of the register"
                                ) from None
            raise UserError(error.message, file=spec.source, field=f"references[{index}]",
                            line=spec.line("references", index),
                            hint="give its date with the number ({number: …, date: YYYY-MM-DD}) "
                                 "or the whole letter inline: agency, number, date") from None
        from ..registry.numbering import YEAR_SERIES

        word = "หนังสือ"  # our orders and announcements are cited as คำสั่ง…, ประกาศ…
        if getattr(found, "kind", None) == "letter":
            word = YEAR_SERIES.get(getattr(found, "series", None) or "", "หนังสือ")
        return Reference(number=found.number, agency=found.agency, date=found.date,
                         speed=found.speed, kind=word, subject=getattr(found, "subject", None))

    return lookup


def draft_path(spec_path: Path, workspace: Path) -> Path:
    """``output/drafts/<spec file stem>.docx`` in the workspace."""
    from ..paths import drafts_dir

    return drafts_dir(workspace) / f"{Path(spec_path).stem}.docx"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (see :mod:`generator.files`)."""
    from ..files import write_atomically as write_whole

    write_whole(path, data)


def render_draft(spec_path: str | Path, workspace: Path, out: str | Path | None = None, *,
                 overwrite: bool = False, registry_url: str | None = None) -> Path:
    """``gen-letter new``: render the spec at ``spec_path`` as a draft and write it.

    Writes ``out`` or ``output/drafts/<spec name>.docx`` and returns the path written; on any
    error nothing is written. An existing draft may hold a reviewer's edits, so it is replaced
    only with ``overwrite=True``.
    """
    from ..spec import load_spec

    spec_path = Path(spec_path)
    target = Path(out) if out is not None else draft_path(spec_path, Path(workspace))
    from ..paths import refuse_archive

    refuse_archive(target, Path(workspace), field="output")
    if target.is_dir():
        raise UserError("is a folder; give a file name", file=str(target))
    from ..spec.loader import load_yaml

    located = load_yaml(spec_path)
    if isinstance(located.data, dict) and located.data.get("kind") in ATTACHMENT_KINDS:
        # An attachment document on its own (to review it before the letter is written).
        from ..spec.attachments import attachment_from_located
        from ..spec.confine import roots_of
        from .attachments import render_attachment

        roots = roots_of(Path(workspace), load_offices_for(Path(workspace)))
        data = render_attachment(attachment_from_located(located, roots), Path(workspace),
                                 draft=True)
        if target.exists() and not overwrite:
            raise UserError("a draft is already there (it may hold a reviewer's edits)",
                            file=str(target), hint="use --force to replace it, or -o FILE")
        write_atomically(target, data)
        return target
    spec = load_spec(spec_path)
    workspace = Path(workspace)
    offices = load_offices_for(workspace)
    data = render(spec, workspace, draft=True, offices=offices, registry_url=registry_url)
    combined = None
    from .bundle import attachment_parts, combine, needs_bundle

    if needs_bundle(spec):
        combined = combine(data, attachment_parts(spec, workspace, offices, draft=True))
    targets = [target] + ([bundle_path(target)] if combined is not None else [])
    for path in targets:
        if path.exists() and not overwrite:
            raise UserError("a draft is already there (it may hold a reviewer's edits)",
                            file=str(path), hint="use --force to replace it, or -o FILE")
    write_atomically(target, data)
    if combined is not None:
        try:
            write_atomically(targets[1], combined)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    return target


def bundle_path(draft: Path) -> Path:
    """The combined DOCX (letter + attachments) written beside a draft: ``<name>.bundle.docx``."""
    draft = Path(draft)
    return draft.with_name(f"{draft.stem}.bundle.docx")

"""``gen-letter new``: render a letter spec as a draft for review in Word; ``gen-letter import``:
a letter (text, DOCX, PDF) written back as a spec.

Imports of the rendering code happen inside the command, so the command line starts fast.
"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("new")
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Where to write the draft (default: output/drafts/<spec name>.docx).")
@click.option("--force", is_flag=True, help="Replace a draft that is already there.")
@click.option("--show", is_flag=True, help="Also print the letter's text, paragraph by paragraph.")
@click.pass_obj
def new(settings, spec: Path, out: Path | None, force: bool, show: bool) -> None:
    """Render SPEC.yaml as a draft DOCX; number and date stay as marked placeholders."""
    from ..render import bundle_path, render_draft

    written = render_draft(spec, settings.workspace, out, overwrite=force,
                           registry_url=settings.registry_url)
    click.echo(str(written))
    from ..lint import lint_document

    for finding in lint_document(written):  # what the reviewer should look at before issuing
        click.echo(f"gen-letter: lint: {finding}", err=True)
    if bundle_path(written).is_file():
        click.echo(str(bundle_path(written)))
    if show:
        from ..docx.text import paragraphs

        click.echo("")
        click.echo("\n".join(p for p in paragraphs(written.read_bytes()) if p.strip()))


@click.command("import")
@click.argument("letter", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the spec (default: letters/<letter name>.yaml).")
@click.option("--fix", is_flag=True, help="Correct the safe defects: digits in links, phone form, era form.")
@click.option("--force", is_flag=True, help="Replace a spec that is already there.")
@click.pass_obj
def import_cmd(settings, letter: Path, out: Path | None, fix: bool, force: bool) -> None:
    """Write a letter spec from LETTER (.txt, .docx, .pdf) that gen-letter new makes again."""
    from ..reader import read_file
    from ..reader.importing import import_letter, write_spec
    from ..registry import Registry

    read = read_file(letter)
    with Registry.open(settings.workspace, settings.registry_url) as registry:
        imported = import_letter(read, registry.offices, registry, fix=fix)
    target = out or settings.workspace / "letters" / f"{letter.stem}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    click.echo(str(write_spec(imported, target, letter.name, overwrite=force)))
    for note in imported.notes:
        click.echo(f"gen-letter: note: {note}", err=True)


def register(main: click.Group) -> None:
    """Add ``new`` and ``import`` to the command line."""
    main.add_command(new)
    main.add_command(import_cmd)

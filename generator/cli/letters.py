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
@click.option("--for", "table", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="LIST.csv", help="One draft per row of LIST.csv, whose columns the spec "
                                       "uses as ${column}, into a batch folder.")
@click.pass_obj
def new(settings, spec: Path, out: Path | None, force: bool, show: bool,
        table: Path | None) -> None:
    """Render SPEC.yaml as a draft DOCX; number and date stay as marked placeholders."""
    from ..render import bundle_path, render_draft

    if table is not None:
        _new_batch(settings, spec, table, out, force)
        return

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


def _new_batch(settings, spec: Path, table: Path, out: Path | None, force: bool) -> None:
    """``new SPEC --for LIST.csv``: the batch folder, a progress bar on a terminal."""
    import sys

    from ..render.batch import read_table, render_batch

    rows = read_table(table)
    with click.progressbar(length=len(rows.rows), label="drafts", file=sys.stderr,
                           hidden=not sys.stderr.isatty()) as bar:
        batch = render_batch(spec, rows, settings.workspace, out, overwrite=force,
                             registry_url=settings.registry_url, progress=bar.update)
    click.echo(str(batch.folder))
    click.echo(f"gen-letter: {len(batch.drafts)} drafts", err=True)
    from ..lint import lint_document

    for finding in lint_document(batch.drafts[0]):  # they differ only in the row's values
        click.echo(f"gen-letter: lint: {batch.drafts[0].name}: {finding}", err=True)


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

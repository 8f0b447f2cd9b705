"""``gen-letter issue``: number, date and archive a reviewed draft (or a spec rendered on the spot)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from ..errors import UserError


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{value!r} is not a real date in the form YYYY-MM-DD",
                        field="--date") from None


@click.command("issue")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...",
                type=click.Path(path_type=Path))
@click.option("--date", "date_text", metavar="YYYY-MM-DD",
              help="Date of the letter (default: today in Bangkok).")
@click.option("--number", metavar="NUMBER",
              help="Use this reserved number (from gen-letter reserve) instead of the next one.")
@click.option("--allow-date", is_flag=True,
              help="Accept a letter date outside the Buddhist years 2500-2600.")
@click.option("--sign", is_flag=True, help="Sign the PDF/A (PAdES) with the office certificate "
                                           "(signing.pkcs12 in the office profile).")
@click.option("--json", "as_json", is_flag=True, help="Print the letter's metadata as JSON.")
@click.option("--allow", multiple=True, metavar="CODE",
              help="Issue despite lint errors of this code (recorded in the audit log).")
@click.option("--workers", type=click.IntRange(1, 16), default=2, show_default=True,
              help="LibreOffice conversions run in parallel for a batch.")
@click.pass_obj
def issue_command(settings, sources: tuple[Path, ...], date_text: str | None,
                  number: str | None, allow_date: bool, sign: bool, as_json: bool,
                  allow: tuple[str, ...], workers: int) -> None:
    """Issue SOURCE (a letter spec .yaml or a reviewed draft .docx): allocate the number, stamp
    it and the date, write DOCX + PDF/A + JSON into output/issued/<year>/, record it in the
    register. Prints the full number.

    A batch folder (gen-letter new SPEC --for LIST.csv) or several drafts are issued under
    consecutive numbers, all or none; one number per line."""
    from ..issuing import issue
    from ..registry import Registry

    if len(sources) > 1 or sources[0].is_dir():
        if number:
            raise click.UsageError("--number names one reserved number; a batch takes new ones")
        _issue_batch(settings, sources, _parse_date(date_text), allow_date, sign, as_json,
                     allow, workers)
        return
    source = sources[0]

    when = _parse_date(date_text)
    registry = Registry.open(settings.workspace, settings.registry_url)
    try:
        signer = None
        if sign:
            from .exchange import office_signer

            signer = office_signer(registry)
        letter = issue(source, settings.workspace, date=when, registry=registry, number=number,
                       allow_date=allow_date, allow=tuple(allow),
                       sign=signer.sign_pdf if signer else None,
                       report=lambda line: click.echo(f"gen-letter: {line}", err=True))
    finally:
        if hasattr(registry, "close"):
            registry.close()
    for notice in letter.notices:
        click.echo(f"gen-letter: note: {notice}", err=True)
    if as_json:
        click.echo(json.dumps(letter.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(letter.number)


def _issue_batch(settings, sources, when, allow_date, sign, as_json, allow, workers) -> None:
    from ..issuing.batch import issue_batch
    from ..registry import Registry

    with Registry.open(settings.workspace, settings.registry_url) as registry:
        signer = None
        if sign:
            from .exchange import office_signer

            signer = office_signer(registry)
        letters = issue_batch(sources, settings.workspace, date=when, registry=registry,
                              allow_date=allow_date, allow=tuple(allow), workers=workers,
                              sign=signer.sign_pdf if signer else None)
    for notice in dict.fromkeys(n for letter in letters for n in letter.notices):
        click.echo(f"gen-letter: note: {notice}", err=True)
    if as_json:
        click.echo(json.dumps([letter.as_json() for letter in letters], ensure_ascii=False,
                              indent=2))
    else:
        for letter in letters:
            click.echo(letter.number)


def register(main: click.Group) -> None:
    main.add_command(issue_command)

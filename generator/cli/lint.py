"""``gen-letter lint``: check letters (text, DOCX, PDF) and print one finding per line.

Exit status: 0 when no error was found, 1 when any error was, 2 when a file could not be read.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import UserError


def _codes(values: tuple[str, ...]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


@click.command("lint")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of findings.")
@click.option("--select", multiple=True, metavar="CODE",
              help="Run only these checks (repeat, or separate with commas).")
@click.option("--ignore", multiple=True, metavar="CODE", help="Skip these checks.")
@click.pass_context
def lint_cmd(ctx, files: tuple[Path, ...], as_json: bool, select, ignore) -> None:
    """Check letters FILE... (.txt, .docx, .pdf): FILE:LINE: SEVERITY CODE message."""
    from ..lint import chosen, errors, lint_document

    select, ignore = _codes(select), _codes(ignore)
    chosen(select, ignore)  # an unknown code is refused before any file is read
    findings, unreadable = [], False
    for path in files:
        try:
            findings.extend(lint_document(path, select=select, ignore=ignore))
        except UserError as error:
            click.echo(f"gen-letter: {error}", err=True)
            unreadable = True
    if as_json:
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
    ctx.exit(2 if unreadable else 1 if errors(findings) else 0)


def register(main: click.Group) -> None:
    main.add_command(lint_cmd)

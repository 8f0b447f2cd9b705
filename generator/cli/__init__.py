"""The ``gen-letter`` command line: parse, call the library, print.

Each command group lives in its own module and adds itself to :data:`main` with
``register(main)``; this module holds only the group, the global options and the rule that a
user error — or a full disk, a read-only folder (:func:`generator.errors.os_error_line`) — is
one line on stderr and exit status 1, never a traceback.

Start-up
    The command modules import only click at the top level; each command imports the library
    it calls when it runs. So ``gen-letter search`` / ``show`` / ``reserve`` load SQLAlchemy, the
    register's own modules, PyYAML for the office profiles and the driver (``sqlite3`` or
    psycopg), and nothing of the document side: no alembic (the register at the head revision
    costs one ``SELECT``), docx, lxml, openpyxl, XlsxWriter, pythainlp, jinja2, jsonschema,
    pyHanko, nor the register writers (``registry.export``) or the spec model
    (``tests/registry/test_cli.py`` checks this on both backends).

    Measured on the 2-core machine (``python -X importtime``, and ``benchmarks/register.py``
    timing the installed ``gen-letter`` script): ``import sqlalchemy`` alone takes 240–300 ms
    of CPU (``python -c pass``: 20–30 ms), the project's modules after it about 60–110 ms
    (mostly regular expressions compiled at import, frozen dataclasses, the table definitions,
    PyYAML), psycopg adds its libpq on PostgreSQL, and the query itself a few milliseconds. The
    commands are therefore bound by SQLAlchemy's import, which already exceeds a 300 ms budget
    on this machine under load. Running the quick commands without SQLAlchemy (plain
    ``sqlite3`` / psycopg) would mean a second query layer beside the one every other command
    uses; that was not done.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import UserError, is_environment_error, os_error_line
from ..thai.errors import ThaiValueError


class Group(click.Group):
    """A click group that turns user errors into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (UserError, ThaiValueError) as error:
            click.echo(f"gen-letter: {error}", err=True)
            ctx.exit(1)
        except OSError as error:  # a full disk, a read-only folder: the machine, not the input
            if not is_environment_error(error):
                raise
            click.echo(f"gen-letter: {os_error_line(error)}", err=True)
            ctx.exit(1)


class Settings:
    """Global options, shared with every command through the click context."""

    def __init__(self, workspace: Path, registry_url: str | None):
        self.workspace = workspace
        self.registry_url = registry_url


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gen-letter")
@click.option("--workspace", type=click.Path(file_okay=False, path_type=Path),
              envvar="GEN_LETTER_HOME", default=".", show_default="the current folder",
              help="The workspace: registry/, letter_templates/, output/. Also GEN_LETTER_HOME.")
@click.option("--registry", "registry_url", envvar="GEN_LETTER_REGISTRY", default=None,
              help="Database URL of the register (default: the SQLite file in registry/; "
                   "postgresql://… for an office-wide server). Also GEN_LETTER_REGISTRY.")
@click.pass_context
def main(ctx: click.Context, workspace: Path, registry_url: str | None) -> None:
    """Official Thai government letters (หนังสือราชการ) from YAML specs and DOCX templates."""
    ctx.obj = Settings(workspace, registry_url)


def _register_all() -> None:
    from . import exchange, issuing, letters, lint, registry, thai

    for module in (thai, registry, letters, issuing, lint, exchange):
        module.register(main)


_register_all()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

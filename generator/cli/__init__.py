"""The ``gen-letter`` command line: parse, call the library, print.

Each command group lives in its own module and adds itself to :data:`main` with
``register(main)``; this module holds only the group, the global options and the rule that a
user error — or a full disk, a read-only folder (:func:`generator.errors.os_error_line`) — is
one line on stderr and exit status 1, never a traceback.

Start-up
    The command modules import only click at the top level; each command imports the library
    it calls when it runs. ``gen-letter search`` / ``show`` / ``reserve`` run without SQLAlchemy:
    :func:`generator.registry.quick.open_quick` opens the register through the DB-API driver
    (stdlib ``sqlite3``, or psycopg for a ``postgresql://`` register, imported only then) with
    the engine's own connection settings, and the register's statements — SQL text written once
    in :mod:`generator.registry.queries` and run by :mod:`generator.registry.driver` on either
    kind of connection — are the ones every other command and the library run through
    SQLAlchemy. A register at the head revision costs one ``SELECT version_num FROM
    alembic_version``; any other (to upgrade, newer than this code, unreachable, read-only
    when reserving) is opened the full way, which upgrades it or says why in one line. These
    three commands load the register's own modules, PyYAML for the office profiles (parsed on
    libyaml's parser) and the driver, and nothing of the document side: no SQLAlchemy, alembic,
    docx, lxml, openpyxl, XlsxWriter, pythainlp, jinja2, jsonschema, pyHanko, nor the register
    writers (``registry.export``) or the spec model (``tests/registry/test_cli.py`` checks this
    on both backends).

    Why (measured on the 2-core machine): ``import sqlalchemy`` alone takes 220–350 ms
    (``python -c pass``: 20–34 ms), more than a 300 ms budget leaves once Python, click and the
    register's modules have started; the quick commands used to take 497–540 ms on SQLite and
    455–619 ms on PostgreSQL. Without SQLAlchemy, ``benchmarks/register.py`` at 100,000 letters
    (quiet machine) times them at 96–99 ms wall on SQLite (``python -c "import sqlite3"``:
    25 ms) and 208–220 ms on PostgreSQL (``python -c "import psycopg"``: 154 ms; with
    SQLAlchemy as well: 279 ms). In-process CPU time (loaded machine) is
    about 30 ms for click and this package, 50 ms for the register's modules with PyYAML, 8 ms
    to open the register and check its revision, and 7 ms for a search or a ``show``; psycopg's
    own import (about 110 ms of CPU) is most of what PostgreSQL adds. An earlier version kept
    SQLAlchemy here rather than have a second query layer; with the statements written once as
    text for both ways in, there is none.
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

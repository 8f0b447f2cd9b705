"""``gen-letter thai …``: the Thai formatting layer as a staff utility.

Each command prints the answer alone on one line so that it can be used in scripts.
"""

from __future__ import annotations

import sys
from datetime import date

import click

from .. import thai

_DATE_STYLES = ("full", "day", "weekday", "abbr", "abbr-weekday", "month", "fiscal", "quarter")


@click.group("thai")
def thai_group() -> None:
    """Thai digits, Buddhist-era dates and baht amounts in words."""


@thai_group.command("date")
@click.argument("value", required=False)
@click.option("--style", type=click.Choice(_DATE_STYLES), default="full", show_default=True,
              help="full ๑๐ มีนาคม ๒๕๖๖ · weekday วันพุธที่ … · abbr ๑๗ เม.ย. ๖๗ · "
                   "abbr-weekday พุธ ๑๗ เม.ย. ๖๗ · month · fiscal · quarter")
@click.option("--arabic", is_flag=True, help="Arabic digits instead of Thai.")
def date_command(value: str | None, style: str, arabic: bool) -> None:
    """Write a date (ISO 2024-10-30 or any Thai form; default today in Bangkok) in Thai."""
    when: date = thai.parse_date(value) if value else thai.bangkok_today()
    click.echo(thai.format_date(when, style, "arabic" if arabic else "thai"))


@thai_group.command("baht")
@click.argument("amount")
@click.option("--figure", is_flag=True, help="Also the figure: ๒๗,๔๕๐,๕๐๐ บาท (…).")
@click.option("--arabic", is_flag=True, help="Arabic digits in the figure.")
def baht_command(amount: str, figure: bool, arabic: bool) -> None:
    """Write an amount of baht in words (AMOUNT like 27450500, 2,956,600.50 or ๑๒๓)."""
    if figure:
        click.echo(thai.baht_with_text(amount, "arabic" if arabic else "thai"))
    else:
        click.echo(thai.baht_text(amount))


@thai_group.command("digits")
@click.argument("text", required=False)
@click.option("--arabic", is_flag=True, help="Thai digits back to Arabic instead.")
def digits_command(text: str | None, arabic: bool) -> None:
    """Turn the digits of TEXT (or standard input) Thai; links keep Arabic digits."""
    source = text if text is not None else sys.stdin.read()
    converted = thai.to_arabic_digits(source) if arabic else thai.to_thai_digits(source)
    click.echo(converted.rstrip("\n") if text is None else converted)


@thai_group.command("phone")
@click.argument("number")
def phone_command(number: str) -> None:
    """Write a phone number in the grouped official form (๐ ๔๒๔๑ ๑๑๘๒)."""
    click.echo(thai.format_phone(number))


@thai_group.command("code")
@click.argument("name_or_code")
def code_command(name_or_code: str) -> None:
    """Look up a province or ministry letter code, either way (หนองคาย → นค, มท → กระทรวงมหาดไทย)."""
    from ..thai.codes import translate

    click.echo(translate(name_or_code))


def register(main: click.Group) -> None:
    main.add_command(thai_group)

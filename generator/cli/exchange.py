"""``gen-letter export ecms``: e-CMS messages of a registered letter; ``gen-letter deliver``:
an e-mail or paper delivery and its acknowledgement. Thin: parse, call :mod:`generator.exchange`
or the register, print each file written or record made."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import UserError


@click.group("export")
def export_group() -> None:
    """Export registered letters for other systems."""


@export_group.command("ecms")
@click.argument("number")
@click.option("--to", "receivers", multiple=True, metavar="LIST|POSITION",
              help="A recipient list of registry/recipients/ (e.g. districts), or a receiver's "
                   "position (e.g. นายอำเภอเมืองหนองคาย; repeat for several); one message each. "
                   "Default: the letter's delivery records (or its own recipients).")
@click.option("--year", type=int, help="Buddhist year, when the number exists in several years.")
@click.option("--sign", is_flag=True, help="Sign each message (XML-DSig GovernmentSignature) "
                                           "with the office certificate.")
@click.pass_obj
def ecms_command(settings, number, receivers, year, sign) -> None:
    """Write one GovernmentDocument message per receiver of NUMBER into output/exports/ecms/."""
    from ..exchange.ecms import export, receivers_for
    from ..registry import Registry

    with Registry.open(settings.workspace, settings.registry_url) as registry:
        signer = office_signer(registry) if sign else None
        paths = export(registry, number, receivers_for(registry, receivers),
                       year=year + 543 if year and year < 2400 else year,
                       sign=signer.sign_message if signer else None)
    for path in paths:
        click.echo(str(path))


@click.command("deliver")
@click.argument("number")
@click.option("--to", "receivers", multiple=True, metavar="POSITION",
              help="A delivery record: the position addressed (e.g. นายอำเภอเพ็ญ) or its number "
                   "in the list; repeat for several.")
@click.option("--all", "everyone", is_flag=True, help="Every delivery record of the letter.")
@click.option("--by", "method", type=click.Choice(["email", "paper"]),
              help="How it was sent (e-CMS deliveries are recorded by export ecms).")
@click.option("--acknowledged", is_flag=True, help="The recipients acknowledged it.")
@click.option("--receipt", help="Their receipt number, with --acknowledged.")
@click.option("--year", type=int, help="Buddhist year, when the number exists in several years.")
@click.pass_obj
def deliver_command(settings, number, receivers, everyone, method, acknowledged, receipt,
                    year) -> None:
    """Record that NUMBER was sent by e-mail or on paper, and/or acknowledged; one line per
    delivery record."""
    from ..registry import Registry

    if bool(receivers) == everyone:
        raise click.UsageError("give --to POSITION (one or more) or --all")
    with Registry.open(settings.workspace, settings.registry_url) as registry:
        done = registry.deliver(number, to=list(receivers) or None, method=method,
                                acknowledged=acknowledged, their_receipt=receipt,
                                year=year + 543 if year and year < 2400 else year)
    for d in done:
        data = d.as_json()
        click.echo("\t".join([f"{d.position}.", d.recipient, d.method or "not sent",
                              data["sent_at"] or "-", data["acknowledged_at"] or "-",
                              d.their_receipt or "-"]))


def check_signatures(settings, file: Path, trust: Path | None, office_id: str | None) -> None:
    """``gen-letter verify FILE``: print each signer of a signed PDF (PAdES) or an e-CMS message
    (XML-DSig); :class:`UserError` when a signature is missing, broken or untrusted."""
    from ..exchange import signing
    from ..registry import load_offices

    if trust is None:
        offices = load_offices(settings.workspace)
        office = offices.get(office_id) if office_id else \
            (next(iter(offices.values())) if len(offices) == 1 else None)
        if office is None:
            raise UserError("name the trusted certificates", field="signing.trust")
        trust = signing.trust_file(office)
    for signer in signing.verify(file, trust):
        click.echo(f"{file}: signed by {signer}")


def office_signer(registry, office_id=None):
    """The office's signer, asking for the PKCS#12 password on the terminal when the
    environment does not give it (used by ``export ecms --sign`` and ``issue --sign``)."""
    from ..exchange.signing import load_signer

    office = registry.office(office_id)
    return load_signer(office, prompt=lambda text: click.prompt(text, hide_input=True,
                                                                err=True))


def register(main: click.Group) -> None:
    main.add_command(export_group)
    main.add_command(deliver_command)

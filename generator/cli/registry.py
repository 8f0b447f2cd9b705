"""Registry commands: init, reserve, cancel, receive, show, search, register, log.

Thin: parse the options, call :mod:`generator.registry`, print.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import click

from ..errors import UserError


def _open(ctx: click.Context):
    from ..registry import Registry

    settings = ctx.obj
    return Registry.open(settings.workspace, settings.registry_url)


def _open_quick(ctx: click.Context, write: bool = False):
    """The register for ``search``, ``show`` and ``reserve``: opened without SQLAlchemy when it
    is ready for that (:func:`generator.registry.quick.open_quick`)."""
    from ..registry.quick import open_quick

    settings = ctx.obj
    return open_quick(settings.workspace, settings.registry_url, write=write)


def _date(value: str | None, option: str):
    if value is None:
        return None
    from ..thai.dates import parse_date
    from ..thai.errors import ThaiValueError

    try:
        return parse_date(value)
    except ThaiValueError as error:
        raise UserError(str(error), field=option) from None


def _year(value: int | None) -> int | None:
    """A Buddhist year; a Christian year (below 2400) is converted."""
    if value is None:
        return None
    return value + 543 if value < 2400 else value


def _json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.command("init")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def init_cmd(ctx: click.Context, directory: Path | None) -> None:
    """Make a one-office workspace in DIRECTORY (default: the workspace folder)."""
    from ..registry import init_workspace

    made = init_workspace(directory or ctx.obj.workspace, ctx.obj.registry_url)
    click.echo(f"workspace: {made.root}")
    click.echo(f"office profile: {made.profile} (edit it for your office)")
    click.echo(f"register: {made.database}")
    click.echo(f"letter_templates/: {len(made.templates)} stock template(s)")
    click.echo("output/: drafts/, issued/, exports/")


@click.command("reserve")
@click.option("--circular", is_flag=True, help="Circular numbers (ว).")
@click.option("--kind", help="The document kind whose series the numbers come from, e.g. order "
                             "(คำสั่ง: ๑๒/๒๕๖๗).")
@click.option("--count", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many numbers to reserve.")
@click.option("--office", "office_id", help="Office id (when registry/ has several).")
@click.option("--unit", help="Unit sub-code, e.g. 3 for นค ๐๐๑๙.๓.")
@click.option("--date", "when", help="Date that fixes the year's series (default: today in "
                                     "Bangkok), e.g. 2024-10-25.")
@click.option("--allow-date", is_flag=True,
              help="Accept a date outside 2500–2600 BE (it starts a series of its own).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def reserve_cmd(ctx, circular, kind, count, office_id, unit, when, allow_date, as_json) -> None:
    """Reserve numbers ahead (จองเลข); prints each number."""
    with _open_quick(ctx, write=True) as reg:
        numbers = reg.reserve(count, office_id=office_id, unit=unit, circular=circular,
                              date=_date(when, "--date"), kind=kind, allow_date=allow_date)
    if as_json:
        _json(numbers)
    else:
        for number in numbers:
            click.echo(number)


@click.command("cancel")
@click.argument("number")
@click.option("--reason", required=True, help="Why the number is cancelled (kept in the register).")
@click.option("--year", type=int, help="Buddhist year, when the number exists in several years.")
@click.option("--kind", help="The document kind of the number, e.g. order (คำสั่ง ๑๒/๒๕๖๗).")
@click.option("--office", "office_id", help="Office id, when several offices have the number.")
@click.pass_context
def cancel_cmd(ctx, number, reason, year, kind, office_id) -> None:
    """Cancel NUMBER; it stays in the register as cancelled and is never used again."""
    with _open(ctx) as reg:
        text = reg.cancel(number, reason, year=_year(year), kind=kind, office_id=office_id)
    click.echo(f"cancelled {text}")


@click.command("receive")
@click.option("--from", "from_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Read number, date, sender, subject and speed from the letter (.docx, .pdf, "
                   ".txt); options given as well win.")
@click.option("--number", "their_number", help="Their number (ที่), e.g. 'นข 0019/ว 632'.")
@click.option("--date", "their_date", help="Date of their letter, e.g. 2023-01-31.")
@click.option("--sender", help="The agency it is from, e.g. จังหวัดเชียงใหม่.")
@click.option("--subject", help="Its subject (เรื่อง).")
@click.option("--to", "recipient", help="Who it is addressed to (เรียน).")
@click.option("--speed", help="ด่วนที่สุด, ด่วนมาก or ด่วน.")
@click.option("--secrecy", help="ลับที่สุด, ลับมาก or ลับ.")
@click.option("--received-at", help="When it arrived, ISO date and time (default: now).")
@click.option("--remarks", help="Remarks for the incoming register.")
@click.option("--office", "office_id", help="Office id (when registry/ has several).")
@click.option("--ecms", "message", type=click.Path(dir_okay=False, path_type=Path),
              help="An e-CMS GovernmentDocument message: number, date, sender, subject, "
                   "references and PDF are taken from it.")
@click.option("--accept", is_flag=True, help="With --ecms: also write the AcceptLetterNotifier "
                                             "with our receipt number into output/exports/ecms/.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def receive_cmd(ctx, from_file, their_number, their_date, sender, subject, recipient, speed,
                secrecy, received_at, remarks, office_id, message, accept, as_json) -> None:
    """Register an incoming letter so that later letters can cite it; prints our receipt
    number."""
    read_date = None
    if from_file is not None:
        from ..reader import incoming, read_file

        read = incoming(read_file(from_file))
        for line in read.shown():
            click.echo(f"gen-letter: read: {line}", err=True)
        their_number, sender, subject = (their_number or read.their_number, sender or read.sender,
                                         subject or read.subject)
        recipient, speed, secrecy = (recipient or read.recipient, speed or read.speed,
                                     secrecy or read.secrecy)
        read_date = None if their_date else read.their_date
    for name, value in (("sender", sender), ("subject", subject)):
        if not value and message is None:
            raise UserError("is needed (not found in the letter)" if from_file else "is needed",
                            file=str(from_file) if from_file else None, field=name)
    arrived = None
    if received_at:
        try:
            arrived = datetime.fromisoformat(received_at)
        except ValueError:
            raise UserError(f"{received_at!r} is not an ISO date and time",
                            field="--received-at") from None
        if arrived.tzinfo is None:
            from ..thai.dates import BANGKOK

            arrived = arrived.replace(tzinfo=BANGKOK)
    if accept and message is None:
        raise UserError("writes the acceptance of an e-CMS message: give --ecms FILE",
                        field="--accept")
    if message is not None:
        from ..exchange.ecms import receive

        with _open(ctx) as reg:
            done = receive(reg, message, office_id=office_id, received_at=arrived,
                           accept=accept)
        if hasattr(done, "receipt"):
            click.echo(done.receipt)
            if done.notice is not None:
                click.echo(str(done.notice))
        else:
            click.echo(f"acknowledged: {done.number} by {done.recipient}"
                       + (f", their receipt {done.their_receipt}" if done.their_receipt else ""))
        return
    with _open(ctx) as reg:
        received = reg.receive(their_number=their_number,
                               their_date=read_date or _date(their_date, "--date"),
                               sender=sender, subject=subject, recipient=recipient, speed=speed,
                               secrecy=secrecy, received_at=arrived, remarks=remarks,
                               office_id=office_id)
    if as_json:
        _json({"receipt": received.receipt_text, "receipt_no": received.receipt_no,
               "year": received.receipt_year, "their_number": received.their_number})
    else:
        click.echo(received.receipt_text)


@click.command("show")
@click.argument("number")
@click.option("--year", type=int, help="Buddhist year, when the number exists in several years.")
@click.option("--thread", is_flag=True, help="Also every letter linked to it, either way, "
                                             "transitively.")
@click.option("--office", "office_id", help="Office id, when several offices have the number "
                                             "(an order's ๑/๒๕๖๗).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def show_cmd(ctx, number, year, thread, office_id, as_json) -> None:
    """One letter: metadata, files, what it cites and what cites it."""
    with _open_quick(ctx) as reg:
        data = reg.show(number, year=_year(year), thread=thread, office_id=office_id)
    if as_json:
        _json(data)
        return
    labels = [("number", "ที่"), ("kind", "kind"), ("status", "status"), ("date", "date"),
              ("from", "from"), ("recipients", "to"), ("subject", "subject"),
              ("speed", "speed"), ("secrecy", "secrecy"), ("signer", "signer"),
              ("receipt", "receipt"),
              ("reason", "spoilt because" if data.get("status") == "spoilt" else "cancelled because"),
              ("reference_line", "cited as")]
    for key, label in labels:
        value = data.get(key)
        if value in (None, "", [], {}):
            continue
        if isinstance(value, list):
            value = "; ".join(value)
        click.echo(f"{label}: {value}")
    for kind, path in (data.get("files") or {}).items():
        digest = (data.get("sha256") or {}).get(kind)
        state = (data.get("file_state") or {}).get(kind, "ok")
        mark = "" if state == "ok" else f"  ** {state.upper()}: not the file that was issued **"
        click.echo(f"file ({kind}): {path}" + (f"  sha256 {digest}" if digest else "") + mark)
    for i, item in enumerate(data.get("attachments") or [], 1):
        amount = " ".join(str(x) for x in (item["quantity"], item["unit"]) if x is not None)
        where = item.get("url") or item.get("file") or ""
        click.echo(f"attachment {i}: {item['title']}" + (f" ({amount})" if amount else "")
                   + (f" {where}" if where else ""))
    for key, label in (("cites", "cites"), ("cited_by", "cited by")):
        for other in data.get(key) or []:
            click.echo(f"{label}: {_line(other)}")
    for reference in data.get("their_references") or []:
        click.echo("cites (theirs): " + " ".join(
            str(v) for v in (reference["number"], reference["date"], reference["subject"]) if v))
    deliveries = data.get("deliveries") or []
    if deliveries:
        sent = sum(1 for d in deliveries if d["sent_at"])
        acknowledged = sum(1 for d in deliveries if d["acknowledged_at"])
        click.echo(f"deliveries: {len(deliveries)} ({sent} sent, {acknowledged} acknowledged)")
    for d in deliveries:
        click.echo("\t".join([f"  {d['position']}.", d["recipient"],
                              d["method"] or "not sent", d["sent_at"] or "-",
                              d["acknowledged_at"] or "-", d["their_receipt"] or "-"]))
    if thread:
        click.echo("thread:")
        for other in data.get("thread") or []:
            click.echo(f"  {_line(other)}")


def _line(item: dict) -> str:
    parts = [item.get("number") or "(no number)", item.get("date") or "", item.get("subject") or ""]
    if item.get("kind") == "incoming":
        parts.append(f"[received from {item.get('from')}]")
    elif item.get("status") != "issued":
        parts.append(f"[{item.get('status')}]")
    return "  ".join(p for p in parts if p)


@click.command("search")
@click.argument("text")
@click.option("--year", type=int, help="Buddhist year of the letter (of the receipt, for an "
                                       "incoming letter).")
@click.option("--office", "office_id", help="Only this office's letters.")
@click.option("--kind", type=click.Choice(["letter", "incoming"]),
              help="Only our letters, or only incoming ones.")
@click.option("--from", "since", help="From this date (the letter's; the day received, for an "
                                      "incoming letter), e.g. 2024-10-01.")
@click.option("--to", "until", help="Up to this date, inclusive.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def search_cmd(ctx, text, year, office_id, kind, since, until, limit, as_json) -> None:
    """Find letters by anything they say: number, subject, parties, signer, references, the
    text of the letter and its attachments. Thai or Arabic digits, spaces and line breaks
    alike; number and subject matches first, then the body, newest first."""
    with _open_quick(ctx) as reg:
        hits = reg.search(text, limit=limit, year=_year(year), office=office_id, kind=kind,
                          since=_date(since, "--from"), until=_date(until, "--to"))
    if as_json:
        _json([hit.as_json() for hit in hits])
        return
    for hit in hits:
        when = hit.date.isoformat() if hit.date else ""
        extra = f"received {hit.receipt} from {hit.party}" if hit.kind == "incoming" else hit.status
        start, end = hit.match
        shown = f"{hit.context[:start]}«{hit.context[start:end]}»{hit.context[end:]}"
        click.echo("\t".join([hit.number or "", when, hit.subject or "", extra,
                              f"{hit.found_in}: {shown}"]))
    if not hits:
        click.echo("no letter found", err=True)


@click.command("register")
@click.option("--year", type=int, required=True, help="Buddhist calendar year, e.g. 2567.")
@click.option("--incoming", is_flag=True, help="The incoming register (ทะเบียนหนังสือรับ) "
                                               "instead of the outgoing one.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: output/exports/register-YEAR.FORMAT, or "
                   "register-incoming-YEAR.FORMAT; '-' prints CSV).")
@click.option("--office", "office_id", help="Only this office's numbers.")
@click.pass_context
def register_cmd(ctx, year, incoming, fmt, output, office_id) -> None:
    """The outgoing register (ทะเบียนหนังสือส่ง) of a calendar year, reserved and cancelled
    numbers included; with --incoming, the letters received in the year."""
    year = _year(year)
    with _open(ctx) as reg:
        if output is not None and str(output) == "-":
            if fmt != "csv":
                raise UserError("only CSV can be printed; give a file with -o", field="-o")
            import csv
            import sys
            from dataclasses import astuple

            from ..registry.export import INCOMING, LAYOUTS, OUTGOING

            writer = csv.writer(sys.stdout)
            writer.writerow(LAYOUTS[INCOMING if incoming else OUTGOING].header_row())
            for row in reg.register_rows(year, office_id, incoming=incoming):
                writer.writerow(astuple(row))
            return
        name = f"register-incoming-{year}.{fmt}" if incoming else f"register-{year}.{fmt}"
        path = output or ctx.obj.workspace / "output" / "exports" / name
        with _progress_bar("writing the register") as progress:
            written = reg.export_register(year, fmt, path, office_id, incoming=incoming,
                                          progress=progress)
    click.echo(str(written))


@contextmanager
def _progress_bar(label: str):
    """A ``progress(done, total)`` callback drawing click's progress bar on a terminal (and
    nothing otherwise)."""
    import sys

    if not sys.stderr.isatty():
        yield None
        return
    bars: list = []

    def progress(done: int, total: int) -> None:
        if not bars:
            bars.append(click.progressbar(length=total, label=label, file=sys.stderr))
            bars[0].__enter__()
        bar = bars[0]
        bar.update(done - bar.pos)

    try:
        yield progress
    finally:
        if bars:
            bars[0].__exit__(None, None, None)


@click.command("log")
@click.option("--limit", type=click.IntRange(min=1), help="Only the newest N entries.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def log_cmd(ctx, limit, as_json) -> None:
    """The audit log: every reservation, allocation, issue, cancellation and receipt."""
    with _open(ctx) as reg:
        entries = reg.audit_log(limit)
    if as_json:
        _json([entry.as_json() for entry in entries])
        return
    for entry in entries:
        at = entry.at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        detail = entry.detail or {}
        note = detail.get("subject") or detail.get("reason") or ""
        click.echo("\t".join([at, entry.who, entry.action, entry.number_text or "", note]))


COMMANDS = (init_cmd, reserve_cmd, cancel_cmd, receive_cmd, show_cmd, search_cmd, register_cmd,
            log_cmd)


def register(main: click.Group) -> None:
    for command in COMMANDS + (verify_cmd,):
        main.add_command(command)


@click.command("verify")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--year", type=int, help="Only this Buddhist year (default: every year).")
@click.option("--trust", type=click.Path(dir_okay=False, path_type=Path),
              help="With FILE: PEM file of the trusted certificates (default: signing.trust of "
                   "the office profile).")
@click.option("--office", "office_id", help="With FILE: office id (when registry/ has several).")
@click.pass_context
def verify_cmd(ctx, file, year, trust, office_id) -> None:
    """Check the archive against the register: every file's SHA-256, every number 1..N of each
    series once, no file the register does not know. Interrupted issues are finished or undone
    first (one line each). A table of findings; exit status 1 on any.
    With FILE, check the signatures of a signed PDF (PAdES) or an e-CMS message (XML-DSig)."""
    if file is not None:
        from .exchange import check_signatures

        check_signatures(ctx.obj, file, trust, office_id)
        return
    from ..issuing import verify_archive

    with _open(ctx) as reg:
        checked = verify_archive(ctx.obj.workspace, reg, _year(year))
    for line in checked.recovered:
        click.echo(f"gen-letter: {line}", err=True)
    findings = checked.findings
    if not findings:
        click.echo("the archive and the register agree")
        return
    for f in findings:
        click.echo("\t".join(str(v) if v is not None else "-" for v in
                              (f.year, f.number, f.problem, f.file, f.detail)))
    click.echo(f"{len(findings)} finding(s)", err=True)
    ctx.exit(1)

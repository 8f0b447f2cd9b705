"""Attachment specs (``attachment_list``, ``booklet``, ``schedule``): validation and typed model.

A YAML attachment spec is checked against :data:`generator.spec.attachment_schema.SCHEMA`, then
here for what a schema cannot see: ISO dates and months that exist, times, table rows with every
cell, URLs without spaces, files that exist (relative to the spec), and the ``${…}`` values.

Every file an attachment spec names (an image, a QR code's file, an attachment list entry's
file) is kept in :attr:`AttachmentDoc.files` with its field and line. Given ``roots`` (the
workspace and the folders its offices trust), :func:`load_attachment` refuses a file that
resolves, symlinks followed, outside them, before anything reads it; the renderers load
attachment specs with their roots (:func:`generator.spec.confine.roots_of`).

Numbers that the documents compute are written once: ``values:`` names numbers
(``tambons: 7036``) and any text may say ``${tambons}``, ``${tambons * per_tambon}`` (``+ - *``
of names and numbers), ``${date 2024-12-27}`` (``๒๗ ธันวาคม ๒๕๖๗``) or
``${weekday 2024-10-30}`` (``วันพุธที่ ๓๐ ตุลาคม ๒๕๖๗``). Figures come out with thousands
separators in Arabic digits here; the renderer turns them into the office's digit style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import UserError
from .loader import Located, dotted, load_yaml
from .validate import (_check_text, _parse_iso, _schema_error, _suggest, compiled_validator,
                       schema_errors)

def _validator():
    """The attachment specs' validator."""
    from .attachment_schema import SCHEMA

    return compiled_validator(SCHEMA)


# --- the model ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"          # body | heading | center


@dataclass(frozen=True)
class ListItem:
    text: str
    items: tuple["ListItem", ...] = ()
    paragraphs: tuple[str, ...] = ()
    numbering: str | None = None     # of the items under this one (default: the list's)


@dataclass(frozen=True)
class Items:
    items: tuple[ListItem, ...]
    numbering: str = "dot"       # dot: ๓.๑ under section ๓ (๑. at the top); top: ๑. wherever it
    #                              stands (๒.๑ below); paren: ๑); paren-nested: ๒.๑)
    lead: str | None = None      # words before the first item's label ("หมายเหตุ :")
    start: int = 1


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Any, ...] = ()


@dataclass(frozen=True)
class PlanRow:
    text: str
    when: tuple[str, Any]        # ("month", date) | ("months", (date, date)) | ("by", date) | ("text", str)


@dataclass(frozen=True)
class PlanGroup:
    title: str
    rows: tuple[PlanRow, ...]


@dataclass(frozen=True)
class Plan:
    columns: tuple[str, ...]
    groups: tuple[PlanGroup, ...]


ACTIVITY_FIELDS = ("objectives", "steps", "target", "budget", "unit", "area", "period",
                   "outcome", "indicator")
ACTIVITY_LABELS = {
    "objectives": "วัตถุประสงค์", "steps": "วิธีการ/ขั้นตอนการดำเนินงาน", "target": "กลุ่มเป้าหมาย",
    "budget": "งบประมาณ", "unit": "หน่วยดำเนินการ", "area": "พื้นที่ดำเนินการ",
    "period": "ระยะเวลาดำเนินการ", "outcome": "ผลที่คาดว่าจะได้รับ", "indicator": "ตัวชี้วัดกิจกรรม",
}


@dataclass(frozen=True)
class Activity:
    title: str
    fields: tuple[tuple[str, str, Any], ...]   # (field, label, blocks tuple | Decimal budget)


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[tuple[str, ...], ...], ...]   # rows of cells of paragraphs
    widths: tuple[float, ...] = ()
    number_rows: bool = False


@dataclass(frozen=True)
class Visits:
    columns: tuple[str, ...]
    rows: tuple[tuple[date, time, str], ...]


@dataclass(frozen=True)
class QR:
    target: str                  # the URL, or the file's path as given
    caption: str | None = None
    show_link: bool = True
    size_cm: float = 3.0
    file: Path | None = None


@dataclass(frozen=True)
class Image:
    file: Path
    width_cm: float = 16.0
    description: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class ListEntry:
    """One item of an ``attachment_list``."""

    title: str
    quantity: str | None = None
    unit: str | None = None
    url: str | None = None
    file: Path | None = None


@dataclass(frozen=True)
class AttachmentDoc:
    kind: str
    title: tuple[str, ...]
    blocks: tuple[Any, ...]
    header: str | None = None
    digit_style: str | None = None       # None: the letter's office style (thai by default)
    items: tuple[ListEntry, ...] = ()
    source: str = "<attachment>"
    data: dict = field(default_factory=dict, compare=False, repr=False)
    #: (field, line, resolved path) of every file the spec names.
    files: tuple[tuple[str, int | None, Path], ...] = field(default=(), compare=False, repr=False)


# --- values ------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_]\w*)|([-+*]))")


def _figure(value: Decimal) -> str:
    """``7036`` → ``7,036``; ``1.5`` → ``1.5``.

    >>> _figure(Decimal(140720)), _figure(Decimal("2.50"))
    ('140,720', '2.50')
    """
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,}"


def evaluate(expression: str, values: dict[str, Decimal]) -> Decimal:
    """``a * b + 3`` over named values (``*`` before ``+``/``-``); ValueError when malformed.

    >>> evaluate("tambons * per", {"tambons": Decimal(7036), "per": Decimal(20)})
    Decimal('140720')
    """
    tokens = []
    pos = 0
    text = expression.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ValueError(f"cannot read '{text[pos:]}'")
        number, name, op = match.groups()
        if number:
            tokens.append(Decimal(number))
        elif name:
            if name not in values:
                raise KeyError(name)
            tokens.append(values[name])
        else:
            tokens.append(op)
        pos = match.end()
    if not tokens or len(tokens) % 2 == 0 or any(
            isinstance(tok, str) != (i % 2 == 1) for i, tok in enumerate(tokens)):
        raise ValueError("write names and numbers joined by + - *")
    terms = [tokens[0]]
    ops = []
    for op, operand in zip(tokens[1::2], tokens[2::2]):
        if op == "*":
            terms[-1] = terms[-1] * operand
        else:
            ops.append(op)
            terms.append(operand)
    total = terms[0]
    for op, term in zip(ops, terms[1:]):
        total = total + term if op == "+" else total - term
    return total


class _Context:
    def __init__(self, located: Located, values: dict[str, Decimal], base: Path, kind: str = "",
                 roots=None):
        self.kind = kind
        self.located = located
        self.values = values
        self.base = base
        self.roots = roots
        self.files: list[tuple[str, int | None, Path]] = []

    def error(self, message: str, path: tuple, hint: str | None = None) -> UserError:
        return UserError(message, file=self.located.file, field=dotted(path) or None,
                         line=self.located.line(path), hint=hint)

    def text(self, value: str, path: tuple) -> str:
        """Text with its ``${…}`` placeholders worked out."""
        from ..thai.dates import format_date

        def replace(match: re.Match) -> str:
            inner = match.group(1).strip()
            if inner == "count" and self.kind == "attachment_list" and "count" not in self.values:
                return match.group(0)  # the number of entries: known when the list is rendered
            for word, style in (("date ", "full"), ("weekday ", "weekday"), ("month ", "month")):
                if inner.startswith(word):
                    day = _parse_iso(inner[len(word):].strip(), path, self.located)
                    return format_date(day, style, "arabic")
            try:
                return _figure(evaluate(inner, self.values))
            except KeyError as error:
                raise self.error(f"'${{{inner}}}' names the value {error.args[0]!r}, which "
                                 "'values:' does not have", path,
                                 hint="known values: " + (", ".join(sorted(self.values)) or "none"))
            except ValueError as error:
                raise self.error(f"'${{{inner}}}' is not a calculation: {error}", path,
                                 hint="e.g. ${tambons * per_tambon} or ${date 2024-12-27}")

        return _PLACEHOLDER.sub(replace, str(value)).strip()

    def url(self, value: str, path: tuple) -> str:
        value = value.strip()
        if re.search(r"\s", value):
            raise self.error(f"the link '{value}' contains a space", path,
                             hint="a link has no spaces; write %20 or remove them")
        if not re.match(r"^(https?|mailto):", value):
            raise self.error(f"'{value}' is not a link (http://, https:// or mailto:)", path)
        from ..thai.digits import to_arabic_digits

        return to_arabic_digits(value)

    def file(self, value: str, path: tuple) -> Path:
        found = (self.base / value).resolve()
        if self.roots is not None:
            from ..paths import confined

            confined(found, self.roots, file=self.located.file, field=dotted(path),
                     line=self.located.line(path))
        if not found.is_file():
            raise self.error(f"the file '{value}' does not exist", path,
                             hint=f"paths are relative to {self.base}")
        self.files.append((dotted(path), self.located.line(path), found))
        return found

    def iso_month(self, value: str, path: tuple) -> date:
        try:
            year, month = (int(p) for p in value.split("-"))
            return date(year, month, 1)
        except ValueError:
            raise self.error(f"'{value}' is not a month in the form YYYY-MM", path) from None

    def time(self, value: str, path: tuple) -> time:
        match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", value.strip())
        try:
            if not match:
                raise ValueError
            return time(int(match.group(1)), int(match.group(2)))
        except ValueError:
            raise self.error(f"'{value}' is not a time in the form HH:MM", path,
                             hint="e.g. 08:30") from None


# --- building the model ------------------------------------------------------------------------

def _item(value: Any, path: tuple, ctx: _Context) -> ListItem:
    if isinstance(value, str):
        return ListItem(text=ctx.text(value, path))
    return ListItem(
        text=ctx.text(value["text"], path + ("text",)),
        items=tuple(_item(v, path + ("items", i), ctx) for i, v in enumerate(value.get("items", []))),
        paragraphs=tuple(ctx.text(v, path + ("paragraphs", i))
                         for i, v in enumerate(value.get("paragraphs", []))),
        numbering=value.get("numbering"))


def _blocks(values: list, path: tuple, ctx: _Context) -> tuple:
    return tuple(_block(v, path + (i,), ctx) for i, v in enumerate(values))


def _block(value: Any, path: tuple, ctx: _Context) -> Any:
    if isinstance(value, str):
        return Paragraph(ctx.text(value, path))
    keys = [k for k in value if k not in ("numbering", "lead", "start")]
    if len(keys) != 1:
        raise ctx.error("a block holds one of " + ", ".join(sorted(
            ("paragraph", "heading", "section", "items", "plan", "activity", "table", "visits",
             "qr", "image"))) + f"; this one has {', '.join(keys) or 'none'}", path)
    key = keys[0]
    if key != "items" and any(k in value for k in ("numbering", "lead", "start")):
        raise ctx.error("'numbering', 'lead' and 'start' go with 'items'", path)
    body = value[key]
    here = path + (key,)
    if key in ("paragraph", "heading", "center"):
        return Paragraph(ctx.text(body, here), "body" if key == "paragraph" else key)
    if key == "page_break":
        return PageBreak()
    if key == "section":
        return Section(ctx.text(body["title"], here + ("title",)),
                       _blocks(body.get("content", []), here + ("content",), ctx))
    if key == "items":
        return Items(tuple(_item(v, here + (i,), ctx) for i, v in enumerate(body)),
                     numbering=value.get("numbering", "dot"),
                     lead=ctx.text(value["lead"], path + ("lead",)) if "lead" in value else None,
                     start=value.get("start", 1))
    if key == "plan":
        groups = []
        for g, group in enumerate(body["groups"]):
            rows = []
            for r, row in enumerate(group["rows"]):
                where = here + ("groups", g, "rows", r, "when")
                (kind, when), = row["when"].items()
                if kind == "month":
                    parsed: Any = ctx.iso_month(when, where + ("month",))
                elif kind == "months":
                    parsed = (ctx.iso_month(when[0], where + ("months", 0)),
                              ctx.iso_month(when[1], where + ("months", 1)))
                    if parsed[1] < parsed[0]:
                        raise ctx.error("the time frame ends before it starts", where + ("months",))
                elif kind == "by":
                    parsed = _parse_iso(when, where + ("by",), ctx.located)
                else:
                    parsed = ctx.text(when, where + ("text",))
                rows.append(PlanRow(ctx.text(row["text"], here + ("groups", g, "rows", r, "text")),
                                    (kind, parsed)))
            groups.append(PlanGroup(ctx.text(group["title"], here + ("groups", g, "title")),
                                    tuple(rows)))
        return Plan(tuple(body["columns"]), tuple(groups))
    if key == "activity":
        labels = dict(ACTIVITY_LABELS, **body.get("labels", {}))
        fields = []
        for name in ACTIVITY_FIELDS:
            if name not in body:
                continue
            if name == "budget":
                fields.append((name, labels[name], Decimal(str(body[name]))))
            else:
                fields.append((name, labels[name], _blocks(body[name], here + (name,), ctx)))
        return Activity(ctx.text(body["title"], here + ("title",)), tuple(fields))
    if key == "table":
        columns = tuple(body["columns"])
        number_rows = body.get("number_rows", False)
        wanted = len(columns) - (1 if number_rows else 0)
        rows = []
        for r, row in enumerate(body["rows"]):
            if len(row) != wanted:
                raise ctx.error(f"this row has {len(row)} cells; the table has {wanted} "
                                f"({', '.join(columns[1 if number_rows else 0:])})",
                                here + ("rows", r),
                                hint='write "" for an empty cell')
            cells = []
            for c, cell in enumerate(row):
                paras = [cell] if isinstance(cell, str) else cell
                cells.append(tuple(ctx.text(p, here + ("rows", r, c)) if p.strip() else ""
                                   for p in paras))
            rows.append(tuple(cells))
        widths = tuple(body.get("widths", ()))
        if widths and len(widths) != len(columns):
            raise ctx.error(f"{len(widths)} widths for {len(columns)} columns", here + ("widths",))
        return Table(columns, tuple(rows), widths, number_rows)
    if key == "visits":
        columns = tuple(body.get("columns", ("ลำดับที่", "วันที่", "เวลา", "อำเภอ")))
        rows = []
        for r, row in enumerate(body["rows"]):
            where = here + ("rows", r)
            rows.append((_parse_iso(row["date"], where + ("date",), ctx.located),
                         ctx.time(row["time"], where + ("time",)),
                         ctx.text(row["district"], where + ("district",))))
        return Visits(columns, tuple(rows))
    if key == "qr":
        if ("url" in body) == ("file" in body):
            raise ctx.error("a QR code needs either url: or file:", here)
        if "url" in body:
            target, file = ctx.url(body["url"], here + ("url",)), None
        else:
            file = ctx.file(body["file"], here + ("file",))
            target = body["file"]
        return QR(target, ctx.text(body["caption"], here + ("caption",)) if "caption" in body
                  else None, body.get("show_link", True), float(body.get("size_cm", 3.0)), file)
    if key == "image":
        file = ctx.file(body["file"], here + ("file",))
        with open(file, "rb") as handle:
            blob = handle.read(8)
        if blob != b"\x89PNG\r\n\x1a\n" and blob[:3] != b"\xff\xd8\xff":
            raise ctx.error("the image must be a PNG or JPEG file", here + ("file",))
        if ctx.roots is not None:  # confined: now its header may be read whole
            problem = image_problem(file)
            if problem:
                raise ctx.error(problem, here + ("file",))
        return Image(file, float(body.get("width_cm", 16.0)), body.get("description", ""))
    raise ctx.error(f"unknown block '{key}'", path)  # pragma: no cover (the schema refuses it)


#: The largest picture a document may embed.
MAX_IMAGE_BYTES = 32 * 1024 * 1024


def image_problem(path: Path) -> str | None:
    """Why a PNG or JPEG file cannot be put into a Word document (too large, damaged), or None.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".png") as bad:
    ...     _ = bad.write(b"\\x89PNG\\r\\n\\x1a\\n and then nothing"); bad.flush()
    ...     image_problem(Path(bad.name))
    'the image is damaged (its header cannot be read)'
    """
    size = Path(path).stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"the image is {size // 2**20} MB; at most {MAX_IMAGE_BYTES // 2**20} MB"
    from docx.image.image import Image as DocxImage

    try:
        info = DocxImage.from_blob(Path(path).read_bytes())
        if info.px_width <= 0 or info.px_height <= 0:
            raise ValueError
    except Exception:  # python-docx raises several kinds for a damaged header
        return "the image is damaged (its header cannot be read)"
    return None


def _best(error):
    """For a failed ``anyOf`` (a block: text or a mapping), the error found deepest in the value:
    it names the field that is really wrong (``budget``), not the whole block."""
    while error.validator == "anyOf" and error.context:
        deeper = max(error.context, key=lambda e: (len(e.absolute_path), e.validator != "type"))
        if len(deeper.absolute_path) <= len(error.absolute_path):
            break
        error = deeper
    return error


def attachment_from_located(located: Located, roots=None) -> AttachmentDoc:
    """Validate parsed YAML of an attachment spec and build the typed document; with ``roots``,
    every file it names must lie inside one of them (see the module docstring)."""
    data = located.data
    errors = schema_errors(located, _validator(), "an attachment spec")
    if errors:
        error = _best(errors[0])
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = list(error.schema.get("properties", {}))
            key = next((k for k in error.instance if k not in allowed), "?")
            path = tuple(error.absolute_path) + (key,)
            raise UserError(f"unknown field '{key}'", file=located.file, field=dotted(path),
                            line=located.line(path), hint=_suggest(key, allowed))
        raise _schema_error(error, located)
    _check_text(data, (), located)
    values = {k: Decimal(str(v)) for k, v in data.get("values", {}).items()}
    base = Path(located.file).resolve().parent
    ctx = _Context(located, values, base, data["kind"], roots)

    title = data.get("title", [])
    title = [title] if isinstance(title, str) else list(title)
    title = [ctx.text(line, ("title", i)) for i, line in enumerate(title)]
    if "fiscal_year" in data:
        from ..thai.dates import format_date

        day = _parse_iso(data["fiscal_year"], ("fiscal_year",), located)
        title.append(format_date(day, "fiscal", "arabic").replace("ปีงบประมาณ", "ประจำปีงบประมาณ", 1))
    items = []
    for i, item in enumerate(data.get("items", [])):
        path = ("items", i)
        quantity = item.get("quantity")
        items.append(ListEntry(
            title=ctx.text(item["title"], path + ("title",)),
            quantity=None if quantity is None else str(quantity),
            unit=item.get("unit", "ชุด" if isinstance(quantity, int) else None),
            url=ctx.url(item["url"], path + ("url",)) if "url" in item else None,
            file=ctx.file(item["file"], path + ("file",)) if "file" in item else None))
    return AttachmentDoc(
        kind=data["kind"], title=tuple(title),
        blocks=_blocks(data.get("content", []), ("content",), ctx),
        header=ctx.text(data["header"], ("header",)) if "header" in data else None,
        digit_style=data.get("digit_style"), items=tuple(items),
        source=located.file, data=data, files=tuple(ctx.files))


def load_attachment(path: str | Path, roots=None) -> AttachmentDoc:
    """Read and validate an attachment spec YAML file (``roots``: see the module docstring)."""
    return attachment_from_located(load_yaml(Path(path)), roots)


def attachment_from_text(text: str, source: str = "<attachment>") -> AttachmentDoc:
    """Validate an attachment spec given as YAML text.

    >>> doc = attachment_from_text("kind: booklet\\nvalues: {n: 7036, per: 20}\\n"
    ...                            "content: ['${n} ตำบล รวม ${n * per} คน']\\n")
    >>> doc.blocks[0].text
    '7,036 ตำบล รวม 140,720 คน'
    >>> attachment_from_text("kind: booklet\\ncontent:\\n  - activity: {title: x, budjet: 5}\\n",
    ...                      "b.yaml")
    Traceback (most recent call last):
    ...
    generator.errors.UserError: b.yaml:3: content[0].activity.budjet: unknown field 'budjet' (did you mean 'budget'?)
    >>> attachment_from_text("kind: booklet\\ncontent:\\n  - activity: {title: x, budget: abc}\\n",
    ...                      "b.yaml")
    Traceback (most recent call last):
    ...
    generator.errors.UserError: b.yaml:3: content[0].activity.budget: must be a number, not text
    """
    from .loader import load_yaml_text

    return attachment_from_located(load_yaml_text(text, source))

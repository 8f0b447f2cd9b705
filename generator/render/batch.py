"""Batch letters: one spec, a CSV list, one draft per row (``gen-letter new SPEC --for LIST.csv``).

**The list.** A CSV file in UTF-8 (a byte-order mark, as Excel writes it, is fine) whose first
line names the columns; every further line is one letter. Column names are identifiers
(``tambon``, ``district``, ``target``). Blank lines are skipped.

**The spec's placeholders.** The spec's ``recipient``, ``subject``, ``body``, ``closing`` and
``copy_to`` (:data:`ROW_FIELDS`) may say ``${column}``: the row's cell, as written (digits in the
office's digit style, like every text of the letter), or a calculation over numeric columns in
the notation of attachment ``values:`` (``${target * 12}``, ``+ - *``), which prints as a figure
with thousands separators. ``${date …}``, ``${weekday …}``, ``${month …}`` and plain arithmetic
work as in any letter. A cell is plain text: ``**`` and line breaks in it are printed as they are.

**Speed.** The letter is validated and rendered once, with a private-use marker character
standing for each placeholder; per row only the marked texts are filled
(:class:`generator.docx.fill.Slots`), the spec property gets the row's values and a new draft id,
and the package is zipped. The attachment documents every letter shares are rendered once. A row
whose recipient takes another salutation than the marked one (``เรียน`` / ``กราบเรียน``) is
rendered whole, as ``gen-letter new`` renders a letter; so is every row when a marker does not
reach the document (a field the template does not print).

**Errors.** Every problem of the list is found before anything is written and reported as one
line naming the file, the line and the column: not UTF-8, a row with a cell too few or too many,
an empty cell the spec uses, a control character, a calculation over a cell that is not a number,
and a placeholder naming a column the list does not have. The drafts are written into a temporary
folder renamed into place at the end, so a failure leaves no folder of half the letters.

**The folder.** ``output/drafts/<spec name>/`` (or ``-o FOLDER``), one
``<spec name>-<row>.docx`` per row (``-001``, ``-002`` … in the list's order), with
``<…>.bundle.docx`` beside each when the letter carries attachment documents;
``gen-letter issue FOLDER`` issues them all under consecutive numbers
(:mod:`generator.issuing.batch`).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable

from ..errors import UserError

#: The spec fields whose texts may use the row's values.
ROW_FIELDS = ("recipient", "subject", "body", "closing", "copy_to")
_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")
_NAME = re.compile(r"[A-Za-z_]\w*")
_COLUMN = re.compile(r"^[A-Za-z_]\w*$")
_BUILT_IN = ("date ", "weekday ", "month ")
_MARKER_BASE = 0xE000   # Unicode private use area, skipping any character the spec holds
_MARKER_LIMIT = 0x1000  # up to U+EFFF: symbol fonts use U+F0xx, old Thai fonts U+F7xx


@dataclass(frozen=True)
class Table:
    """A batch list: its columns and rows (cells by column), with each row's line."""

    file: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Placeholder:
    """One ``${…}`` of the spec that uses the row's values."""

    expression: str
    names: tuple[str, ...]
    marker: str
    field: str            # where the spec first uses it (for messages)
    line: int | None

    @property
    def plain(self) -> bool:
        """A bare column name (the cell as written), not a calculation."""
        return self.names == (self.expression,)


@dataclass(frozen=True)
class Batch:
    """The drafts written, in the list's order, in ``folder``."""

    folder: Path
    drafts: tuple[Path, ...]
    whole: int = 0        # rows rendered whole (another salutation) instead of filled


def read_table(path: Path) -> Table:
    """The list at ``path``; :class:`UserError` naming file, line and column when it is bad.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "l.csv"
    >>> _ = f.write_text("tambon,target\\nบ้านใหม่,12\\n\\nหนองบัว,7\\n", encoding="utf-8")
    >>> t = read_table(f)
    >>> t.columns, [r["tambon"] for r in t.rows], t.lines
    (('tambon', 'target'), ['บ้านใหม่', 'หนองบัว'], (2, 4))
    >>> _ = f.write_bytes("tambon,target\\nบ้าน,1\\n".encode() + "x,เมือง".encode("tis-620"))
    >>> try:
    ...     read_table(f)
    ... except UserError as error:
    ...     print(error.line, error.field, error.message)
    3 target is not UTF-8 text (byte 0xE0)
    """
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise UserError(f"cannot read the list: {error.strerror}", file=name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[:error.start]
        line = before.count(b"\n") + 1
        head = raw.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
        columns = next(csv.reader([head]), [])
        cells = len(next(csv.reader([before.rsplit(b"\n", 1)[-1].decode()]), None) or [""])
        column = columns[cells - 1].strip() if cells <= len(columns) else None
        raise UserError(f"is not UTF-8 text (byte 0x{raw[error.start]:02X})", file=name,
                        line=line, field=column, hint="save the list as CSV UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise UserError("the list is empty (its first line names the columns)", file=name) from None
    columns = tuple(c.strip() for c in header)
    for i, column in enumerate(columns):
        if not _COLUMN.match(column):
            raise UserError(f"the column name {column!r} is not a name (letters, digits and _, "
                            "not starting with a digit)", file=name, line=1,
                            field=column or f"column {i + 1}")
        if columns.index(column) != i:
            raise UserError("two columns have this name", file=name, line=1, field=column)
    rows, lines = [], []
    line = reader.line_num
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(columns):
                missing = columns[len(cells)] if len(cells) < len(columns) else None
                raise UserError(f"the row has {len(cells)} cells, the list {len(columns)} "
                                "columns" + (f": no {missing}" if missing else ""),
                                file=name, line=start, field=missing or f"column {len(columns) + 1}",
                                hint="quote a cell that holds a comma")
            row = {column: _cell(cell, name, start, column)
                   for column, cell in zip(columns, cells)}
            rows.append(row)
            lines.append(start)
    except csv.Error as error:
        raise UserError(f"is not CSV: {error}", file=name, line=reader.line_num) from None
    if not rows:
        raise UserError("the list has no rows (one letter per row after the column names)",
                        file=name)
    return Table(name, columns, tuple(rows), tuple(lines))


def _cell(cell: str, file: str, line: int, column: str) -> str:
    """A cell as a spec's text is read: no control or invisible characters, Thai marks in
    canonical order (:mod:`generator.thai.hygiene`)."""
    from ..thai.hygiene import normalise, problem_character

    bad = next((ch for ch in cell if ord(ch) < 32 and ch != "\t"), None)
    if bad is not None:
        raise UserError(f"contains the control character U+{ord(bad):04X}", file=file,
                        line=line, field=column)
    problem = problem_character(cell)
    if problem is not None:
        raise UserError(f"contains {problem[1]} ({problem[0]}), invisible in the letter",
                        file=file, line=line, field=column, hint="delete it")
    return normalise(cell.strip())


def placeholders(located, table: Table) -> list[Placeholder]:
    """The spec's placeholders that use the row's values, each with its marker; UserError for
    one in a field that may not use them or naming a column the list does not have."""
    from ..spec.loader import dotted

    found: dict[str, Placeholder] = {}
    used = set(json.dumps(located.data, ensure_ascii=False, default=str))
    free = (chr(c) for c in range(_MARKER_BASE, _MARKER_BASE + _MARKER_LIMIT) if chr(c) not in used)

    def walk(value: Any, path: tuple) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                walk(child, path + (key,))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                walk(child, path + (i,))
        elif isinstance(value, str):
            for match in _PLACEHOLDER.finditer(value):
                inner = match.group(1).strip()
                names = tuple(dict.fromkeys(_NAME.findall(inner)))
                if not names or inner.startswith(_BUILT_IN):
                    continue
                field, line = dotted(path), located.line(path)
                if path[0] not in ROW_FIELDS:
                    raise UserError(f"'${{{inner}}}': the row's values can be used only in "
                                    f"{', '.join(ROW_FIELDS)}", file=located.file, line=line,
                                    field=field)
                unknown = [n for n in names if n not in table.columns]
                if unknown:
                    raise UserError(f"no column '{unknown[0]}', which the spec uses in {field} "
                                    f"(line {line}): '${{{inner}}}'", file=table.file, line=1,
                                    field=unknown[0],
                                    hint="columns: " + ", ".join(table.columns))
                if inner not in found:
                    marker = next(free, None)  # a character the spec itself does not hold
                    if marker is None:
                        raise UserError("too many different placeholders", file=located.file,
                                        line=line, field=field)
                    found[inner] = Placeholder(inner, names, marker, field, line)

    walk(located.data, ())
    return list(found.values())


def _marked(value: Any, marks: dict[str, str]) -> Any:
    """The spec data with each placeholder replaced by its marker (or by its row value)."""
    if isinstance(value, dict):
        return {key: _marked(child, marks) for key, child in value.items()}
    if isinstance(value, list):
        return [_marked(child, marks) for child in value]
    if isinstance(value, str) and "${" in value:
        return _PLACEHOLDER.sub(lambda m: marks.get(m.group(1).strip(), m.group(0)), value)
    return value


def _filled(value: Any, table: dict[int, str]) -> Any:
    if isinstance(value, dict):
        return {key: _filled(child, table) for key, child in value.items()}
    if isinstance(value, list):
        return [_filled(child, table) for child in value]
    if isinstance(value, str):
        return value.translate(table)
    return value


def row_values(found: list[Placeholder], row: dict[str, str], *, file: str,
               line: int) -> dict[str, str]:
    """Each placeholder's text for one row: the cell as written, or the calculation's figure.

    >>> p = [Placeholder("t", ("t",), "a", "body[0]", 3),
    ...      Placeholder("t * 2", ("t",), "b", "body[0]", 3)]
    >>> row_values(p, {"t": "1,250"}, file="l.csv", line=2)
    {'t': '1,250', 't * 2': '2,500'}
    >>> row_values(p, {"t": "สิบ"}, file="l.csv", line=2)
    Traceback (most recent call last):
    generator.errors.UserError: l.csv:2: t: 'สิบ' is not a number, but the spec calculates with it: '${t * 2}'
    >>> row_values(p, {"t": ""}, file="l.csv", line=2)
    Traceback (most recent call last):
    generator.errors.UserError: l.csv:2: t: the cell is empty, but the spec uses it in body[0] (line 3)
    """
    from ..spec.attachments import _figure, evaluate

    values = {}
    for placeholder in found:
        for column in placeholder.names:
            if not row[column]:
                raise UserError(f"the cell is empty, but the spec uses it in {placeholder.field}"
                                f" (line {placeholder.line})", file=file, line=line, field=column)
        if placeholder.plain:
            values[placeholder.expression] = row[placeholder.expression]
            continue
        numbers = {}
        for column in placeholder.names:
            try:
                numbers[column] = Decimal(row[column].replace(",", ""))
            except InvalidOperation:
                raise UserError(f"{row[column]!r} is not a number, but the spec calculates with "
                                f"it: '${{{placeholder.expression}}}'", file=file, line=line,
                                field=column) from None
        try:
            values[placeholder.expression] = _figure(evaluate(placeholder.expression, numbers))
        except (KeyError, ValueError) as error:
            raise UserError(f"'${{{placeholder.expression}}}' is not a calculation: {error}",
                            file=file, line=line, field=placeholder.names[0]) from None
    return values


def batch_folder(spec_path: Path, workspace: Path) -> Path:
    """``output/drafts/<spec name>/``."""
    from ..paths import drafts_dir

    return drafts_dir(workspace) / Path(spec_path).stem


def render_batch(spec_path: str | Path, table: Table | str | Path, workspace: Path,
                 out: str | Path | None = None, *, overwrite: bool = False,
                 registry_url: str | None = None,
                 progress: Callable[[int], None] | None = None) -> Batch:
    """``gen-letter new SPEC --for LIST.csv``: one draft per row (see the module docstring).

    ``table`` is the list's path, or the list as :func:`read_table` read it (to know its
    length first). ``progress`` is called with 1 after each draft. An existing batch folder is replaced only
    with ``overwrite``; on any error nothing is written.
    """
    from ..docx import marks
    from ..docx.fill import Slots
    from ..paths import refuse_archive
    from ..spec.loader import Located, load_yaml
    from ..spec.validate import choose_office, spec_from_located
    from . import _register_lookup, load_offices_for, render
    from .bundle import attachment_parts, combine, needs_bundle
    from .context import in_style
    from .salutations import choose as choose_salutation
    from ..docx.package import Package
    from ..docx.template import letter_package

    spec_path, workspace = Path(spec_path), Path(workspace)
    folder = Path(out) if out is not None else batch_folder(spec_path, workspace)
    refuse_archive(folder, workspace, field="output")
    if folder.exists() and not (overwrite and folder.is_dir()):
        raise UserError("a batch folder is already there (its drafts may hold reviewers' edits)"
                        if folder.is_dir() else "is a file; give a folder for the batch",
                        file=str(folder), hint="use --force to replace it, or -o FOLDER")
    if not isinstance(table, Table):
        table = read_table(Path(table))
    located = load_yaml(spec_path)
    found = placeholders(located, table)
    values = [row_values(found, row, file=table.file, line=line)
              for row, line in zip(table.rows, table.lines)]  # every row checked before writing
    marks_of = {p.expression: p.marker for p in found}
    marked = Located(_marked(located.data, marks_of), located.lines, located.file)
    spec = spec_from_located(marked)
    offices = load_offices_for(workspace)
    style = getattr(choose_office(spec, offices), "digit_style", "thai") or "thai"
    lookup = (_register_lookup(workspace, spec, registry_url)
              if any(ref.agency is None for ref in spec.references) else None)
    template = render(spec, workspace, draft=True, offices=offices, lookup=lookup)
    parts = Package.read(template).parts
    slots = Slots(parts, "".join(marks_of.values()))
    properties = marks.custom_properties_of(parts)
    shared = attachment_parts(spec, workspace, offices, draft=True) if needs_bundle(spec) else []
    salutation = choose_salutation(spec.recipient, spec.salutation)
    # A marker that did not reach the document as one piece of text: fill nothing, render whole.
    complete = all(p.marker in slots.found for p in found)

    width = max(3, len(str(len(table.rows))))
    folder.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    written, whole = [], 0
    try:
        for index, cells in enumerate(values, 1):
            raw = {ord(marks_of[k]): v for k, v in cells.items()}
            data = _filled(spec.data, raw)
            if complete and choose_salutation(data["recipient"], spec.salutation) == salutation:
                filled = slots.fill({ord(marks_of[k]): in_style(v, style)
                                     for k, v in cells.items()})
                own = dict(properties, **marks.spec_properties(data))
                own[marks.DRAFT_PROPERTY] = uuid.uuid4().hex
                filled[marks.CUSTOM_PART] = marks.custom_properties_xml(own)
                docx = letter_package(filled)
            else:
                row_spec = spec_from_located(Located(_filled(marked.data, raw), located.lines,
                                                     located.file))
                docx = render(row_spec, workspace, draft=True, offices=offices, lookup=lookup)
                whole += 1
            target = temp / f"{spec_path.stem}-{index:0{width}d}.docx"
            target.write_bytes(docx)
            if shared:
                target.with_name(f"{target.stem}.bundle.docx").write_bytes(combine(docx, shared))
            written.append(folder / target.name)
            if progress is not None:
                progress(1)
        _swap(temp, folder)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return Batch(folder, tuple(written), whole)


def _swap(temp: Path, folder: Path) -> None:
    """Put the new batch folder in place of ``folder`` (an old one is removed after)."""
    old = None
    if folder.exists():
        old = folder.with_name(f".{folder.name}.old-{uuid.uuid4().hex[:8]}")
        folder.rename(old)
    temp.rename(folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

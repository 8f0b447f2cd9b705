"""Recipient lists: ``registry/recipients/<name>.yaml`` (or ``<name>.csv``), the offices a
circular goes to, one entry each.

A letter spec names a list (``recipients: districts``); the circular then prints the list as
its distribution list (บัญชีรายชื่อผู้รับ, see :mod:`generator.render.bundle`), issuing keeps one
delivery record per entry (:mod:`.deliveries`), and ``export ecms`` writes one message per
entry.

Format (YAML, read by the project's one loader, :mod:`generator.spec.loader`)::

    title: นายอำเภอ ทุกอำเภอ ในจังหวัดอุดรธานี     # optional
    recipients:
      - position: นายอำเภอเมืองอุดรธานี              # required: who the letter is addressed to
        agency: ที่ทำการปกครองอำเภอเมืองอุดรธานี       # optional
        name: นายสมชาย ใจดี                        # optional: the holder's name
        ministry_id: "15000"                       # e-GIF ids (text: keep the leading zeros)
        organization_id: "1500100"
        email: saraban@example.go.th

A CSV file has a header row with the same field names. Every problem is one
:class:`UserError` naming the file, the line and the field. A position given twice in one list
is refused (each entry is one delivery). List names are file names: letters, digits, ``_``,
``-`` and ``.``.

A list is read once per operation and keeps the SHA-256 of the bytes it was read from
(``RecipientList.sha256``): ``gen-letter new`` records it in the draft (``GenLetterSources``,
key ``recipients``) and issuing refuses the draft, naming the list file, when the list has
changed since (:func:`check_unchanged`): the distribution list printed and the delivery records
are those of the reviewed draft.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError

FOLDER = Path("registry") / "recipients"
FIELDS = ("position", "agency", "name", "ministry_id", "organization_id", "email")
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Recipient:
    """One entry of a list: the position a letter is addressed to, and how to reach it."""

    position: str
    agency: str = ""
    name: str = ""
    ministry_id: str = ""
    organization_id: str = ""
    email: str = ""


@dataclass(frozen=True)
class RecipientList:
    name: str
    title: str
    recipients: tuple[Recipient, ...]
    source: str
    sha256: str = ""    # of the file's bytes as read


def is_list_name(text: str) -> bool:
    """Can ``text`` name a list (as opposed to a position written out)?

    >>> is_list_name("districts"), is_list_name("นายอำเภอเมืองหนองคาย")
    (True, False)
    """
    return re.fullmatch(NAME_PATTERN, text) is not None


def list_path(workspace: Path, name: str) -> Path | None:
    """The file of list ``name`` (``.yaml``, ``.yml`` or ``.csv``), or None."""
    folder = Path(workspace) / FOLDER
    for suffix in (".yaml", ".yml", ".csv"):
        path = folder / f"{name}{suffix}"
        if path.is_file():
            return path
    return None


def list_names(workspace: Path) -> list[str]:
    folder = Path(workspace) / FOLDER
    if not folder.is_dir():
        return []
    return sorted({p.stem for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".csv")})


def load_list(workspace: Path, name: str, *, file: str | None = None, field: str = "recipients",
              line: int | None = None) -> RecipientList:
    """The list ``name`` of the workspace. ``file``/``field``/``line`` say where the name was
    given, for the error when there is no such list."""
    if not is_list_name(name):
        raise UserError(f"{name!r} is not a list name (letters, digits, _ - .)", file=file,
                        field=field, line=line)
    path = list_path(workspace, name)
    if path is None:
        known = ", ".join(list_names(workspace)) or "none"
        raise UserError(f"no recipient list {name!r} in {FOLDER.as_posix()}/", file=file,
                        field=field, line=line, hint=f"lists: {known}")
    return read_list(path)


def read_list(path: Path) -> RecipientList:
    """Read and check one list file."""
    path = Path(path)
    file = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(f"cannot read: {error.strerror}", file=file) from None
    try:
        text = data.decode("utf-8-sig" if path.suffix == ".csv" else "utf-8")
    except UnicodeDecodeError:
        raise UserError("is not UTF-8 text", file=file) from None
    if path.suffix == ".csv":
        title, entries = _read_csv(text, file)
    else:
        title, entries = _read_yaml(text, file)
    recipients = []
    seen: dict[str, int] = {}
    for index, (line, raw) in enumerate(entries):
        where = f"recipients[{index}]"
        unknown = sorted(set(raw) - set(FIELDS))
        if unknown:
            raise UserError(f"unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})",
                            file=file, field=f"{where}.{unknown[0]}", line=line)
        values = {}
        for key in FIELDS:
            value = raw.get(key)
            if value is not None and not isinstance(value, (str, int)):
                raise UserError("must be text", file=file, field=f"{where}.{key}", line=line)
            values[key] = " ".join(str(value if value is not None else "").split())
        if not values["position"]:
            raise UserError("is required (the position the letter is addressed to)", file=file,
                            field=f"{where}.position", line=line)
        if values["email"] and not _EMAIL.match(values["email"]):
            raise UserError(f"{values['email']!r} is not an e-mail address", file=file,
                            field=f"{where}.email", line=line)
        if values["position"] in seen:
            raise UserError(f"{values['position']!r} is listed twice (first on line "
                            f"{seen[values['position']]})", file=file,
                            field=f"{where}.position", line=line)
        seen[values["position"]] = line
        recipients.append(Recipient(**values))
    if not recipients:
        raise UserError("lists no recipient", file=file, field="recipients")
    return RecipientList(path.stem, title, tuple(recipients), file,
                         _sha256(data))


def check_unchanged(recipients: RecipientList, recorded: str | None, *, name: str) -> None:
    """Refuse a draft (``name``) made with another version of the list than the one read now
    (``recorded``: the SHA-256 the draft keeps; None when it keeps none).

    >>> listed = RecipientList("d", "", (Recipient("นายอำเภอเพ็ญ"),), "registry/recipients/d.yaml", "ab")
    >>> check_unchanged(listed, "ab", name="x.docx")
    >>> check_unchanged(listed, "cd", name="x.docx")
    Traceback (most recent call last):
    generator.errors.UserError: registry/recipients/d.yaml: has changed since the draft x.docx was made (its SHA-256 differs from the one recorded in the draft) (make the draft again with gen-letter new, and review it)
    """
    if recorded != recipients.sha256:
        raise UserError(f"has changed since the draft {name} was made (its SHA-256 differs "
                        "from the one recorded in the draft)", file=recipients.source,
                        hint="make the draft again with gen-letter new, and review it")


def _read_yaml(text: str, file: str) -> tuple[str, list[tuple[int, dict]]]:
    from ..spec.loader import load_yaml_text

    located = load_yaml_text(text, file)
    data = located.data
    if not isinstance(data, dict):
        raise UserError("a recipient list is a mapping with 'recipients'", file=file, line=1)
    unknown = sorted(set(data) - {"title", "recipients"})
    if unknown:
        raise UserError(f"unknown field {unknown[0]!r} (fields: title, recipients)", file=file,
                        field=unknown[0], line=located.line((unknown[0],)))
    items = data.get("recipients")
    if not isinstance(items, list):
        raise UserError("must be a list of entries", file=file, field="recipients",
                        line=located.line(("recipients",)))
    entries = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            item = {"position": item}
        if not isinstance(item, dict):
            raise UserError("an entry is a position or a mapping with 'position'", file=file,
                            field=f"recipients[{i}]", line=located.line(("recipients", i)))
        entries.append((located.line(("recipients", i)), item))
    title = data.get("title")
    return (" ".join(str(title).split()) if title else ""), entries


def _read_csv(text: str, file: str) -> tuple[str, list[tuple[int, dict]]]:
    import csv  # read only where a recipient list is (the quick commands never are)

    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "position" not in reader.fieldnames:
        raise UserError("the header row must name the fields (position required: "
                        f"{', '.join(FIELDS)})", file=file, line=1)
    entries = []
    for row in reader:
        if None in row:
            raise UserError("has more cells than the header row", file=file,
                            line=reader.line_num)
        entries.append((reader.line_num, {k: v for k, v in row.items() if v not in (None, "")}))
    return "", entries


def _sha256(data: bytes) -> str:
    import hashlib  # imported on first use: the quick commands never hash a list

    return hashlib.sha256(data).hexdigest()

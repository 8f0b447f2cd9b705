"""Validate a letter spec: JSON Schema for the structure, then the checks a schema cannot make.

Every problem is a :class:`~generator.errors.UserError` naming the file, the line and the field,
with a suggestion where one exists (an unknown field: the closest valid name; an unknown signer:
the known ones).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from ..errors import UserError
from .loader import Located, dotted, load_yaml, load_yaml_text
from .model import Attachment, Block, Item, LetterSpec, Reference
from .schema import FIELDS, SCHEMA

_VALIDATORS: dict[int, Any] = {}


def compiled_validator(schema: dict):
    """The validator of a JSON Schema, compiled once per schema."""
    if id(schema) not in _VALIDATORS:
        from jsonschema import Draft202012Validator

        _VALIDATORS[id(schema)] = Draft202012Validator(schema)
    return _VALIDATORS[id(schema)]


def _validator():
    """The letter spec's validator."""
    return compiled_validator(SCHEMA)


def _suggest(word: str, choices: Iterable[str]) -> str | None:
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    if close:
        return f"did you mean '{close[0]}'?"
    return "valid fields: " + ", ".join(choices) if choices else None


def _fields_at(path: tuple) -> list[str]:
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return FIELDS[""]
    if names[-1] in ("items",) or (names[0] == "body" and len(path) > 2):
        return FIELDS["item"]
    return FIELDS.get(names[-1], FIELDS[""])


_TYPE_WORDS = {"string": "text", "array": "a list", "object": "a mapping of fields",
               "integer": "a whole number", "number": "a number", "boolean": "yes or no"}


def _deepest(error):
    """For an ``anyOf`` failure, the error of the branch that fits the value's type best."""
    while error.validator == "anyOf" and error.context:
        instance = error.instance
        fitting = [e for e in error.context if e.validator != "type"
                   and not (e.validator in ("minLength",) and not isinstance(instance, str))]
        if isinstance(instance, dict):
            fitting = [e for e in fitting if e.validator not in ("enum", "const")] or fitting
        if not fitting:
            break
        error = min(fitting, key=lambda e: -len(e.absolute_path))
    return error


def _schema_error(error, located: Located) -> UserError:
    error = _deepest(error)
    path = tuple(error.absolute_path)
    file = located.file
    if error.validator == "additionalProperties":
        allowed = _fields_at(path)
        extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
        key = extra[0] if extra else "?"
        return UserError(f"unknown field '{key}'", file=file, field=dotted(path + (key,)) or key,
                         line=located.line(path + (key,)), hint=_suggest(key, allowed))
    if error.validator == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        name = missing[0] if missing else "?"
        return UserError(f"missing field '{name}'", file=file, field=dotted(path) or None,
                         line=located.line(path))
    field = dotted(path) or "(top level)"
    line = located.line(path)
    if error.validator == "enum":
        return UserError(f"{error.instance!r} is not allowed", file=file, field=field, line=line,
                         hint="one of: " + ", ".join(map(str, error.validator_value)))
    if error.validator == "type" or (error.validator == "anyOf" and not error.context):
        wanted = error.validator_value if error.validator == "type" else "string"
        return UserError(f"must be {_TYPE_WORDS.get(wanted, wanted)}, not {type_name(error.instance)}",
                         file=file, field=field, line=line)
    if error.validator == "anyOf":
        wanted = []
        for sub in error.context:
            if sub.validator == "type":
                word = _TYPE_WORDS.get(sub.validator_value, sub.validator_value)
                if word not in wanted:
                    wanted.append(word)
        return UserError(f"must be {' or '.join(wanted) or 'something else'}, "
                         f"not {type_name(error.instance)}", file=file, field=field, line=line)
    if error.validator == "minLength":
        return UserError("must not be empty", file=file, field=field, line=line)
    if error.validator == "minItems":
        return UserError("needs at least one entry", file=file, field=field, line=line)
    if error.validator == "minimum":
        return UserError(f"must be at least {error.validator_value}", file=file, field=field,
                         line=line)
    return UserError(error.message, file=file, field=field, line=line)


def type_name(value: Any) -> str:
    """How a YAML value's type is called in messages.

    >>> type_name(None), type_name([1]), type_name("x")
    ('nothing', 'a list', 'text')
    """
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__


def _check_text(value: Any, path: tuple, located: Located) -> None:
    """Reject control characters (other than line feed and tab) in any text field."""
    if isinstance(value, dict):
        for key, child in value.items():
            _check_text(child, path + (key,), located)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            _check_text(child, path + (i,), located)
    elif isinstance(value, str):
        for ch in value:
            # Control characters (but line feed and tab), lone surrogates and the two
            # non-characters XML cannot carry.
            if (unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t") \
                    or ch in "\ufffe\uffff":
                raise UserError(f"contains the control character U+{ord(ch):04X}",
                                file=located.file, field=dotted(path), line=located.line(path),
                                hint="remove it; it cannot appear in a Word document")


def _parse_iso(text: str, path: tuple, located: Located) -> date:
    try:
        parts = [int(p) for p in text.strip().split("-")]
        if len(parts) != 3 or len(text.strip()) != 10:
            raise ValueError
    except ValueError:
        raise UserError(f"'{text}' is not a date in the form YYYY-MM-DD", file=located.file,
                        field=dotted(path), line=located.line(path),
                        hint="e.g. 2024-10-25 (Christian era)") from None
    try:
        return date(*parts)
    except ValueError:
        raise UserError(f"'{text}' is not a real date", file=located.file, field=dotted(path),
                        line=located.line(path)) from None


def _parse_any_date(text: str, path: tuple, located: Located) -> date:
    """A reference's date: ISO, or as the letter printed it (``๓๑ มกราคม ๒๕๖๖``)."""
    stripped = text.strip()
    if len(stripped) == 10 and stripped[4] == "-" and stripped[:4].isascii():
        return _parse_iso(stripped, path, located)
    from ..thai.dates import parse_date
    from ..thai.errors import ThaiValueError

    try:
        return parse_date(stripped)
    except (ThaiValueError, ValueError) as error:
        raise UserError(f"'{text}' is not a date: {error}", file=located.file, field=dotted(path),
                        line=located.line(path), hint="write it as YYYY-MM-DD") from None


def _text_of(value: Any) -> str:
    return str(value).strip()


def _item(value: Any, path: tuple = (), cite=lambda text, path: text) -> Item:
    if isinstance(value, str):
        return Item(text=cite(value.strip(), path))
    return Item(text=cite(value["text"].strip(), path + ("text",)),
                items=tuple(_item(v, path + ("items", i), cite)
                            for i, v in enumerate(value.get("items", []))),
                paragraphs=tuple(cite(v.strip(), path + ("paragraphs", i))
                                 for i, v in enumerate(value.get("paragraphs", []))))


# --- attachments and the body's citations of them ------------------------------------------------

_CITE_TAG = re.compile(r"\[\[([^\[\]]+)\]\]")
_CITE_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CITE_WRITTEN = re.compile(r"สิ่งที่ส่งมาด้วย\s*(?:ที่\s*)?([0-9๐-๙]+)(?:\s*[-–,]\s*([0-9๐-๙]+))?")


def _with_placeholders(cite, located: Located):
    """The body's ``${date …}``, ``${weekday …}``, ``${month …}`` and ``${1 + 2}`` worked out as
    in attachment specs (a letter has no ``values:``, so a name is an error naming its field and
    line), before the citations of attachments are checked."""
    from .attachments import _Context

    context = _Context(located, {}, Path("."), kind="letter")
    return lambda text, path: cite(context.text(text, path), path)


def _base_dir(located: Located, base: Path | None) -> Path | None:
    """The folder that attachment paths are relative to: the spec's own folder."""
    if base is not None:
        return Path(base)
    source = Path(located.file)
    return source.resolve().parent if source.is_file() else None


def _resolve(value: str, path: tuple, located: Located, base: Path | None) -> Path | None:
    """An attachment path made absolute; UserError when the file does not exist."""
    if base is None:
        return None
    found = (base / value.strip()).resolve()
    if not found.is_file():
        raise UserError(f"the file '{value}' does not exist", file=located.file,
                        field=dotted(path), line=located.line(path),
                        hint=f"paths are relative to the spec's folder ({base})")
    return found


def _attachment(value: dict, path: tuple, located: Located, base: Path | None) -> Attachment:
    quantity = value.get("quantity")
    given = [k for k in ("document", "file", "url") if k in value]
    if len(given) > 1:
        raise UserError(f"an attachment is a document, a file or a link, not {' and '.join(given)}",
                        file=located.file, field=dotted(path), line=located.line(path))
    url = None
    if "url" in value:
        url = value["url"].strip()
        if re.search(r"\s", url):
            raise UserError(f"the link '{url}' contains a space", file=located.file,
                            field=dotted(path + ("url",)), line=located.line(path + ("url",)),
                            hint="a link has no spaces; write %20 or remove them")
        if not re.match(r"^(https?|mailto):", url):
            raise UserError(f"'{url}' is not a link (http://, https:// or mailto:)",
                            file=located.file, field=dotted(path + ("url",)),
                            line=located.line(path + ("url",)))
        from ..thai.digits import to_arabic_digits

        url = to_arabic_digits(url)
    document = _resolve(value["document"], path + ("document",), located, base) \
        if "document" in value else None
    if document is not None:
        from .attachments import load_attachment

        load_attachment(document)  # its own errors name its own file, line and field
    return Attachment(
        title=value["title"].strip(),
        quantity=None if quantity is None else _text_of(quantity),
        unit=value.get("unit", "ชุด" if isinstance(quantity, int) else None),
        id=value.get("id"), document=document, url=url,
        file=_resolve(value["file"], path + ("file",), located, base) if "file" in value else None)


def _citations(ids: list[str | None], located: Located):
    """The function that writes a text's citation tags as attachment numbers and refuses
    citations of attachments the letter does not have.

    ``[[plan]]`` → ``2``; ``[[criteria - plan]]`` → ``1 - 2`` (what stands between the names is
    kept); a number written out (``สิ่งที่ส่งมาด้วย 4``) must be one of the letter's attachments.
    """
    count = len(ids)

    def cite(text: str, path: tuple) -> str:
        def number(match: re.Match) -> str:
            name = match.group(0)
            if name not in ids:
                known = ", ".join(i for i in ids if i) or "none"
                raise UserError(f"cites the attachment '{name}', which the letter does not have",
                                file=located.file, field=dotted(path), line=located.line(path),
                                hint=f"attachment ids: {known}")
            return str(ids.index(name) + 1)

        text = _CITE_TAG.sub(lambda m: _CITE_ID.sub(number, m.group(1)), text)
        from ..thai.digits import to_arabic_digits

        for match in _CITE_WRITTEN.finditer(text):
            for group in match.groups():
                if group and not 1 <= int(to_arabic_digits(group)) <= count:
                    raise UserError(f"cites สิ่งที่ส่งมาด้วย {group}, but the letter has "
                                    f"{count} attachment{'s' if count != 1 else ''}",
                                    file=located.file, field=dotted(path), line=located.line(path),
                                    hint="cite attachments by id: [[id]]")
        return text

    return cite


def schema_errors(located: Located, validator, what: str) -> list:
    """The schema errors of a parsed spec, first in the file first; a spec that is not a
    mapping is refused at once (``what``: "a letter spec", "an attachment spec")."""
    data = located.data
    if not isinstance(data, dict):
        raise UserError(f"{what} must be a mapping of fields, not {type_name(data)}",
                        file=located.file, line=located.line(()))
    return sorted(validator.iter_errors(data),
                  key=lambda e: (located.line(tuple(e.absolute_path)) or 0, len(e.absolute_path)))


def spec_from_located(located: Located, base: Path | None = None) -> LetterSpec:
    """Validate parsed YAML and build the typed spec."""
    data = located.data
    errors = schema_errors(located, _validator(), "a letter spec")
    if errors:
        raise _schema_error(errors[0], located)
    _check_text(data, (), located)

    letter_date = _parse_iso(data["date"], ("date",), located) if "date" in data else None
    references = []
    for i, ref in enumerate(data.get("references", [])):
        if isinstance(ref, str):
            references.append(Reference(number=ref.strip()))
            continue
        ref_date = _parse_any_date(ref["date"], ("references", i, "date"), located) \
            if "date" in ref else None
        if "agency" in ref and ref_date is None:
            raise UserError("an external letter needs its date", file=located.file,
                            field=f"references[{i}].date", line=located.line(("references", i)),
                            hint="add date: YYYY-MM-DD")
        references.append(Reference(number=ref["number"].strip(), agency=ref.get("agency"),
                                    date=ref_date, speed=ref.get("speed"),
                                    kind=ref.get("kind", "หนังสือ")))
    base = _base_dir(located, base)
    attachments = []
    for i, value in enumerate(data.get("attachments", [])):
        if isinstance(value, str):
            attachments.append(Attachment(title=value.strip()))
        else:
            attachments.append(_attachment(value, ("attachments", i), located, base))
    ids = [a.id for a in attachments]
    for i, key in enumerate(ids):
        if key is not None and ids.index(key) != i:
            raise UserError(f"two attachments have the id '{key}'", file=located.file,
                            field=f"attachments[{i}].id", line=located.line(("attachments", i, "id")))
    cite = _with_placeholders(_citations(ids, located), located)
    body = []
    for b, value in enumerate(data["body"]):
        if isinstance(value, str):
            body.append(Block(text=cite(value.strip(), ("body", b))))
        else:
            body.append(Block(items=tuple(_item(v, ("body", b, "items", i), cite)
                                          for i, v in enumerate(value["items"]))))
    attachment_list = None
    if "attachment_list" in data:
        attachment_list = _resolve(data["attachment_list"], ("attachment_list",), located, base)
        if attachment_list is not None:
            from .attachments import load_attachment

            if load_attachment(attachment_list).kind != "attachment_list":
                raise UserError("is not an attachment_list spec", file=located.file,
                                field="attachment_list", line=located.line(("attachment_list",)),
                                hint="its kind must be attachment_list")

    extra = _kind_fields(data, located, cite)

    plain = dict(data)
    if letter_date:
        plain["date"] = letter_date.isoformat()
    return LetterSpec(
        kind=data["kind"], recipient=_stripped(data.get("recipient")),
        subject=data["subject"].strip(), body=tuple(body), closing=_stripped(data.get("closing")),
        signer=data["signer"].strip(),
        office=data.get("office"), unit=None if data.get("unit") is None else str(data["unit"]),
        salutation=data.get("salutation"), speed=data.get("speed"), secrecy=data.get("secrecy"),
        references=tuple(references), attachments=tuple(attachments), acting=data.get("acting"),
        principal=data.get("principal"), copy_to=tuple(s.strip() for s in data.get("copy_to", [])),
        date=letter_date, attachment_list=attachment_list, extra=extra,
        recipients=data.get("recipients"), source=located.file,
        lines=dict(located.lines), data=plain)


def _stripped(value: str | None) -> str | None:
    return value.strip() if value is not None else None


class _KindReader:
    """What a kind's ``read`` function (:mod:`generator.kinds`) gets: errors naming the field
    and line, the body's items and ISO dates read as the rest of the spec."""

    def __init__(self, located: Located, cite):
        self.located, self.cite = located, cite

    def fail(self, message: str, path: tuple, hint: str | None = None) -> UserError:
        return UserError(message, file=self.located.file, field=dotted(path),
                         line=self.located.line(path), hint=hint)

    def item(self, value: Any, path: tuple) -> Item:
        return _item(value, path, self.cite)

    def date(self, text: str, path: tuple) -> date:
        return _parse_iso(text, path, self.located)


def _kind_fields(data: dict, located: Located, cite) -> dict:
    """Refuse the fields the spec's kind does not use (an order has no recipient) and read the
    kind's own fields (:data:`generator.kinds.KINDS`)."""
    from ..kinds import kind

    chosen = kind(data["kind"])
    for key in data:
        if key not in chosen.fields:
            raise UserError(f"a document of kind '{chosen.name}' ({chosen.thai}) has no field '{key}'",
                            file=located.file, field=key, line=located.line((key,)),
                            hint="remove it, or choose another kind")
    return chosen.read(data, _KindReader(located, cite)) if chosen.read else {}


def load_spec(path: str | Path) -> LetterSpec:
    """Read and validate a letter spec YAML file."""
    return spec_from_located(load_yaml(Path(path)))


def spec_from_text(text: str, source: str = "<spec>") -> LetterSpec:
    """Validate a letter spec given as YAML text.

    >>> spec = spec_from_text("kind: circular\\nrecipient: นายอำเภอ\\nsubject: ทดสอบ\\n"
    ...                       "body: [ด้วย…]\\nclosing: เพื่อโปรดทราบ\\nsigner: pranee\\n")
    >>> spec.kind, spec.body[0].text
    ('circular', 'ด้วย…')
    >>> spec_from_text("kind: circular\\nsubjct: x\\n", "a.yaml")
    Traceback (most recent call last):
    ...
    generator.errors.UserError: a.yaml:2: subjct: unknown field 'subjct' (did you mean 'subject'?)
    """
    return spec_from_located(load_yaml_text(text, source))


def spec_from_data(data: dict, source: str = "<spec>", base: Path | None = None) -> LetterSpec:
    """Validate a spec given as data (e.g. the ``GenLetterSpec`` property of a draft); ``base``
    is the folder its attachment paths are relative to (without it they stay unresolved)."""
    return spec_from_located(Located(data, {(): None}, source), base)


# --- checks against the office profile ----------------------------------------------------------

def choose_office(spec: LetterSpec, offices: dict) -> Any:
    """The office the spec's letter is from: ``office:`` or the only one there is."""
    if not offices:
        raise UserError("the workspace has no office profile (registry/*.yaml)", file=spec.source)
    if spec.office is None:
        if len(offices) == 1:
            return next(iter(offices.values()))
        raise UserError("the workspace has several offices; say which", file=spec.source,
                        field="office", line=spec.line(),
                        hint="add office: one of " + ", ".join(sorted(offices)))
    if spec.office not in offices:
        raise UserError(f"unknown office '{spec.office}'", file=spec.source, field="office",
                        line=spec.line("office"), hint="known offices: " + ", ".join(sorted(offices)))
    return offices[spec.office]


def choose_signer(spec: LetterSpec, office: Any) -> Any:
    signers = dict(getattr(office, "signers", {}) or {})
    if spec.signer not in signers:
        close = difflib.get_close_matches(spec.signer, list(signers), n=1, cutoff=0.5)
        known = ", ".join(f"{key} ({getattr(s, 'name', '')})" for key, s in sorted(signers.items()))
        hint = (f"did you mean '{close[0]}'? " if close else "") + f"known signers: {known or 'none'}"
        raise UserError(f"unknown signer '{spec.signer}'", file=spec.source, field="signer",
                        line=spec.line("signer"), hint=hint)
    signer = signers[spec.signer]
    acting = spec.acting if spec.acting is not None else getattr(signer, "acting", None)
    if acting == "none":
        acting = None
    principal = spec.principal or getattr(signer, "principal", None)
    if acting and not principal:
        raise UserError(f"'{acting}' needs the principal's position", file=spec.source,
                        field="principal", line=spec.line("acting"),
                        hint="add principal: e.g. ผู้ว่าราชการจังหวัด…")
    return signer, acting, principal


def choose_unit(spec: LetterSpec, office: Any) -> Any:
    units = dict(getattr(office, "units", {}) or {})
    if spec.unit is None:
        if len(units) <= 1:
            return next(iter(units.values()), None), next(iter(units), None)
        raise UserError("the office has several units; say which owns the matter",
                        file=spec.source, field="unit", line=spec.line(),
                        hint="add unit: one of " + ", ".join(sorted(units)))
    from ..thai.digits import to_arabic_digits

    key = "".join(to_arabic_digits(spec.unit).split())
    if key not in units:
        raise UserError(f"unknown unit '{spec.unit}'", file=spec.source, field="unit",
                        line=spec.line("unit"),
                        hint="known units: " + ", ".join(f"{k} ({getattr(u, 'name', '')})"
                                                         for k, u in sorted(units.items())))
    return units[key], key

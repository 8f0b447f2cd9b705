"""Validate a letter spec: JSON Schema for the structure, then the checks a schema cannot make.

Every problem is a :class:`~generator.errors.UserError` naming the file, the line and the field,
with a suggestion where one exists (an unknown field: the closest valid name; an unknown signer:
the known ones).
"""

from __future__ import annotations

import difflib
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from ..errors import UserError
from .loader import Located, dotted, load_yaml, load_yaml_text
from .model import Attachment, Block, Item, LetterSpec, Reference
from .schema import FIELDS, SCHEMA

_VALIDATOR = None


def _validator():
    """The compiled schema validator (built once)."""
    global _VALIDATOR
    if _VALIDATOR is None:
        from jsonschema import Draft202012Validator

        _VALIDATOR = Draft202012Validator(SCHEMA)
    return _VALIDATOR


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
               "integer": "a whole number"}


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


def _item(value: Any) -> Item:
    if isinstance(value, str):
        return Item(text=value.strip())
    return Item(text=value["text"].strip(),
                items=tuple(_item(v) for v in value.get("items", [])),
                paragraphs=tuple(v.strip() for v in value.get("paragraphs", [])))


def spec_from_located(located: Located) -> LetterSpec:
    """Validate parsed YAML and build the typed spec."""
    data = located.data
    if not isinstance(data, dict):
        raise UserError(f"a letter spec must be a mapping of fields, not {type_name(data)}",
                        file=located.file, line=located.line(()))
    errors = sorted(_validator().iter_errors(data),
                    key=lambda e: (located.line(tuple(e.absolute_path)) or 0, len(e.absolute_path)))
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
    attachments = []
    for value in data.get("attachments", []):
        if isinstance(value, str):
            attachments.append(Attachment(title=value.strip()))
        else:
            quantity = value.get("quantity")
            attachments.append(Attachment(
                title=value["title"].strip(),
                quantity=None if quantity is None else _text_of(quantity),
                unit=value.get("unit", "ชุด" if isinstance(quantity, int) else None)))
    body = []
    for value in data["body"]:
        if isinstance(value, str):
            body.append(Block(text=value.strip()))
        else:
            body.append(Block(items=tuple(_item(v) for v in value["items"])))

    plain = dict(data)
    if letter_date:
        plain["date"] = letter_date.isoformat()
    return LetterSpec(
        kind=data["kind"], recipient=data["recipient"].strip(), subject=data["subject"].strip(),
        body=tuple(body), closing=data["closing"].strip(), signer=data["signer"].strip(),
        office=data.get("office"), unit=None if data.get("unit") is None else str(data["unit"]),
        salutation=data.get("salutation"), speed=data.get("speed"), secrecy=data.get("secrecy"),
        references=tuple(references), attachments=tuple(attachments), acting=data.get("acting"),
        principal=data.get("principal"), copy_to=tuple(s.strip() for s in data.get("copy_to", [])),
        date=letter_date, source=located.file, lines=dict(located.lines), data=plain)


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


def spec_from_data(data: dict, source: str = "<spec>") -> LetterSpec:
    """Validate a spec given as data (e.g. the ``GenLetterSpec`` property of a draft)."""
    return spec_from_located(Located(data, {(): None}, source))


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

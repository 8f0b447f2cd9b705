"""The JSON Schema of a letter spec (the YAML a member of staff writes for ``gen-letter new``).

Structure only; what needs the office profile (does the signer exist?) or the calendar (is
2024-02-30 a date?) is checked in :mod:`generator.spec.validate`. The kinds and their own fields
come from the table of document kinds (:data:`generator.kinds.KINDS`): each kind's fields are
added here, and the fields each kind requires become one ``if kind … then required`` rule.
"""

from __future__ import annotations

from .. import kinds as _kinds
from ..thai import vocabulary

SPEEDS = list(vocabulary.SPEEDS)
SECRECY = list(vocabulary.SECRECY)
ACTING = list(vocabulary.ACTING)
_SPEED = {"anyOf": [{"enum": SPEEDS}, {"type": "string", "pattern": vocabulary.SPEED_WITHIN_PATTERN}]}
SALUTATIONS = ["เรียน", "กราบเรียน", "นมัสการ"]
KINDS = list(_kinds.NAMES)

_text = {"type": "string", "minLength": 1}
_number_like = {"anyOf": [{"type": "string", "minLength": 1}, {"type": "integer"}]}

_item: dict = {
    "anyOf": [
        _text,
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["text"],
            "properties": {
                "text": _text,
                "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
                "paragraphs": {"type": "array", "items": _text},
            },
        },
    ]
}

SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "gen-letter letter spec",
    "type": "object",
    "additionalProperties": False,
    # the fields a kind requires first, so that a letter missing its recipient says so first
    "allOf": [{"if": {"properties": {"kind": {"const": k.name}}, "required": ["kind"]},
               "then": {"required": list(k.required)}}
              for k in _kinds.KINDS.values() if k.required],
    "required": ["kind", "subject", "body", "signer"],
    "$defs": {"item": _item},
    "properties": {
        "kind": {"enum": KINDS},
        "office": _text,
        "unit": _number_like,
        "recipient": _text,
        "salutation": {"enum": SALUTATIONS},
        "subject": _text,
        "speed": _SPEED,
        "secrecy": {"enum": SECRECY},
        "references": {
            "type": "array",
            "items": {
                "anyOf": [
                    _text,
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["number"],
                        "properties": {
                            "agency": _text,
                            "number": _text,
                            "date": _text,
                            "speed": _SPEED,
                            "kind": {"enum": ["หนังสือ", "บันทึกข้อความ", "คำสั่ง", "ประกาศ"]},
                        },
                    },
                ]
            },
        },
        "attachments": {
            "type": "array",
            "items": {
                "anyOf": [
                    _text,
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["title"],
                        "properties": {
                            "title": _text,
                            "quantity": {"anyOf": [{"type": "integer", "minimum": 1}, _text]},
                            "unit": _text,
                            # the name the body cites it by: [[id]] → its number
                            "id": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"},
                            "document": _text,   # an attachment spec (path relative to this file)
                            "file": _text,       # a file sent with the letter (relative path)
                            "url": _text,        # a link (printed and as a QR code)
                        },
                    },
                ]
            },
        },
        "body": {
            "type": "array",
            "minItems": 1,
            "items": {
                "anyOf": [
                    _text,
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["items"],
                        "properties": {"items": {"type": "array", "minItems": 1,
                                                 "items": {"$ref": "#/$defs/item"}}},
                    },
                ]
            },
        },
        "owner": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name"],
            "properties": {"name": _text, "parent": _text, "phone": _number_like,
                           "fax": _number_like, "email": _text},
        },
        "slogan": {"type": "boolean"},
        # the heading (agency line, address lines) and the owner's phone line as the letter prints
        # them, when they are not the office profile's (an imported letter keeps its own)
        "heading": {"type": "array", "minItems": 1, "items": _text},
        "phone": _text,
        # an attachment_list spec (relative path): the QR list of the letter's attachments
        "attachment_list": _text,
        "closing": _text,
        "signer": _text,
        "acting": {"anyOf": [{"enum": ACTING}, {"const": "none"}]},
        "principal": _text,
        "copy_to": {"type": "array", "items": _text},
        # a recipient list of the registry (registry/recipients/<name>.yaml): a circular's
        # distribution list, printed after the letter; one delivery record per entry
        "recipients": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$"},
        "date": _text,
        # the fields of one kind (an order's committee …), from the table of kinds
        **{name: value for k in _kinds.KINDS.values() for name, value in k.schema.items()},
    },
}

#: Field names a mapping may hold, by where it sits; used to suggest the closest valid name.
FIELDS = {
    "": sorted(SCHEMA["properties"]),
    "references": ["agency", "number", "date", "speed", "kind"],
    "attachments": ["title", "quantity", "unit", "id", "document", "file", "url"],
    "body": ["items"],
    "item": ["text", "items", "paragraphs"],
    "owner": ["name", "parent", "phone", "fax", "email"],
    "committee": ["name", "position", "role"],
    "amends": ["number"],
    "duties": ["text", "items", "paragraphs"],
}

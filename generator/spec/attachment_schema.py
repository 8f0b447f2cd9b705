"""The JSON Schema of an attachment spec: ``attachment_list``, ``booklet`` and ``schedule``.

An attachment document is a title block and a list of content blocks. The three kinds share the
block vocabulary (the seeds mix them: seed 003's schedule has numbered notes, seed 001's booklet a
plan table); each kind has its own stock template (running header, title layout). What needs the
calendar or arithmetic (ISO dates, ``${…}`` totals) is checked in
:mod:`generator.spec.attachments`.
"""

from __future__ import annotations

KINDS = ["attachment_list", "booklet", "schedule"]

_text = {"type": "string", "minLength": 1}
_texts = {"anyOf": [_text, {"type": "array", "minItems": 1, "items": _text}]}
_iso_month = {"type": "string", "pattern": r"^\d{4}-\d{2}$"}

#: A table cell: text, or several paragraphs.
_cell = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}

_when = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "month": _iso_month,                                   # ตุลาคม ๒๕๖๗
        "months": {"type": "array", "minItems": 2, "maxItems": 2, "items": _iso_month},  # range
        "by": _text,                                           # ภายในวันที่ ๓๑ ตุลาคม ๒๕๖๗
        "text": _text,                                         # free wording (may hold ${…})
    },
    "minProperties": 1,
    "maxProperties": 1,
}

_activity_fields = ["objectives", "steps", "target", "budget", "unit", "area", "period",
                    "outcome", "indicator"]

BLOCK_KEYS = ["paragraph", "heading", "center", "section", "items", "plan", "activity", "table",
              "visits", "qr", "image", "page_break"]

SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "gen-letter attachment spec",
    "type": "object",
    "additionalProperties": False,
    "required": ["kind"],
    "$defs": {
        "blocks": {"type": "array", "items": {"$ref": "#/$defs/block"}},
        "block": {
            "anyOf": [
                _text,
                {
                    "type": "object",
                    "minProperties": 1,
                    "additionalProperties": False,
                    "properties": {
                        "paragraph": _text,
                        "heading": _text,
                        "center": _text,
                        "page_break": {"const": True},
                        "section": {
                            "type": "object", "additionalProperties": False, "required": ["title"],
                            "properties": {"title": _text, "content": {"$ref": "#/$defs/blocks"}},
                        },
                        "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/item"}},
                        "numbering": {"enum": ["dot", "top", "paren", "paren-nested"]},
                        "lead": _text,
                        "start": {"type": "integer", "minimum": 1},
                        "plan": {
                            "type": "object", "additionalProperties": False,
                            "required": ["columns", "groups"],
                            "properties": {
                                "columns": {"type": "array", "minItems": 3, "maxItems": 3,
                                            "items": _text},
                                "groups": {"type": "array", "minItems": 1, "items": {
                                    "type": "object", "additionalProperties": False,
                                    "required": ["title", "rows"],
                                    "properties": {
                                        "title": _text,
                                        "rows": {"type": "array", "minItems": 1, "items": {
                                            "type": "object", "additionalProperties": False,
                                            "required": ["text", "when"],
                                            "properties": {"text": _text, "when": _when}}},
                                    }}},
                            },
                        },
                        "activity": {
                            "type": "object", "additionalProperties": False, "required": ["title"],
                            "properties": dict(
                                {"title": _text, "labels": {
                                    "type": "object", "additionalProperties": False,
                                    "properties": {f: _text for f in _activity_fields}}},
                                **{f: {"$ref": "#/$defs/blocks"} for f in _activity_fields
                                   if f != "budget"},
                                budget={"type": "number", "minimum": 0}),
                        },
                        "table": {
                            "type": "object", "additionalProperties": False,
                            "required": ["columns", "rows"],
                            "properties": {
                                "columns": {"type": "array", "minItems": 1, "items": _text},
                                "widths": {"type": "array", "items": {"type": "number",
                                                                      "exclusiveMinimum": 0}},
                                "number_rows": {"type": "boolean"},
                                "rows": {"type": "array", "minItems": 1,
                                         "items": {"type": "array", "items": _cell}},
                            },
                        },
                        "visits": {
                            "type": "object", "additionalProperties": False, "required": ["rows"],
                            "properties": {
                                "columns": {"type": "array", "minItems": 4, "maxItems": 4,
                                            "items": _text},
                                "rows": {"type": "array", "minItems": 1, "items": {
                                    "type": "object", "additionalProperties": False,
                                    "required": ["date", "time", "district"],
                                    "properties": {"date": _text, "time": _text,
                                                   "district": _text}}},
                            },
                        },
                        "qr": {
                            "type": "object", "additionalProperties": False,
                            "properties": {"url": _text, "file": _text, "caption": _text,
                                           "show_link": {"type": "boolean"},
                                           "size_cm": {"type": "number", "exclusiveMinimum": 0}},
                        },
                        "image": {
                            "type": "object", "additionalProperties": False, "required": ["file"],
                            "properties": {"file": _text, "width_cm": {"type": "number",
                                                                       "exclusiveMinimum": 0},
                                           "description": _text},
                        },
                    },
                },
            ]
        },
        "item": {
            "anyOf": [
                _text,
                {
                    "type": "object", "additionalProperties": False, "required": ["text"],
                    "properties": {"text": _text,
                                   "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
                                   # how the items under this one are numbered
                                   "numbering": {"enum": ["dot", "top", "paren", "paren-nested"]},
                                   "paragraphs": {"type": "array", "items": _text}},
                },
            ]
        },
        "list_item": {
            "type": "object", "additionalProperties": False, "required": ["title"],
            "properties": {"title": _text,
                           "quantity": {"anyOf": [{"type": "integer", "minimum": 1}, _text]},
                           "unit": _text, "url": _text, "file": _text},
        },
    },
    "properties": {
        "kind": {"enum": KINDS},
        "digit_style": {"enum": ["thai", "arabic"]},
        "header": _text,                 # the running header of every page but the first
        "title": _texts,                 # the title block, one line each
        "fiscal_year": _text,            # an ISO date in the fiscal year: "ประจำปีงบประมาณ พ.ศ. …"
        "values": {"type": "object", "additionalProperties": {"type": "number"}},
        "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/list_item"}},
        "content": {"$ref": "#/$defs/blocks"},
    },
}

#: Field names a mapping may hold, by where it sits; used to suggest the closest valid name.
FIELDS = {
    "": sorted(SCHEMA["properties"]),
    "block": BLOCK_KEYS + ["numbering", "lead", "start"],
    "activity": ["title", "labels"] + _activity_fields,
}

"""The JSON Schema (draft 2020-12) of the timeline format, derived from the field tables (fields.py)
and the date engine's grammar (dates.py).

Editors use it for completion and checks (`# yaml-language-server: $schema=timeline.schema.json`);
the validator (validate.py) remains the authority: it also checks references, order, cycles and
what only the date engine knows (month lengths, calendars). A whole-number year such as 2017.0
passes the schema (JSON has one kind of number) but not the validator.
"""

from __future__ import annotations

import json

from defense_timeline.timeline.dates import DATE_PATTERN, DAY_PATTERN, DURATION_PATTERN, FORMS
from defense_timeline.timeline.fields import (
    CALENDAR_PRESETS,
    COLOR_PATTERN,
    DONE_KINDS,
    ID_CHARS,
    ID_PATTERN,
    MONTH_DAY_PATTERN,
    PERIOD_ONLY,
    POINT_KINDS,
    POINT_ONLY,
    TABLES,
    Field,
    required,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "timeline.schema.json"
URL_PATTERN = "^[Hh][Tt][Tt][Pp][Ss]?://"
_DATE_DOC = (
    "A date as precisely as it is known: "
    + ", ".join(f"{form} ({example})" for form, example in FORMS)
    + '; a trailing "?" marks it uncertain, "~" approximate (also leading), "%" both.'
)


def _ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def _array(items: dict, **extra: object) -> dict:
    return {"type": "array", "items": items, **extra}


_TYPE_SCHEMAS: dict[str, dict] = {
    "text": {"type": "string"},
    "id": _ref("id"),
    "date": _ref("date"),
    "day": _ref("day"),
    "duration": _ref("duration"),
    "calendar": _ref("calendar"),
    "color": {"type": "string", "pattern": COLOR_PATTERN},
    "url": {"type": "string", "pattern": URL_PATTERN},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "month_day": {"type": "string", "pattern": MONTH_DAY_PATTERN},
    "ids": _array(_ref("id")),
    "tags": _array({"type": "string"}),
    "source_refs": _array({"anyOf": [_ref("id"), _ref("source_ref")]}),
    "quantities": _array(_ref("quantity")),
    "updates": _array(_ref("update")),
    "sources": _array(_ref("source")),
    "lanes": _array(_ref("lane"), minItems=1),
    "items": _array(_ref("item")),
}


def _property(field: Field) -> dict:
    """The schema of one field's value, with its description for editor hovers."""
    if field.type == "enum" and field.synonyms:
        words = sorted({word for word, _ in field.synonyms})
        accepted = {"enum": words, "deprecated": True, "description": "Read with a warning."}
        out = {"type": "string", "anyOf": [{"enum": list(field.enum)}, accepted]}
    elif field.type == "enum":
        out = {"type": "string", "enum": list(field.enum)}
    else:
        out = dict(_TYPE_SCHEMAS[field.type])
    if field.type == "text" and field.required:
        out["minLength"] = 1
    out["description"] = field.description
    return out


def _object(table: dict[str, Field], description: str) -> dict:
    """A closed mapping: the table's keys, its required keys, nothing else."""
    out = {
        "type": "object",
        "description": description,
        "properties": {name: _property(field) for name, field in table.items()},
        "additionalProperties": False,
    }
    needed = required(table)
    if needed:
        out["required"] = list(needed)
    return out


def _kinds_without_done() -> list[str]:
    """The kinds, and the words read as them, that record no `done` (periods and events)."""
    kind = TABLES["item"]["kind"]
    words = [k for k in kind.enum if k not in DONE_KINDS]
    return words + [word for word, k in kind.synonyms if k not in DONE_KINDS]


def _kind_rules() -> list[dict]:
    """Periods have start (end or duration); events, deadlines and milestones have one date;
    only deadlines and milestones record `done`."""
    never = dict.fromkeys(PERIOD_ONLY, False)
    return [
        {
            "if": {"properties": {"kind": {"const": "period"}}, "required": ["kind"]},
            "then": {"required": ["start"], "properties": dict.fromkeys(POINT_ONLY, False)},
        },
        {
            "if": {"properties": {"kind": {"enum": list(POINT_KINDS)}}, "required": ["kind"]},
            "then": {"required": list(POINT_ONLY), "properties": never},
        },
        {
            "if": {"properties": {"kind": {"enum": _kinds_without_done()}}, "required": ["kind"]},
            "then": {"properties": {"done": False}},
        },
    ]


def _defs() -> dict:
    neither_both = {"not": {"required": ["end", "duration"]}}
    item = _object(TABLES["item"], "A document, event, deadline or milestone.")
    item["allOf"] = [*_kind_rules(), neither_both]
    update = _object(TABLES["update"], "A later statement; it overrides the fields it names.")
    update["allOf"] = [neither_both]
    return {
        "id": {"type": "string", "pattern": ID_PATTERN, "description": f"An id: {ID_CHARS}."},
        "date": {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": _DATE_DOC,
        },
        "day": {
            "type": "string",
            "pattern": DAY_PATTERN,
            "description": "An exact day YYYY-MM-DD.",
        },
        "duration": {
            "type": "string",
            "pattern": DURATION_PATTERN,
            "description": "Whole years, months, weeks or days: 5y, 18m, 6w, 30d; ~ for about.",
        },
        "calendar": {
            "anyOf": [
                {"type": "string", "enum": list(CALENDAR_PRESETS)},
                _object(TABLES["calendar"], "A custom fiscal year."),
            ],
            "description": TABLES["timeline"]["calendar"].description,
        },
        "source": _object(TABLES["source"], "A cited document."),
        "lane": _object(TABLES["lane"], "A swimlane of the chart."),
        "item": item,
        "update": update,
        "source_ref": _object(TABLES["source_ref"], "A citation with the quoted sentence."),
        "quantity": _object(TABLES["quantity"], "A counted target or outcome."),
    }


def json_schema() -> dict:
    """The JSON Schema of a timeline file."""
    top = _object(TABLES["timeline"], "A defense-timeline file: one sourced timeline.")
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "defense-timeline timeline",
        **top,
        "$defs": _defs(),
    }


def json_schema_text() -> str:
    """The schema as the committed file holds it (timeline_data/timeline.schema.json)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"

"""The JSON Schema for editors: derived from the validator's field tables, committed, and right."""

from __future__ import annotations

import json
import re

import pytest
from defense_timeline.timeline import validate as schema
from defense_timeline.timeline import yamlread
from defense_timeline.timeline.json_schema import json_schema, json_schema_text
from defense_timeline.vocabulary import KINDS, STATUSES

from tests.data import DATA
from tests.timeline_yaml import README_EXAMPLE, doc, period

SCHEMA_FILE = DATA / "timeline.schema.json"
OBJECTS = {
    "source": "source",
    "lane": "lane",
    "item": "item",
    "update": "update",
    "source_ref": "source_ref",
    "quantity": "quantity",
}


def plain(text: str) -> object:
    """YAML text as plain data, read the way the loader (and YAML 1.2 editors) read it."""
    return yamlread.Builder().build(yamlread.compose(text))


def schema_errors(value: object, node: object, defs: dict, path: str = "") -> list[str]:
    """The subset of JSON Schema 2020-12 the timeline schema uses, enough to check documents."""
    if node is True or node is False:
        return [] if node else [f"{path}: not allowed"]
    if "$ref" in node:
        return schema_errors(value, defs[node["$ref"].rsplit("/", 1)[1]], defs, path)
    errors = []
    if "anyOf" in node and all(schema_errors(value, s, defs, path) for s in node["anyOf"]):
        errors.append(f"{path}: matches none of anyOf")
    for sub in node.get("allOf", []):
        errors += schema_errors(value, sub, defs, path)
    if "if" in node and not schema_errors(value, node["if"], defs, path):
        errors += schema_errors(value, node.get("then", True), defs, path)
    if "not" in node and not schema_errors(value, node["not"], defs, path):
        errors.append(f"{path}: matches a schema it must not")
    types = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float)}
    wanted = node.get("type")
    if wanted and (not isinstance(value, types[wanted]) or isinstance(value, bool)):
        return errors + [f"{path}: not {wanted}"]
    if "enum" in node and value not in node["enum"] or node.get("const", value) != value:
        errors.append(f"{path}: {value!r} not allowed")
    if isinstance(value, str):
        if "pattern" in node and not re.search(node["pattern"], value):
            errors.append(f"{path}: {value!r} does not match")
        if len(value) < node.get("minLength", 0):
            errors.append(f"{path}: too short")
    if isinstance(value, list):
        if len(value) < node.get("minItems", 0):
            errors.append(f"{path}: too few items")
        for i, entry in enumerate(value):
            errors += schema_errors(entry, node.get("items", True), defs, f"{path}[{i}]")
    if isinstance(value, dict):
        errors += [f"{path}: missing {k}" for k in node.get("required", []) if k not in value]
        props = node.get("properties", {})
        for key, entry in value.items():
            sub = props.get(key, node.get("additionalProperties", True))
            errors += schema_errors(entry, sub, defs, f"{path}.{key}")
    return errors


def validate(value: object) -> list[str]:
    full = json_schema()
    return schema_errors(value, full, full["$defs"])


def test_the_committed_schema_is_what_json_schema_builds():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text()
    assert json.loads(json_schema_text()) == json_schema()


def test_header():
    full = json_schema()
    assert full["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert full["$id"] == "timeline.schema.json"


def test_objects_have_exactly_the_validators_fields():
    full = json_schema()
    tables = {"timeline": full, **{name: full["$defs"][name] for name in OBJECTS}}
    tables["calendar"] = full["$defs"]["calendar"]["anyOf"][1]
    for name, node in tables.items():
        table = schema.TABLES[name]
        assert node["type"] == "object" and node["additionalProperties"] is False, name
        assert list(node["properties"]) == list(table), name
        assert node.get("required", []) == list(schema.required(table)), name
        assert all(p["description"] for p in node["properties"].values()), name


def test_enums_are_the_options():
    defs = json_schema()["$defs"]
    for name in ("item", "update"):
        assert defs[name]["properties"]["status"]["enum"] == list(STATUSES)
    assert defs["item"]["properties"]["kind"]["enum"] == list(KINDS)
    assert defs["calendar"]["anyOf"][0]["enum"] == ["JP", "US", "UK", "AU"]


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("2017-02-03", True),
        ("2017-06", True),
        ("2018-Q3", True),
        ("2018-H2?", True),
        ("~2023", True),
        ("FY2019", True),
        ("FY2023-24", True),
        ("2018-H3", False),
        ("June 2017", False),
        ("2017-6", False),
    ],
)
def test_date_pattern(text, ok):
    pattern = json_schema()["$defs"]["date"]["anyOf"][0]["pattern"]
    assert bool(re.search(pattern, text)) is ok


BUNDLED = sorted(DATA.glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_files_match_the_schema(path):
    assert validate(plain(path.read_text(encoding="utf-8"))) == []


def test_the_readme_example_matches_the_schema():
    assert validate(plain(README_EXAMPLE)) == []


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (("kind: period", "kind: event"), ".items[0]: missing date"),
        (("start: 2017-06", "date: 2017-06"), ".items[0]: missing start"),
        (("status: planned", "status: rumoured"), ".items[0].status: 'rumoured' not allowed"),
        (("title: A", "titel: A"), ".items[0].titel: not allowed"),
        (("sources: [jt]", "sources: [jt]\n  end: 2018\n  duration: 5y"), ".items[0]: matches"),
        (("start: 2017-06", "start: 2018-H3"), ".items[0].start: matches none of anyOf"),
    ],
)
def test_the_schema_catches_what_editors_should_flag(change, error):
    errors = validate(plain(doc(period()).replace(*change)))
    assert any(e.startswith(error) for e in errors), errors

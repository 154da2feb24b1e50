"""The JSON Schema for editors: derived from the validator's field tables, committed, valid
Draft 2020-12 as the jsonschema package checks it, and in agreement with the date engine."""

from __future__ import annotations

import ast
import json
import random
import re
from pathlib import Path

import pytest
from defense_timeline.errors import DateError
from defense_timeline.timeline import validate as schema
from defense_timeline.timeline import yamlread
from defense_timeline.timeline.dates import PRESETS, SPACE, parse_date, parse_duration
from defense_timeline.timeline.json_schema import json_schema, json_schema_text
from defense_timeline.vocabulary import KIND_SYNONYMS, KINDS, STATUS_SYNONYMS, STATUSES
from jsonschema import Draft202012Validator

from tests.data import DATA, ROOT
from tests.timeline_yaml import README_EXAMPLE, doc, period

SCHEMA_FILE = DATA / "timeline.schema.json"
OBJECTS = ("source", "lane", "item", "update", "source_ref", "quantity")
VALIDATOR = Draft202012Validator(json_schema())
DEFS = json_schema()["$defs"]
BUNDLED = sorted(DATA.glob("*.yaml"))


def plain(text: str) -> object:
    """YAML text as plain data, read the way the loader (and YAML 1.2 editors) read it."""
    return yamlread.Builder().build(yamlread.compose(text))


def places(value: object) -> set[tuple[str, str]]:
    """(JSON path, failed keyword) of every schema error in a document ("false": a key that
    must be absent, reported at its mapping)."""
    return {(e.json_path, e.validator or "false") for e in VALIDATOR.iter_errors(value)}


def test_the_committed_schema_is_what_json_schema_builds():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text()
    assert json.loads(json_schema_text()) == json_schema()


def test_the_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(json_schema())
    Draft202012Validator.check_schema(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert json_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert json_schema()["$id"] == "timeline.schema.json"


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
    for name in ("item", "update"):
        words = DEFS[name]["properties"]["status"]["anyOf"]
        assert words[0]["enum"] == list(STATUSES)
        assert words[1] == {
            "enum": sorted(STATUS_SYNONYMS),
            "deprecated": True,  # editors strike through "published": read as "in force"
            "description": "Read with a warning.",
        }
    kinds = DEFS["item"]["properties"]["kind"]["anyOf"]
    assert kinds[0]["enum"] == list(KINDS) and kinds[1]["enum"] == sorted(KIND_SYNONYMS)
    assert DEFS["calendar"]["anyOf"][0]["enum"] == ["JP", "US", "UK", "AU"]


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_files_match_the_schema(path):
    assert places(plain(path.read_text(encoding="utf-8"))) == set()


def test_the_readme_example_and_the_test_timeline_match_the_schema():
    assert places(plain(README_EXAMPLE)) == set()
    assert places(plain(doc(period()))) == set()


@pytest.mark.parametrize(
    ("change", "path", "keyword"),
    [
        (("kind: period", "kind: event"), "$.items[0]", "required"),  # an event needs date
        (("kind: period", "kind: event"), "$.items[0]", "false"),  # and has no start
        (("start: 2017-06", "date: 2017-06"), "$.items[0]", "required"),  # a period needs start
        (("start: 2017-06", "date: 2017-06"), "$.items[0]", "false"),  # nor a date
        (("status: planned", "status: rumoured"), "$.items[0].status", "anyOf"),
        (("  status: planned\n", "  status: planned\n  done: 2017\n"), "$.items[0]", "false"),
        (("title: A", "titel: A"), "$.items[0]", "additionalProperties"),
        (("sources: [jt]", "sources: [jt]\n  end: 2018\n  duration: 5y"), "$.items[0]", "not"),
        (("start: 2017-06", "start: 2018-H3"), "$.items[0].start", "anyOf"),
        (("start: 2017-06", "start: 999"), "$.items[0].start", "anyOf"),
        (("as_of: 2017-02-19", "as_of: 2017-02"), "$.as_of", "pattern"),
        (("jt]\n", "jt]\n  duration: 0y\n"), "$.items[0].duration", "pattern"),
        (("calendar: JP", "calendar: JPN"), "$.calendar", "anyOf"),
    ],
)
def test_the_schema_catches_what_editors_should_flag(change, path, keyword):
    assert (path, keyword) in places(plain(doc(period()).replace(*change)))


# One date grammar ------------------------------------------------------------------------
#
# The schema's date, day and duration definitions must accept a value exactly when the loader
# does. Only the engine refuses (see dates.py): a day 29-31 its month lacks, an FYyyyy-yy with
# the wrong yy, and what depends on the calendar; the oracle below accepts those.

DATE, DAY, DURATION = (Draft202012Validator(DEFS[name]) for name in ("date", "day", "duration"))
CALENDARS = (PRESETS["JP"], PRESETS["US"])  # between them, every FYnnnn from 0001 to 9999 fits
LAST_DAYS = re.compile(r"([0-9]{4}-[0-9]{2}-)(29|30|31)")
FISCAL_SPAN = re.compile(r"([Ff][Yy]([0-9]{4}))-([0-9]{4}|[0-9]{2})")
DATE_KEYS = ("start", "end", "date", "reported")


def repaired(text: str) -> str:
    """The text with what only the engine refuses made right: day 29-31 made 28, FY yy fixed."""
    text = LAST_DAYS.sub(r"\g<1>28", text)
    return FISCAL_SPAN.sub(lambda m: f"{m[1]}-{_following(int(m[2]), len(m[3]))}", text)


def _following(year: int, digits: int) -> str:
    """The year after, written in as many digits as the text wrote it."""
    return f"{year + 1:04d}" if digits == 4 else f"{(year + 1) % 100:02d}"


def swapped(text: str) -> str:
    """A range FIRST/LAST the other way round (only the engine refuses one that runs back)."""
    first, _, last = text.strip().partition("/")
    spaced = first != first.strip() or last != last.strip()
    return f"{last}/{first}" if last and "/" not in last and not spaced else text


def resolves(value: object) -> bool:
    """True if parse_date resolves the value in some calendar."""
    for calendar in CALENDARS:
        try:
            parse_date(value, calendar)
        except DateError:
            continue
        return True
    return False


def engine_date(value: object) -> bool:
    """Whether the schema should accept the value as a date: its syntax is the engine's."""
    if not isinstance(value, str):
        return resolves(value)
    return any(resolves(text) for text in (value, repaired(value), swapped(repaired(value))))


def engine_day(value: object) -> bool:
    """Whether the schema should accept the value as a day (as_of): what Checker.day accepts."""
    for text in (value, repaired(value)) if isinstance(value, str) else (value,):
        try:
            spec = parse_date(text)
        except DateError:
            continue
        return spec.precision == "day" and not (spec.uncertain or spec.approximate)
    return False


def engine_duration(value: object) -> bool:
    try:
        parse_duration(value)
    except DateError:
        return False
    return True


def module_literals(path: Path) -> set[str | int]:
    """Every text and whole number written in a test module: the cases and then some."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and type(node.value) in (str, int)
    }


def yaml_values(data: object, keys: tuple[str, ...]) -> set[str | int]:
    """The values under the given keys anywhere in plain YAML data."""
    if isinstance(data, list):
        return set().union(*(yaml_values(entry, keys) for entry in data))
    if not isinstance(data, dict):
        return set()
    found = {v for k, v in data.items() if k in keys and type(v) in (str, int)}
    return found.union(*(yaml_values(v, keys) for v in data.values()))


def readme_values() -> set[str | int]:
    """The README's code: spans, block words, key: value pairs and its YAML example's dates."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    spans = set(re.findall(r"`([^`\n]+)`", text))
    blocks = re.findall(r"```[a-z]*\n(.*?)```", text, re.S)
    words = {word for block in blocks for word in block.split()}
    pairs = set(re.findall(r"\b(?:start|end|date|duration|as_of|reported): ([^,}\s]+)", text))
    examples = re.findall(r"```yaml\n(.*?)```", text, re.S)  # the format's and the starter
    keys = (*DATE_KEYS, "as_of", "duration")
    return spans | words | pairs | set().union(*(yaml_values(plain(e), keys) for e in examples))


def bundled_values() -> set[str | int]:
    """Every date, day and duration in the bundled timelines."""
    keys = (*DATE_KEYS, "as_of", "duration")
    return set().union(*(yaml_values(plain(p.read_text(encoding="utf-8")), keys) for p in BUNDLED))


CORPUS = {
    "test_dates.py": lambda: module_literals(ROOT / "tests" / "test_dates.py"),
    "test_jsonschema.py": lambda: module_literals(Path(__file__)),
    "timeline_data": bundled_values,
    "README.md": readme_values,
}
GRAMMARS = {
    "date": (DATE, engine_date),
    "day": (DAY, engine_day),
    "duration": (DURATION, engine_duration),
}


def disagreements(values: set[str | int]) -> list[tuple[str, str | int, bool]]:
    """(grammar, value, what the schema said) wherever the schema and the engine differ."""
    return [
        (name, value, validator.is_valid(value))
        for value in sorted(values, key=repr)
        for name, (validator, engine) in GRAMMARS.items()
        if validator.is_valid(value) != engine(value)
    ]


@pytest.mark.parametrize("source", CORPUS)
def test_the_schema_and_the_engine_accept_the_same_dates(source):
    values = CORPUS[source]()
    assert len(values) > 20
    assert disagreements(values) == []


def test_the_corpus_holds_every_kind_of_answer():
    """The corpus exercises both answers of every grammar, and the engine-only refusals."""
    values = set().union(*(make() for make in CORPUS.values()))
    for _, engine in GRAMMARS.values():
        assert {engine(v) for v in values} == {True, False}
    only_engine = {v for v in values if DATE.is_valid(v) and not resolves(v)}
    assert {"2017-02-30", "2017-04-31", "1900-02-29", "FY2023-25"} <= only_engine


def test_near_misses_agree_too():
    """Random one- and two-character edits of the corpus, fixed seed: the grammars still agree."""
    rng = random.Random(20170219)
    alphabet = "0123456789-~?FYfyQqHhMmWwDd xT/\t\n\u3000\xa0\u200b"
    seeds = sorted(str(v) for v in set().union(*(make() for make in CORPUS.values())))
    seeds = [s for s in seeds if len(s) <= 16]
    mutants = set()
    for _ in range(6000):
        text = rng.choice(seeds)
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(len(text) + 1)
            edit = rng.choice((0, 1, 2))
            char = rng.choice(alphabet)
            text = text[:i] + char * (edit != 1) + text[i + (edit != 0) :]
        mutants.add(text)
    assert len(mutants) > 4000
    assert disagreements(mutants) == []


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("2017-02-03", True),
        ("2017-06", True),
        ("2018-Q3", True),
        ("2018-h2?", True),
        ("~2023", True),
        ("FY2019", True),
        ("fy2019", True),  # the engine reads FY in any case
        ("FY2023-24", True),
        (" 2018-H2\n", True),  # the engine strips surrounding space
        ("2017-02-30", True),  # only the engine knows February's length
        ("FY2023-25", True),  # only the engine checks the year after 2023
        ("2018-H3", False),
        ("2017-13", False),
        ("0000", False),
        ("2017-01-00", False),
        ("June 2017", False),
        ("2017-6", False),
        ("~ 2017", False),
        ("2017\u200b", False),  # a zero-width space is not space to str.strip()
    ],
)
def test_date_pattern(text, ok):
    assert DATE.is_valid(text) is ok is engine_date(text)


def test_space_is_what_str_strip_removes():
    everything = "".join(map(chr, range(0x110000)))
    assert re.findall(SPACE, everything) == [c for c in everything if c.isspace()]


def test_whole_years_are_four_digit_numbers():
    assert [DATE.is_valid(n) for n in (999, 1000, 2017, 9999, 10000, True, 2017.5)] == [
        False,
        True,
        True,
        True,
        False,
        False,
        False,
    ]

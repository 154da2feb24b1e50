"""Safe, fast YAML reading: yaml-rs (Rust) reads plain files into data in one call; anything it
might read differently, and every file with a problem, goes through libyaml's nodes instead.

Only core scalars (text, numbers, true/false, null), lists and mappings are read; dates stay
text, so a value means exactly what was written. Hostile input (unknown tags, alias bombs, deep
nesting, several documents, control characters) becomes a ReadError with a line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

try:
    import yaml_rs
except ImportError:  # pragma: no cover - an optional speed-up; libyaml reads every file alike
    yaml_rs = None
from defense_timeline.errors import ReadError
from defense_timeline.timeline.messages import quoted
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

USE_LIBYAML = yaml.__with_libyaml__  # tests set this False to exercise the pure-Python parser
MAX_DEPTH = 100
ALIAS_NODE_LIMIT = 1_000_000
ALIAS_RATIO = 100
MAX_NOTED = 1000

_PREFIX = "tag:yaml.org,2002:"
STR, INT, FLOAT = _PREFIX + "str", _PREFIX + "int", _PREFIX + "float"
BOOL, NULL, SEQ, MAP = _PREFIX + "bool", _PREFIX + "null", _PREFIX + "seq", _PREFIX + "map"

# YAML 1.2 core schema (what editors use): no timestamps, no yes/no booleans, no base-60 numbers.
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {".inf": "inf", ".Inf": "inf", ".INF": "inf", ".nan": "nan", ".NaN": "nan"}
_SPECIAL_FLOATS.update({".NAN": "nan", "+.inf": "inf", "-.inf": "-inf", "-.Inf": "-inf"})
_NOT_TEXT_START = frozenset("0123456789+-.~tTfFnN")
_BAD_CHAR = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TRAP = "expected ',' or "


def _implicit_tag(value: str) -> str:
    """The tag of a plain scalar that may be null, a boolean or a number."""
    if value in _NULLS:
        return NULL
    if value in _BOOLS:
        return BOOL
    if _INT.fullmatch(value):
        return INT
    if _FLOAT.fullmatch(value) or value in _SPECIAL_FLOATS:
        return FLOAT
    return STR


class _CoreResolver:
    """Resolves tags without path resolvers or regex loops: most scalars are text at first sight."""

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: object, implicit: tuple) -> str:
        if kind is ScalarNode:
            if implicit[0] and (not value or value[0] in _NOT_TEXT_START):
                return _implicit_tag(value)
            return STR
        return SEQ if kind is SequenceNode else MAP


if USE_LIBYAML:

    class FastLoader(_CoreResolver, yaml.CSafeLoader):
        """libyaml's C parser and composer with the core-schema resolver."""

else:  # pragma: no cover - only without libyaml

    class FastLoader(_CoreResolver, yaml.SafeLoader):
        """Fallback when PyYAML was built without libyaml."""


class PureLoader(_CoreResolver, yaml.SafeLoader):
    """The pure-Python parser with the same resolver (fallback, and for tests)."""


def compose(text: str) -> Node | None:
    """The document's node tree (None for an empty file); ReadError for anything unreadable."""
    cls = FastLoader if USE_LIBYAML else PureLoader
    loader = None
    try:
        loader = cls(text)
        return loader.get_single_node()
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text) from None
    except UnicodeError as exc:  # a lone surrogate in a str cannot be UTF-8
        raise _bad_character(text, str(exc)) from None
    except RecursionError:
        raise ReadError(f"nesting deeper than {MAX_DEPTH} levels") from None
    finally:
        if loader is not None:
            loader.dispose()


def _mark(mark: object) -> tuple[int | None, int | None]:
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def _syntax_error(exc: yaml.YAMLError, text: str) -> ReadError:
    """One clear ReadError for whatever libyaml or PyYAML refused."""
    if isinstance(exc, yaml.reader.ReaderError) or not hasattr(exc, "problem"):
        return _bad_character(text, str(exc))
    problem, context = exc.problem or "", exc.context or ""
    line, col = _mark(exc.problem_mark)
    if "maximum nesting depth" in problem:
        return ReadError(f"nesting deeper than {MAX_DEPTH} levels", line, col)
    if context.startswith("expected a single document"):
        return ReadError("several YAML documents in one file; a timeline file holds one", line, col)
    if context.startswith("found duplicate anchor"):
        first, _ = _mark(exc.context_mark)
        return ReadError(f"YAML syntax error: duplicate anchor (first at line {first})", line, col)
    message = f"YAML syntax error: {problem}"
    if problem.startswith(_TRAP) and problem.endswith("but got '?'"):
        message += ' (quote dates that end in "?" inside [ ] or { }, e.g. "2018-H2?")'
    elif context and exc.context_mark is not None:
        message += f" ({context} at line {exc.context_mark.line + 1})"
    return ReadError(message, line, col)


def _bad_character(text: str, fallback: str) -> ReadError:
    """Locate the first character YAML does not allow."""
    found = _BAD_CHAR.search(text)
    if found is None:
        return ReadError(f"YAML syntax error: {fallback.splitlines()[0]}")
    line, col = line_col(text, found.start())
    return ReadError(
        f"character U+{ord(found.group()):04X} is not allowed in a YAML file", line, col
    )


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def check_aliases(root: Node) -> None:
    """Refuse alias bombs and self-referring aliases before any data is built."""
    distinct, expanded = expanded_size(root)
    limit = min(ALIAS_RATIO * distinct, ALIAS_NODE_LIMIT)
    if expanded > limit:
        raise ReadError(f"YAML aliases expand to over {limit:,} nodes")


def _children(node: Node) -> list[Node]:
    if node.__class__ is MappingNode:
        return [part for pair in node.value for part in pair]
    if node.__class__ is SequenceNode:
        return node.value
    return []


def expanded_size(root: Node) -> tuple[int, int]:
    """(distinct nodes, nodes once every alias is expanded); iterative, so no recursion limit."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        key = id(node)
        if closing:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
        elif key in open_nodes:
            line, col = _mark(node.start_mark)
            raise ReadError("a YAML alias refers to a node that contains it", line, col)
        elif key not in sizes:
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    return len(sizes), sizes[id(root)]


class Builder:
    """Turns a node tree into plain dicts, lists and scalars, noting problems by node."""

    def __init__(self) -> None:
        self.fatal: list[tuple[Node, str]] = []  # forbidden tags: the data cannot be trusted
        self.problems: list[tuple[Node, str]] = []  # duplicate or non-text keys: keep validating
        self.dropped = 0  # problems beyond MAX_NOTED, counted but not kept

    def build(self, node: Node, depth: int = 0) -> object:
        """The plain value of a node; recursion is fine because depth is bounded."""
        if node.__class__ is ScalarNode:
            return node.value if node.tag == STR else self._scalar(node)
        if depth >= MAX_DEPTH:
            raise ReadError(f"nesting deeper than {MAX_DEPTH} levels", *_mark(node.start_mark))
        depth += 1
        build = self.build
        if node.__class__ is SequenceNode:
            if node.tag != SEQ:
                return self._forbidden(node)
            return [build(child, depth) for child in node.value]
        if node.tag != MAP:
            return self._forbidden(node)
        pairs = node.value
        noted = len(self.problems), len(self.fatal), self.dropped
        try:
            mapping = {build(key, depth): build(value, depth) for key, value in pairs}
        except TypeError:  # a list or mapping used as a key: build again, noting problems once
            del self.problems[noted[0] :], self.fatal[noted[1] :]
            self.dropped = noted[2]
            mapping = self._odd_keys(pairs, depth)
        if len(mapping) != len(pairs):
            self._duplicates(pairs)
        return mapping

    def _note(self, found: list, node: Node, message: str) -> None:
        if len(found) < MAX_NOTED:
            found.append((node, message))
        else:
            self.dropped += 1

    def _scalar(self, node: ScalarNode) -> object:
        tag, value = node.tag, node.value
        try:
            if tag == NULL:
                return None if value in _NULLS else self._bad_value(node, "null")
            if tag == BOOL:
                return _BOOLS[value]
            if tag == INT:
                return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
            if tag == FLOAT:
                return float(_SPECIAL_FLOATS.get(value, value))
        except (KeyError, ValueError):
            return self._bad_value(node, tag.removeprefix(_PREFIX))
        return self._forbidden(node)

    def _bad_value(self, node: ScalarNode, kind: str) -> None:
        self._note(self.fatal, node, f"{quoted(node.value)} cannot be read as !!{kind}")

    def _forbidden(self, node: Node) -> None:
        tag = node.tag
        shown = "!!" + tag.removeprefix(_PREFIX) if tag.startswith(_PREFIX) else tag
        self._note(self.fatal, node, f"tag {quoted(shown)} is not allowed")

    def _odd_keys(self, pairs: list, depth: int) -> dict:
        mapping = {}
        for key, value in pairs:
            if key.__class__ is ScalarNode:
                mapping[self.build(key, depth)] = self.build(value, depth)
            else:
                self._note(self.problems, key, "a field name must be text, not a list or mapping")
        return mapping

    def _duplicates(self, pairs: list) -> None:
        first: dict[object, int] = {}
        for key, _ in pairs:
            if key.__class__ is not ScalarNode:
                continue
            if key.value in first:
                line = first[key.value]
                message = f"duplicate field {quoted(key.value)} (first at line {line})"
                self._note(self.problems, key, message)
            else:
                first[key.value] = key.start_mark.line + 1


# What yaml-rs might read differently from the libyaml path (tags, anchors and aliases, complex
# keys, directives, several documents, 0b/underscore numbers, tabs, characters YAML refuses):
# such files, rare in timelines, take the libyaml path. tests/test_yamlread_fast.py holds the
# two paths equal.
_NODE_START = r"(?:^[ ]*(?:-[ ]+)*|:[ ]+|-[ ]+|[\[{,][ ]*)"
_FAST_UNSAFE = re.compile(
    "|".join(
        (
            _NODE_START + r"(?:[!&*]|\?[ ]|\?$)",  # a tag, an anchor, an alias, a complex key
            r"^(?:%|---|\.\.\.)",  # a directive, document markers
            _NODE_START + r"[-+]?(?:0b[01_]+|[0-9][0-9_]*_[0-9_]*)[ ]*(?:$|[,\]}#])",  # 0b1, 1_0
            r"\t",
        )
    ),
    re.MULTILINE,
)


# Every match of _FAST_UNSAFE lies within one line and holds one of these: only the lines that
# do are searched (searching a whole large file with it costs more than reading the file).
_MARKERS = ("\t", "\n%", "\n---", "\n...")
_SUSPECT = ("!", "&", "*", "?", "0b")  # found with str.find: several times faster than a regex
_DIGIT_UNDERSCORE = re.compile(r"_(?<=[0-9]_)")
# The characters YAML refuses that an ASCII text can hold: found in bytes at C speed.
_ASCII_ALLOWED = bytes([9, 10, 13, *range(0x20, 0x7F)])


def _found(text: str, needle: str) -> Iterator[int]:
    """Every position of needle in text."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def fast_unsafe(text: str) -> bool:
    """Whether _FAST_UNSAFE matches somewhere in text (text ends with a newline)."""
    if text.startswith(("%", "---", "...")) or any(marker in text for marker in _MARKERS):
        return True
    hits = [at for needle in _SUSPECT for at in _found(text, needle)]
    hits += [m.start() for m in _DIGIT_UNDERSCORE.finditer(text)]
    starts = {text.rfind("\n", 0, at) + 1 for at in hits}
    lines = [text[start : text.index("\n", start)] for start in sorted(starts)]
    return _FAST_UNSAFE.search("\n".join(lines)) is not None


def _has_bad_char(text: str) -> bool:
    """Whether text holds a character YAML does not allow (_BAD_CHAR)."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _ASCII_ALLOWED))
    return _BAD_CHAR.search(text) is not None


def fast_load(text: str) -> dict | None:
    """The file's data read by yaml-rs, or None when the libyaml path must read it: yaml-rs is
    missing, the file uses a construct the two might read differently, or yaml-rs refuses it."""
    if yaml_rs is None or not USE_LIBYAML or not text.endswith("\n"):
        return None  # (without libyaml, tests read every file with the pure-Python parser)
    if fast_unsafe(text):
        return None
    if _has_bad_char(text):
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - any refusal: the libyaml path says exactly what is wrong
        return None
    return data if type(data) is dict else None

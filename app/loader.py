"""Load a timeline file: bounded read, UTF-8 text, safe fast YAML, validation, located problems.

The happy path does no position tracking: the data is validated as plain dicts and lists, and only
a problem's path (e.g. ("items", 3, "end")) is turned into a line and column, from the nodes
libyaml composed anyway. Garbage collection is paused while loading: the many small containers a
large file makes would otherwise trigger collection after collection.
"""

from __future__ import annotations

import codecs
import dataclasses
import gc
import os
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from app import schema, yamlread
from app.errors import InvalidTimeline, Problem
from app.model import Timeline

DEFAULT_MAX_BYTES = 10_000_000


def load(
    path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES, strict: bool = False
) -> Timeline:
    """Read, check and return the timeline in a file; InvalidTimeline lists every problem."""
    name = str(path)
    return _load_text(_decode(_read(path, name, max_bytes), name), name, strict)


def loads(
    text_or_bytes: str | bytes,
    name: str = "<string>",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strict: bool = False,
) -> Timeline:
    """Check and return the timeline in a text (or UTF-8 bytes); name is used in messages."""
    if isinstance(text_or_bytes, str):
        text = text_or_bytes
        _check_size(len(text), max_bytes, name)  # characters: never more than the bytes
        if len(text) * 4 > max_bytes:
            _check_size(len(text.encode("utf-8", "surrogatepass")), max_bytes, name)
    else:
        data = bytes(text_or_bytes)
        _check_size(len(data), max_bytes, name)
        text = _decode(data, name)
    return _load_text(text, name, strict)


def _fail(name: str, message: str, line: int | None = None, col: int | None = None):
    return InvalidTimeline([Problem(name, line, col, "", message)])


def _read(path: str | os.PathLike, name: str, max_bytes: int) -> bytes:
    """The file's bytes, refusing before reading when it is over max_bytes."""
    try:
        _check_size(os.stat(path).st_size, max_bytes, name)
        with Path(path).open("rb") as fh:
            data = fh.read(max_bytes + 1)  # a pipe or device may be bigger than stat says
    except OSError as exc:
        raise _fail(name, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise _too_big(name, max_bytes)
    return data


def _unit(max_bytes: int) -> tuple[float, str]:
    return (1e6, "MB") if max_bytes >= 1e6 else (1e3, "kB") if max_bytes >= 1e3 else (1, "bytes")


def _amount(n: int, unit: float, label: str, exact: bool = False) -> str:
    """A size in the unit of the limit: 12.3 MB, 10 MB, 512 bytes."""
    shown = str(n) if unit == 1 else f"{n / unit:.1f}"
    return (shown if not exact else shown.removesuffix(".0")) + f" {label}"


def _too_big(name: str, max_bytes: int, size: int | None = None) -> InvalidTimeline:
    unit, label = _unit(max_bytes)
    limit = _amount(max_bytes, unit, label, exact=True)
    what = f"file is {_amount(size, unit, label)}," if size is not None else "file is"
    return _fail(name, f"{what} over the {limit} limit (raise it with --max-bytes)")


def _check_size(size: int, max_bytes: int, name: str) -> None:
    if size > max_bytes:
        raise _too_big(name, max_bytes, size)


def _decode(data: bytes, name: str) -> str:
    """UTF-8 text (a leading byte-order mark is dropped); the first bad byte is located."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = data.rfind(b"\n", 0, start) + 1
        col = len(data[line_start:start].decode("utf-8", "replace")) + 1
        line = data.count(b"\n", 0, start) + 1
        message = f"byte 0x{data[start]:02x} is not UTF-8 text; save the file as UTF-8"
        raise _fail(name, message, line, col) from None


def _load_text(text: str, name: str, strict: bool) -> Timeline:
    """Parse and validate with garbage collection paused."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _parse_and_validate(text, name, strict)
    finally:
        if paused:
            gc.enable()


def _parse_and_validate(text: str, name: str, strict: bool) -> Timeline:
    nul = text.find("\x00")
    if nul >= 0:
        raise _fail(
            name,
            "NUL byte: a timeline file is text, not binary data",
            *yamlread.line_col(text, nul),
        )
    try:
        root = yamlread.compose(text)
        if root is None:
            raise yamlread.ReadError("the file is empty")
        if "&" in text and "*" in text:
            yamlread.check_aliases(root)
        builder = yamlread.Builder()
        data = builder.build(root)
    except yamlread.ReadError as exc:
        raise _fail(name, exc.message, exc.line, exc.col) from None
    if builder.fatal:
        raise InvalidTimeline(_node_problems(name, root, data, builder.fatal))
    timeline, issues = schema.validate(data, name, _item_lines(root))
    problems = _node_problems(name, root, data, builder.problems)
    problems += [_locate(name, root, data, issue) for issue in issues]
    return _finish(timeline, problems, strict)


def _finish(timeline: Timeline | None, problems: list[Problem], strict: bool) -> Timeline:
    """The timeline with its warnings, or InvalidTimeline with every problem sorted by line."""
    if strict:
        problems = [dataclasses.replace(p, severity="error") for p in problems]
    problems.sort(key=lambda p: (p.line is None, p.line or 0, p.col or 0))
    if timeline is None or any(p.severity == "error" for p in problems):
        raise InvalidTimeline(problems)
    return dataclasses.replace(timeline, warnings=tuple(problems))


def _item_lines(root: Node) -> list[int] | None:
    """The line of each item (cheap: one attribute per item, from nodes libyaml made anyway)."""
    items = _value_node(root, "items")
    if items is None or items.__class__ is not SequenceNode:
        return None
    return [node.start_mark.line + 1 for node in items.value]


def _value_node(node: Node, key: object) -> Node | None:
    if node.__class__ is not MappingNode:
        return None
    for key_node, value_node in node.value:
        if key_node.__class__ is ScalarNode and key_node.value == str(key):
            return value_node
    return None


def _walk(root: Node, path: tuple) -> tuple[Node, Node | None]:
    """The deepest node a path reaches, and its key node when it was reached by a key."""
    node, key_node = root, None
    for part in path:
        if node.__class__ is MappingNode:
            pair = next(
                (p for p in node.value if p[0].__class__ is ScalarNode and p[0].value == str(part)),
                None,
            )
            if pair is None:
                break
            key_node, node = pair
        elif node.__class__ is SequenceNode and type(part) is int and 0 <= part < len(node.value):
            key_node, node = None, node.value[part]
        else:
            break
    return node, key_node


def _locate(name: str, root: Node, data: object, issue: schema.Issue) -> Problem:
    """A Problem with the line and column the issue's path points at (1-based)."""
    node, key_node = _walk(root, issue.path)
    mark = key_node.start_mark if issue.at_key and key_node is not None else node.start_mark
    message = issue.message
    if issue.related is not None:
        first = _walk(root, issue.related)[0].start_mark.line + 1
        message = message.replace("{first}", str(first))
    field = schema.display(issue.path, data)
    return Problem(name, mark.line + 1, mark.column + 1, field, message, issue.severity)


def _node_problems(name: str, root: Node, data: object, found: list) -> list[Problem]:
    """Problems the builder noted by node: located directly, named by their path."""
    problems = []
    for node, message in found:
        path = _path_to(root, node) or ()
        mark = node.start_mark
        field = schema.display(path, data)
        problems.append(Problem(name, mark.line + 1, mark.column + 1, field, message))
    return problems


def _path_to(root: Node, target: Node) -> tuple | None:
    """The path of a node (a key node: its mapping's path plus the key); iterative search."""
    stack: list[tuple[Node, tuple]] = [(root, ())]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.__class__ is MappingNode:
            for key, value in node.value:
                key_path = path + (key.value,) if key.__class__ is ScalarNode else path
                if key is target:
                    return key_path
                stack.append((value, key_path))
        elif node.__class__ is SequenceNode:
            stack.extend((child, path + (i,)) for i, child in enumerate(node.value))
    return None

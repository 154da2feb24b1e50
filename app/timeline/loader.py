"""Load a timeline file: bounded read, UTF-8 text, safe fast YAML, validation, located problems.

The happy path does no position tracking: yaml-rs reads the data in one call, it is validated as
plain dicts and lists, and items' lines come from the text. A file with any problem is read again
through libyaml's nodes, and only a problem's path (e.g. ("items", 3, "end")) is turned into a
line and column (timeline.locate). Garbage collection is paused while loading: the many small
containers a large file makes would otherwise trigger collection after collection.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
from pathlib import Path

from defense_timeline.errors import InvalidTimeline, Problem, UsageError
from defense_timeline.gc_pause import gc_paused
from defense_timeline.timeline import validate as schema
from defense_timeline.timeline import yamlread
from defense_timeline.timeline.locate import Locator, item_lines, item_lines_in_text
from defense_timeline.timeline.model import Timeline

DEFAULT_MAX_BYTES = 10_000_000
MAX_BYTES_CEILING = 2_000_000_000  # the most max_bytes may be: a timeline is never near it
_CHUNK = 1 << 24  # a file is read in pieces of at most this, never one buffer of max_bytes


def load(
    path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES, strict: bool = False
) -> Timeline:
    """Read, check and return the timeline in a file; InvalidTimeline lists every problem."""
    name = str(path)
    check_limit(max_bytes)
    return _load_text(_decode(read_bytes(path, name, max_bytes), name), name, strict)


def loads(
    text_or_bytes: str | bytes,
    name: str = "<string>",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strict: bool = False,
) -> Timeline:
    """Check and return the timeline in a text (or UTF-8 bytes); name is used in messages."""
    check_limit(max_bytes)
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


def check_limit(max_bytes: object) -> None:
    """Refuse a size limit that is not a whole number from 1 to MAX_BYTES_CEILING (UsageError):
    every reader of user files (load, loads, the importer) takes the same limits."""
    if type(max_bytes) is not int or not 1 <= max_bytes <= MAX_BYTES_CEILING:
        raise UsageError(f"max_bytes must be a whole number from 1 to {MAX_BYTES_CEILING}")


def read_bytes(path: str | os.PathLike, name: str, max_bytes: int) -> bytes:
    """The file's bytes, refused (InvalidTimeline naming `name`) before reading when it is over
    max_bytes, and read in bounded pieces: the one bounded read for timelines and imports."""
    try:
        size = os.stat(path).st_size
        _check_size(size, max_bytes, name)
        with Path(path).open("rb") as fh:  # a pipe or device may be bigger than stat says
            chunks, got = [], 0
            while got <= max_bytes:
                chunk = fh.read(min(max_bytes + 1 - got, max(size + 1, _CHUNK)))
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
    except OSError as exc:
        raise _fail(name, f"cannot read the file: {exc.strerror or exc}") from None
    if got > max_bytes:
        raise _too_big(name, max_bytes)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


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
    with gc_paused():
        return _parse_and_validate(text, name, strict)


def _fast(text: str, name: str, strict: bool) -> Timeline | None:
    """The timeline of a plain, valid file read by yaml-rs with no position tracking at all;
    None when the file needs the libyaml path (then every problem is located from its nodes)."""
    data = yamlread.fast_load(text)
    if data is None or type(data.get("items")) is not list:
        return None
    lines = item_lines_in_text(text, len(data["items"]))
    if lines is None:
        return None
    timeline, issues = schema.validate(data, name, lines)
    if timeline is None or issues:
        return None
    return _finish(timeline, [], strict)


def _parse_and_validate(text: str, name: str, strict: bool) -> Timeline:
    fast = _fast(text, name, strict)
    if fast is not None:
        return fast
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
    where = Locator(name, root, data)
    more = [Problem(name, None, None, "", f"{builder.dropped:,} more problems")]
    more = more if builder.dropped else []
    if builder.fatal:
        raise InvalidTimeline(where.nodes(builder.fatal) + more)
    timeline, issues = schema.validate(data, name, item_lines(root))
    problems = where.nodes(builder.problems) + [where.issue(issue) for issue in issues]
    return _finish(timeline, problems + more, strict)


def _finish(timeline: Timeline | None, problems: list[Problem], strict: bool) -> Timeline:
    """The timeline with its warnings, or InvalidTimeline with every problem sorted by line."""
    if strict:
        problems = [dataclasses.replace(p, severity="error") for p in problems]
    problems.sort(key=lambda p: (p.line is None, p.line or 0, p.col or 0))
    if timeline is None or any(p.severity == "error" for p in problems):
        raise InvalidTimeline(problems)
    return dataclasses.replace(timeline, warnings=tuple(problems))

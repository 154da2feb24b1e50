"""The timelines a dashboard serves: files given at start-up, uploads kept in each browser tab
and, when the server has an upload store (dashboard.store), uploads kept on the server.

Loaded timelines are cached by (path, mtime, size) or by the upload's text: immutable data, so
sharing the cache between users shares no state. A file saved with errors keeps its last good
version on screen, with the errors beside it.

An upload lives in its browser tab's store, and each request brings the store back: nothing in it
is trusted. An upload's key is the hash of its text, computed again on every request; an entry
whose key does not name its text, or whose text is over the upload limit, is ignored, so a key can
only ever name one text and every cache keyed by it is safe to share.
"""

from __future__ import annotations

import base64
import binascii
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from defense_timeline.dashboard import isolated
from defense_timeline.dashboard.lru import Lru
from defense_timeline.dashboard.store import UploadStore, text_hash
from defense_timeline.errors import DefenseTimelineError, InvalidTimeline, Problem
from defense_timeline.timeline import imports, loader
from defense_timeline.timeline.model import Timeline

UPLOAD_LIMIT = 2_000_000  # bytes of one uploaded file
BIG_UPLOAD = 200_000  # characters of an upload from which it is read in a helper process
UPLOAD_PREFIX = "upload-"
KEY_HEX = 64  # an upload's key carries the whole sha256 of its text: the store's file name
MAX_UPLOADS = 8  # uploads kept in (and read from) one browser tab's store
STORE_CHARS = 4_000_000  # characters of upload text read from one store
SUFFIXES = (".yaml", ".yml")
SHARED_NAME = "shared upload"  # the name of an upload opened from the server's store
NOT_FOUND = "Timeline not found"


@dataclass(frozen=True, slots=True)
class Loaded:
    """A timeline as the page shows it: the last good version and the problems of the latest."""

    key: str
    label: str
    stamp: str  # changes whenever the underlying file or text changes
    timeline: Timeline | None
    problems: tuple[Problem, ...] = ()
    path: Path | None = None  # a served file
    text: str | None = None  # an upload
    missing: bool = False  # the key names no timeline this server or this tab has


def _problems(exc: Exception, name: str) -> tuple[Problem, ...]:
    """Every problem of a failed load, as located Problems."""
    if isinstance(exc, InvalidTimeline):
        return tuple(exc.problems)
    return (Problem(name, None, None, "", str(exc)),)


def _files_of(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
    return [path]


class _Keys(dict):
    """Served files by key: `in` is False for a key that is not a string (from a client)."""

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key)


class ServedFiles:
    """The files given to `serve`, each under a short stable key used in URLs."""

    def __init__(
        self, paths: list[Path], first: Path | None = None, store: UploadStore | None = None
    ):
        files: list[Path] = []
        for p in paths:
            files += [f.resolve() for f in _files_of(Path(p)) if f.resolve() not in files]
        if first is not None and first.resolve() in files:
            files.remove(first.resolve())
            files.insert(0, first.resolve())
        self.files: dict[str, Path] = _Keys()
        for f in files:
            key, n = f.stem, 2
            while key in self.files:
                key, n = f"{f.stem}-{n}", n + 1
            self.files[key] = f
        self._cache: dict[str, tuple[str, Loaded]] = {}
        self._last_good: dict[str, Timeline] = {}
        self._lock = threading.Lock()
        self.store = store  # uploads kept on the server, if it keeps any

    @property
    def default_key(self) -> str | None:
        """The key of the first served file."""
        return next(iter(self.files), None)

    def stamp(self, key: str) -> str:
        """A token that changes whenever the file is saved (or disappears)."""
        try:
            st = self.files[key].stat()
        except (OSError, KeyError):
            return "missing"
        return f"{st.st_mtime_ns}-{st.st_size}"

    def load(self, key: str) -> Loaded:
        """The file as last saved; on errors, its last good version with the problems."""
        stamp = self.stamp(key)
        with self._lock:
            hit = self._cache.get(key)
        if hit and hit[0] == stamp:
            return hit[1]
        path = self.files[key]
        try:
            timeline, problems = loader.load(path), ()
        except (InvalidTimeline, OSError) as exc:
            timeline, problems = None, _problems(exc, path.name)
        with self._lock:
            if timeline is not None:
                self._last_good[key] = timeline
            else:
                timeline = self._last_good.get(key)
            result = Loaded(key, _label(timeline, path.name), stamp, timeline, problems, path=path)
            self._cache[key] = (stamp, result)
        return result


def _label(timeline: Timeline | None, name: str) -> str:
    return f"{timeline.title} — {name}" if timeline is not None else f"{name} (has errors)"


# Parsed uploads by (key, name), and the problems of those that are not valid: the key is the
# text's hash, checked before any lookup. Measured with tracemalloc
# (tests/test_dashboard_memory.py): a loaded timeline holds ~1.3-2.1 KB per item of generated
# files; the estimate stays above that.
TIMELINE_BYTES_PER_ITEM = 2_500


def timeline_weight(timeline: Timeline) -> int:
    """An upper estimate of a loaded timeline's memory, for the upload cache's byte budget."""
    statements = sum(len(item.states) for item in timeline.items)
    return 20_000 + TIMELINE_BYTES_PER_ITEM * (len(timeline.items) + statements // 2)


def _outcome_weight(outcome: tuple[Timeline | None, tuple[Problem, ...]]) -> int:
    timeline, problems = outcome
    return (timeline_weight(timeline) if timeline else 10_000) + 1_000 * len(problems)


_UPLOADS = Lru(48_000_000, _outcome_weight)


def upload_key(text: str) -> str:
    """The key of an uploaded text: the same text gets the same key in every browser."""
    return UPLOAD_PREFIX + text_hash(text)[:KEY_HEX]


def _too_big(size: float, name: str) -> InvalidTimeline:
    limit = UPLOAD_LIMIT / 1_000_000
    msg = f"the file is {size / 1_000_000:.1f} MB; the limit for an upload is {limit:g} MB"
    return InvalidTimeline([Problem(name, None, None, "", msg)])


def decode_upload(contents: str, filename: str) -> str:
    """The text of a dcc.Upload data URL; raises InvalidTimeline with one problem if unusable."""
    return _decode(contents, filename or "upload")[0]


def _decode(contents: object, name: str) -> tuple[str, Timeline]:
    """The text of a dcc.Upload data URL and its timeline; InvalidTimeline if unusable."""
    if not isinstance(contents, str):
        raise InvalidTimeline([Problem(name, None, None, "", "the upload could not be read")])
    _, _, payload = contents.partition(",")
    if len(payload) * 3 // 4 > UPLOAD_LIMIT + 3:
        raise _too_big(len(payload) * 3 / 4, name)
    try:
        raw = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        problem = Problem(name, None, None, "", "the upload could not be read")
        raise InvalidTimeline([problem]) from exc
    if len(raw) > UPLOAD_LIMIT:
        raise _too_big(len(raw), name)
    if imports.format_of(name) is not None:  # CSV, XLSX or TimelineJS: kept as its YAML
        text = imports.convert(raw, name).text  # raises InvalidTimeline if it cannot be
        return text, _parse(text, name)
    timeline = _parse(raw, name)  # raises InvalidTimeline if invalid
    return raw.decode("utf-8"), timeline


def read_upload(contents: object, name: str) -> str:
    """The text of a dropped file (a dcc.Upload data URL), read in a helper process when big
    (isolated.Busy when the helpers are busy), its timeline kept for the views that follow;
    InvalidTimeline if unusable."""
    if isinstance(contents, str) and len(contents) > BIG_UPLOAD:
        text, timeline = isolated.run(isolated.UPLOAD, _decode, contents, name)
    else:
        text, timeline = _decode(contents, name)
    _UPLOADS.put((upload_key(text), name), (timeline, ()))
    return text


def _parse(text: str | bytes, name: str) -> Timeline:
    """An upload's timeline, held to the upload limit; InvalidTimeline if invalid."""
    return loader.loads(text, name=name, max_bytes=UPLOAD_LIMIT)


def _outcome(text: str, name: str) -> tuple[Timeline | None, tuple[Problem, ...]]:
    """An upload's timeline, or the problems that keep it from loading."""
    try:
        if len(text) > BIG_UPLOAD:
            return isolated.run(isolated.PARSE, _parse, text, name), ()
        return _parse(text, name), ()
    except InvalidTimeline as exc:
        return None, _problems(exc, name)


def clean_name(name: object, default: str = "upload.yaml") -> str:
    """A file name from a client: a short string without lone surrogates, else the default."""
    if not isinstance(name, str) or not name:
        return default
    return name[-200:].encode("utf-8", "replace").decode("utf-8")


def _entry_problem(key: object, entry: object) -> str | None:
    """Why a store entry cannot be used (None: it can): its key must be the hash of its text,
    its text valid Unicode within the upload limit."""
    text = entry.get("text") if isinstance(entry, dict) else None
    if not isinstance(key, str) or not isinstance(text, str):
        return "it is not an upload"
    if len(text) > UPLOAD_LIMIT:  # characters <= bytes
        return f"it is over the {UPLOAD_LIMIT / 1e6:g} MB limit"
    try:
        size = len(text.encode("utf-8"))  # a lone surrogate cannot be encoded
    except UnicodeEncodeError:
        return "its text is not valid Unicode"
    if size > UPLOAD_LIMIT:
        return f"it is over the {UPLOAD_LIMIT / 1e6:g} MB limit"
    if key != upload_key(text):
        return "its key does not match its text"
    return None


def _entry(key: object, entry: object) -> tuple[str, str, str] | None:
    """(key, name, text) of a store entry that can be used (see _entry_problem), else None."""
    if _entry_problem(key, entry) is not None:
        return None
    return key, clean_name(entry.get("name")), entry["text"]


def store_entries(uploads: object) -> list[tuple[str, str, str]]:
    """The usable uploads of a tab's store, newest last: (key, name, text), at most MAX_UPLOADS
    of them and STORE_CHARS of text, each checked by _entry."""
    if not isinstance(uploads, dict):
        return []
    kept: list[tuple[str, str, str]] = []
    chars = 0
    for key, entry in reversed(list(uploads.items())[-4 * MAX_UPLOADS :]):
        found = _entry(key, entry)
        if found is None or chars + len(found[2]) > STORE_CHARS:
            continue
        kept.insert(0, found)
        chars += len(found[2])
        if len(kept) == MAX_UPLOADS:
            break
    return kept


def dropped_entries(uploads: object) -> list[str]:
    """What the page says of each entry of a tab's store that store_entries leaves out: its
    name and why (the newest 4 * MAX_UPLOADS entries are looked at, as there)."""
    if not isinstance(uploads, dict):
        return []
    kept = {key for key, _, _ in store_entries(uploads)}
    out = []
    for key, entry in list(uploads.items())[-4 * MAX_UPLOADS :]:
        if key in kept:
            continue
        name = clean_name(entry.get("name") if isinstance(entry, dict) else None, "an upload")
        why = _entry_problem(key, entry) or "the tab keeps fewer, smaller uploads"
        out.append(f"{name}: {why}")
    return out


def _loaded(key: str, name: str, text: str) -> Loaded:
    """An upload whose key has been checked against its text."""
    try:
        timeline, problems = _UPLOADS.get((key, name), lambda: _outcome(text, name))
    except DefenseTimelineError as exc:  # busy or too slow: said, and tried again next time
        timeline, problems = None, (Problem(name, None, None, "", str(exc)),)
    return Loaded(key, f"{_label(timeline, name)} (uploaded)", key, timeline, problems, text=text)


def load_upload(key: str, uploads: dict | None) -> Loaded | None:
    """An upload kept in this browser's store, or None if this browser has no such upload."""
    if not isinstance(uploads, dict) or not isinstance(key, str):
        return None
    found = _entry(key, uploads.get(key))
    return _loaded(*found) if found is not None else None


def load_kept(served: ServedFiles, key: str) -> Loaded | None:
    """An upload kept in the server's store, or None if the server keeps no such upload."""
    if served.store is None or not key.startswith(UPLOAD_PREFIX):
        return None
    text = served.store.get(key.removeprefix(UPLOAD_PREFIX))
    return _loaded(key, SHARED_NAME, text) if text is not None else None


def not_found(key: str) -> Loaded:
    """What a key that names nothing resolves to: no timeline, and why."""
    what = "an upload" if key.startswith(UPLOAD_PREFIX) else "a timeline"
    where = " or kept" if what == "an upload" else ""
    message = f"the link names {what} this server does not serve{where}"
    problem = Problem(key[:80], None, None, "", message)
    return Loaded(key, NOT_FOUND, "missing", None, (problem,), missing=True)


def resolve(served: ServedFiles, key: str | None, uploads: dict | None) -> Loaded | None:
    """The timeline a key names (no key: the first served file; None when nothing is served);
    a key that names nothing gives not_found(key), never another timeline."""
    key = key if isinstance(key, str) and key else None
    if key is None:
        return served.load(served.default_key) if served.default_key else None
    if key.startswith(UPLOAD_PREFIX):
        found = load_upload(key, uploads) or load_kept(served, key)
        if found is not None:
            return found
    if key in served.files:
        return served.load(key)
    return not_found(key)


def exists(served: ServedFiles, key: str | None) -> bool:
    """Whether a key names a served file or a kept upload (no key: the first served file)."""
    if not isinstance(key, str) or not key:
        return served.default_key is not None
    return key in served.files or load_kept(served, key) is not None


def picker_options(served: ServedFiles, uploads: dict | None, shown: Loaded | None = None) -> list:
    """Dropdown options: every served file, this browser's uploads, and the upload shown."""
    options = [{"label": served.load(k).label, "value": k} for k in served.files]
    for key, name, text in store_entries(uploads):
        options.append({"label": _loaded(key, name, text).label, "value": key})
    if shown is not None and shown.text is not None:
        if all(o["value"] != shown.key for o in options):
            options.append({"label": shown.label, "value": shown.key})
    return options


def statement_days(timeline: Timeline | None) -> list[date]:
    """The days a time-travel control steps through."""
    return list(timeline.statement_dates()) if timeline is not None else []

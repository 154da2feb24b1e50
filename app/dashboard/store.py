"""The server's store of uploads: one file per uploaded text, named by the text's sha256.

An upload kept here opens from its link in any browser on the same server. The store only ever
writes a text under the hash the server computes from that text (a client never names a file),
never overwrites a file, writes atomically, checks every text it reads against its name, keeps
each text within the upload limit and all of them within a quota. Without a store, uploads live
in their browser tab only.

Where: `serve --store DIR`, else DEFENSE_TIMELINE_STORE, else a per-user cache folder;
`serve --no-store` (or DEFENSE_TIMELINE_STORE=off) keeps none.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from pathlib import Path

from defense_timeline.errors import DefenseTimelineError

STORE_ENV = "DEFENSE_TIMELINE_STORE"
QUOTA_ENV = "DEFENSE_TIMELINE_STORE_MB"
DEFAULT_QUOTA = 200_000_000  # bytes of all kept uploads together
OFF = ("off", "none", "no", "0")
SUFFIX = ".yaml"
_NAME = re.compile(r"[0-9a-f]{64}")


class StoreFull(DefenseTimelineError):
    """The store has no room left for an upload (it then lives in its browser tab only)."""


def text_hash(text: str) -> str:
    """The sha256 of a text's UTF-8 bytes, in hex: the name it is kept under."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def default_folder() -> Path:
    """The per-user cache folder kept uploads go to when no other is given."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("defense-timeline")) / "uploads"


class UploadStore:
    """Uploaded texts in a folder, each named by its hash; at most max_text bytes each and
    quota bytes in all."""

    def __init__(self, folder: Path, max_text: int, quota: int = DEFAULT_QUOTA):
        self.folder = Path(folder)
        self.max_text = max_text
        self.quota = quota
        self._lock = threading.Lock()

    def path(self, digest: str) -> Path | None:
        """The file a hash names, or None for anything that is not a sha256 in hex."""
        if not isinstance(digest, str) or not _NAME.fullmatch(digest):
            return None
        return self.folder / f"{digest}{SUFFIX}"

    def used(self) -> int:
        """Bytes kept in the store."""
        try:
            return sum(p.stat().st_size for p in self.folder.glob(f"*{SUFFIX}") if p.is_file())
        except OSError:
            return 0

    def get(self, digest: str) -> str | None:
        """The text kept under a hash; None when there is none, or the file does not hold it."""
        path = self.path(digest)
        try:
            if path is None or path.stat().st_size > self.max_text:
                return None
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return text if text_hash(text) == digest else None

    def put(self, text: str) -> str:
        """Keep a text (already validated) under its hash and return the hash; a text kept
        before is not written again. StoreFull when the quota has no room for it."""
        from defense_timeline.output.atomic import write_atomic

        data = text.encode("utf-8")
        digest = text_hash(text)
        if len(data) > self.max_text:
            raise StoreFull(f"the text is over the {self.max_text / 1e6:g} MB limit")
        path = self.folder / f"{digest}{SUFFIX}"
        with self._lock:
            if path.is_file():
                return digest
            used = self.used()
            if used + len(data) > self.quota:
                raise StoreFull(
                    f"the server's upload store is full ({used / 1e6:.1f} MB of "
                    f"{self.quota / 1e6:g} MB)"
                )
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                write_atomic(path, data)
            except DefenseTimelineError as exc:
                raise StoreFull(f"the server could not keep it: {exc}") from None
        return digest


def quota_from_env() -> int:
    """DEFENSE_TIMELINE_STORE_MB in bytes, else the default quota."""
    value = os.environ.get(QUOTA_ENV, "").strip()
    try:
        return int(float(value) * 1_000_000) if value else DEFAULT_QUOTA
    except ValueError:
        return DEFAULT_QUOTA


def folder_from_env() -> Path | None:
    """The store's folder: DEFENSE_TIMELINE_STORE, else the per-user cache folder; None: off."""
    value = os.environ.get(STORE_ENV, "").strip()
    if value.lower() in OFF:
        return None
    return Path(value).expanduser() if value else default_folder()

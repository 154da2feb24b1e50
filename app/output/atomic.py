"""Atomic file writes: a reader sees the old file or the complete new one, never a torn one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from defense_timeline.errors import ExportError

_CHUNK = 1 << 20


def _new_file_mode(out: Path) -> int:
    """The mode OUT would get if created normally: kept from the old file, else 0o666 - umask."""
    try:
        return os.stat(out).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def check_target(out: str | os.PathLike[str]) -> Path:
    """Refuse, with one clear line, an output path that cannot be written as a file."""
    path = Path(out)
    if path.is_dir():
        raise ExportError(f"{path}: is a directory; give a file name to write")
    parent = path.parent
    if not parent.is_dir():
        raise ExportError(f"{path}: no such directory: {parent}")
    if not os.access(parent, os.W_OK | os.X_OK):  # the file is created in its directory
        raise ExportError(f"{path}: cannot write: Permission denied")
    return path


def _write_chunks(fd: int, data: bytes) -> None:
    """Write all of data to fd (os.write may write less than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_CHUNK])
        view = view[written:]


def write_atomic(out: str | os.PathLike[str], data: bytes | str, *, replace: bool = True) -> Path:
    """Write data to out via a same-directory temporary file, fsync and os.replace; with
    replace=False an existing out is never touched (ExportError), also when it appears meanwhile."""
    path = check_target(out)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = _new_file_mode(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        try:
            _write_chunks(fd, payload)
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if path exists, with no window for a race
            _remove_quietly(tmp)
    except BaseException as exc:
        _remove_quietly(tmp)
        if isinstance(exc, FileExistsError):
            raise ExportError(f"{path}: already exists; not overwritten") from None
        if isinstance(exc, OSError):
            raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise
    _fsync_dir(path.parent)
    return path


def _remove_quietly(tmp: str) -> None:
    """Remove a temporary file that may or may not exist any more."""
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

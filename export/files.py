"""Writing export files so that a failure never leaves half a file behind.

Each file is written to a temporary file in the same folder and moved over the target with
``os.replace`` only when complete (same folder: same file system, so the move is atomic). On
any error the temporary files are removed and one line says which path failed and why.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from export.records import ExportError


@cache
def _file_mode() -> int:
    # mkstemp creates files only the owner can read; an export should get the usual
    # permissions of a new file (0666 less the umask). Reading the umask means setting it.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _check_target(target: Path) -> None:
    folder = target.parent
    if target.is_dir():
        raise ExportError(f"{target}: is a folder; give a file name")
    if not folder.exists():
        raise ExportError(f"{target}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise ExportError(f"{target}: {folder} is not a folder")


def write_files(outputs: Sequence[tuple[str | os.PathLike[str], bytes]]) -> list[Path]:
    """Write every ``(path, data)`` pair, all or none: nothing replaces a target until every
    file is complete on disk.

    Raises
    ------
    ExportError
        One line naming the path that failed and why (unwritable folder, full disk, ...).
    """
    targets = [Path(path).expanduser() for path, _data in outputs]
    for target in targets:
        _check_target(target)
    temporary: list[str] = []
    try:
        for target, (_path, data) in zip(targets, outputs, strict=True):
            try:
                handle, name = tempfile.mkstemp(
                    prefix=f".{target.name}.", suffix=".part", dir=target.parent
                )
            except OSError as error:
                raise ExportError(f"{target}: cannot write there ({_reason(error)})") from None
            temporary.append(name)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.chmod(name, _file_mode())
            except OSError as error:
                raise ExportError(f"{target}: cannot write ({_reason(error)})") from None
        for target, name in zip(targets, temporary, strict=True):
            try:
                os.replace(name, target)
            except OSError as error:
                raise ExportError(f"{target}: cannot write ({_reason(error)})") from None
            temporary[temporary.index(name)] = ""
    finally:
        for name in temporary:
            if name:
                with contextlib.suppress(OSError):
                    os.unlink(name)
    return targets


def write_file(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write one file atomically; see :func:`write_files`."""
    return write_files([(path, data)])[0]

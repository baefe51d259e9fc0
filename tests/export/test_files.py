"""Export files are written whole or not at all, with one line saying why not."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from export.files import write_file, write_files
from export.records import ExportError


def test_writes_the_file_with_the_usual_permissions(tmp_path: Path) -> None:
    target = write_file(tmp_path / "out.pdf", b"%PDF-1.4 test")
    assert target.read_bytes() == b"%PDF-1.4 test"
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def _in_missing_folder(tmp: Path) -> Path:
    return tmp / "missing" / "out.pdf"


def _under_a_file(tmp: Path) -> Path:
    (tmp / "file.txt").write_text("x")
    return tmp / "file.txt" / "out.pdf"


def _a_folder(tmp: Path) -> Path:
    return tmp


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_in_missing_folder, "does not exist"),
        (_under_a_file, "is not a folder"),
        (_a_folder, "is a folder"),
    ],
)
def test_unwritable_targets_give_one_line_naming_the_path(
    make, reason: str, tmp_path: Path
) -> None:
    target = make(tmp_path)
    with pytest.raises(ExportError) as caught:
        write_file(target, b"data")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(target))
    assert reason in message


def test_full_disk_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = tmp_path / "old.pdf"
    old.write_bytes(b"the previous export")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle: int, mode: str) -> None:
            self.stream = real_fdopen(handle, mode)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fdopen", FullDisk)
    with pytest.raises(ExportError) as caught:
        write_files([(tmp_path / "new.csv", b"a,b\n"), (old, b"replacement")])
    assert str(caught.value) == f"{tmp_path / 'new.csv'}: cannot write (no space left on device)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.pdf"]
    assert old.read_bytes() == b"the previous export"


def test_a_failed_file_of_a_set_replaces_none(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    with pytest.raises(ExportError):
        write_files([(tmp_path / "a.csv", b"a"), (tmp_path / "taken", b"b")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]

"""Walk the paths given to a scan: every file becomes either a path to read or a row
that says why it was skipped. Nothing is silently dropped."""

from __future__ import annotations

__all__ = ["FileEntry", "walk"]

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .metadata import SIDECAR_NAME

_PROJECT_FILES = ("readme", "license", "licence", "changelog", "copying")


@dataclass(frozen=True)
class FileEntry:
    """A file found by the walk. ``skip`` is a reason not to read it, or None."""

    path: Path
    root: Path  # the folder (or file) the user named
    explicit: bool  # named by the user rather than found in a folder
    skip: str | None = None
    error: str | None = None


def _skip_reason(path: Path) -> str | None:
    name = path.name
    if name.startswith("._"):
        return "macOS resource fork (AppleDouble '._' file), not a document"
    if name.startswith("."):
        return "hidden file"
    if name == SIDECAR_NAME:
        return "metadata sidecar, read as metadata for the folder's documents"
    if name.lower().split(".")[0] in _PROJECT_FILES:
        return "project documentation (README, LICENSE …), not a document; name it explicitly to scan it"
    return None


def walk(paths: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = ()) -> Iterator[FileEntry]:
    """Files under ``paths`` in a stable (sorted) order.

    Folders are walked without following symbolic links to folders (no loops); hidden
    folders are not entered. Files named explicitly are always read. A file reached
    twice (named, and inside a named folder) is listed once. Files in ``exclude`` (the
    scan's own output, say) are not listed.
    """
    seen: set[tuple[int, int]] = set()
    excluded = {os.path.abspath(p) for p in exclude}

    def first_time(path: Path) -> bool:
        try:
            info = path.stat()  # the file's identity; cheaper than resolving its path
        except OSError:
            return True
        key = (info.st_dev, info.st_ino)
        if key in seen:
            return False
        seen.add(key)
        return True

    for given in paths:
        root = Path(given)
        if root.is_file():
            if first_time(root):
                yield FileEntry(root, root, True)
            continue
        if not root.exists():
            yield FileEntry(root, root, True, error="no such file or folder")
            continue
        if not root.is_dir():
            yield FileEntry(root, root, True, error="not a regular file or folder")
            continue
        errors: list[OSError] = []
        for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                path = Path(folder) / name
                if excluded and os.path.abspath(path) in excluded:
                    continue
                if not path.is_file():
                    reason = "broken symbolic link" if path.is_symlink() else "not a regular file"
                    yield FileEntry(path, root, False, error=reason)
                    continue
                if first_time(path):
                    yield FileEntry(path, root, False, skip=_skip_reason(path))
            for exc in errors:
                yield FileEntry(Path(exc.filename or folder), root, False, error=f"cannot list folder: {exc.strerror}")
            errors.clear()

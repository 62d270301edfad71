"""Walk the paths given to a scan: every file becomes either a path to read or a row
that says why it was skipped. Nothing is silently dropped."""

from __future__ import annotations

__all__ = ["FileEntry", "count_files", "shown", "walk"]

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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


def _skip_reason(name: str) -> str | None:
    """Why a file of this name found in a folder is not read, or None."""
    if name.startswith("._"):
        return "macOS resource fork (AppleDouble '._' file), not a document"
    if name.startswith("."):
        return "hidden file"
    if name == SIDECAR_NAME:
        return "metadata sidecar, read as metadata for the folder's documents"
    if name.lower().split(".")[0] in _PROJECT_FILES:
        return "project documentation (README, LICENSE …), not a document; name it explicitly to scan it"
    return None


def shown(path: Path) -> str:
    """The path as text that can be written anywhere (CSV, Parquet, SQLite): bytes of a
    file name that are not valid in the file system's encoding appear as \\xNN."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def _not_a_file(path: Path) -> str:
    """Why a path that is listed or named is not a regular file to read."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link leads back to itself)"
        if path.is_symlink():
            return "broken symbolic link"
        return f"cannot read: {exc.strerror}"
    return "not a regular file"


class _SeenFiles:
    """The files (device, inode) a walk has listed, exactly, in about 8 bytes a file: a
    set of pairs took some 140, 70 MB for half a million files in the scanning process.
    Each device's inodes are a sorted array, the latest few in a set merged into it now
    and then; a bitmap of the pairs' hashes says at once that most files are new,
    without a search of the arrays."""

    _MERGE = 16384
    _BITS = 1 << 24  # 2 MB: for half a million files, one new file in 30 is searched for

    def __init__(self):
        self._bits = bytearray(self._BITS >> 3)
        self._sorted: dict[int, np.ndarray] = {}
        self._recent: set[tuple[int, int]] = set()

    def add(self, device: int, inode: int) -> bool:
        """Record the file; False if it was recorded before."""
        key = (device, inode)
        slot = hash(key) & (self._BITS - 1)
        byte, bit = slot >> 3, 1 << (slot & 7)
        if self._bits[byte] & bit:  # perhaps seen: look
            if key in self._recent:
                return False
            known = self._sorted.get(device)
            if known is not None:
                at = int(np.searchsorted(known, np.uint64(inode)))
                if at < len(known) and int(known[at]) == inode:
                    return False
        else:
            self._bits[byte] |= bit
        self._recent.add(key)
        if len(self._recent) >= self._MERGE:
            self._merge()
        return True

    def _merge(self) -> None:
        by_device: dict[int, list[int]] = {}
        for device, inode in self._recent:
            by_device.setdefault(device, []).append(inode)
        for device, inodes in by_device.items():
            new = np.array(inodes, dtype=np.uint64)
            known = self._sorted.get(device)
            self._sorted[device] = np.union1d(known, new) if known is not None else np.unique(new)
        self._recent = set()


def walk(paths: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = ()) -> Iterator[FileEntry]:
    """Files under ``paths`` in a stable (sorted) order: in each folder, its symbolic
    links to folders, then its files, then its subfolders one after another.

    Folders are walked without following symbolic links to folders (no loops): each
    such link is listed as skipped; hidden folders are not entered. Files named explicitly are always read. A file reached
    twice (named, and inside a named folder) is listed once. Files in ``exclude`` (the
    scan's own output, say) are not listed. A folder that cannot be listed is reported
    where its files would have been.
    """
    seen = _SeenFiles()
    excluded = {os.path.abspath(p) for p in exclude}
    excluded_names = {os.path.basename(p) for p in excluded}  # a first look, without abspath per file

    def first_time(info: os.stat_result) -> bool:
        return seen.add(info.st_dev, info.st_ino)  # the file's identity; cheaper than resolving its path

    def folder_entries(root: Path, folder: str, folder_path: Path) -> Iterator[FileEntry]:
        # os.scandir rather than os.walk: each entry's type comes with the listing and its
        # stat is made once; a Path is made once per folder, and per file only as its child
        try:
            with os.scandir(folder) as listing:
                listed = sorted(listing, key=_name)
        except OSError as exc:
            yield FileEntry(Path(exc.filename or folder), root, False, error=f"cannot list folder: {exc.strerror}")
            return
        subfolders = []
        files = []
        for entry in listed:
            try:
                is_dir = entry.is_dir()  # a link to a folder counts as a folder, as in os.walk
            except OSError:
                is_dir = False
            if not is_dir:
                files.append(entry)
            elif not entry.name.startswith("."):
                subfolders.append(entry)
        for entry in subfolders:
            if entry.is_symlink():  # listed, never entered
                yield FileEntry(folder_path / entry.name, root, False,
                                skip="symbolic link to a folder, not followed (it could loop); name it to scan it")
        for entry in files:
            name = entry.name
            if name in excluded_names and os.path.abspath(entry.path) in excluded:
                continue
            try:
                info = entry.stat()  # one stat: is it a file, and which one
            except OSError:
                info = None
            if info is None or not stat.S_ISREG(info.st_mode):
                path = folder_path / name
                yield FileEntry(path, root, False, error=_not_a_file(path))
            elif first_time(info):
                yield FileEntry(folder_path / name, root, False, skip=_skip_reason(name))
        for entry in subfolders:
            if not entry.is_symlink():
                yield from folder_entries(root, entry.path, folder_path / entry.name)

    for given in paths:
        root = Path(given)
        try:
            info = os.stat(root)
        except OSError:
            info = None
        if info is not None and stat.S_ISREG(info.st_mode):  # a file named: one stat, not three
            if first_time(info):
                yield FileEntry(root, root, True)
            continue
        if not root.exists():
            yield FileEntry(root, root, True, error=_not_a_file(root) if root.is_symlink() else "no such file or folder")
            continue
        if not root.is_dir():
            yield FileEntry(root, root, True, error="not a regular file or folder")
            continue
        yield from folder_entries(root, os.fspath(root), root)


def _name(entry: os.DirEntry) -> str:
    return entry.name


def count_files(paths: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = ()) -> int:
    """How many entries :func:`walk` lists (files to read, skipped or failing): the
    total a progress line counts towards. Walks the folders without reading a file."""
    return sum(1 for _ in walk(paths, exclude))

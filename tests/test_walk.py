"""The walk (os.scandir, one Path per folder) lists exactly what the os.walk definition
it replaced listed, in the same order, on generated trees: junk, hidden files and
folders, sidecars, links to files and folders, broken links, hard links, FIFOs,
excluded outputs, paths named twice."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phrasewatch.corpus.metadata import SIDECAR_NAME
from phrasewatch.corpus.walk import FileEntry, count_files, walk


def _reason_before(path: Path) -> str | None:
    name = path.name
    if name.startswith("._"):
        return "macOS resource fork (AppleDouble '._' file), not a document"
    if name.startswith("."):
        return "hidden file"
    if name == SIDECAR_NAME:
        return "metadata sidecar, read as metadata for the folder's documents"
    if name.lower().split(".")[0] in ("readme", "license", "licence", "changelog", "copying"):
        return "project documentation (README, LICENSE …), not a document; name it explicitly to scan it"
    return None


def _not_a_file_before(path: Path) -> str:
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link leads back to itself)"
        if path.is_symlink():
            return "broken symbolic link"
        return f"cannot read: {exc.strerror}"
    return "not a regular file"


def walk_before(paths, exclude=()):
    """The walk as it was defined before (os.walk, a Path per entry), the reference."""
    seen = set()
    excluded = {os.path.abspath(p) for p in exclude}
    excluded_names = {os.path.basename(p) for p in excluded}

    def first_time(path, info=None):
        try:
            info = info or path.stat()
        except OSError:
            return True
        key = (info.st_dev, info.st_ino)
        if key in seen:
            return False
        seen.add(key)
        return True

    for given_path in paths:
        root = Path(given_path)
        try:
            info = os.stat(root)
        except OSError:
            info = None
        if info is not None and stat.S_ISREG(info.st_mode):
            if first_time(root, info):
                yield FileEntry(root, root, True)
            continue
        if not root.exists():
            yield FileEntry(root, root, True, error=_not_a_file_before(root) if root.is_symlink() else "no such file or folder")
            continue
        if not root.is_dir():
            yield FileEntry(root, root, True, error="not a regular file or folder")
            continue
        errors = []
        for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in dirs:
                if os.path.islink(os.path.join(folder, name)):
                    yield FileEntry(Path(folder) / name, root, False,
                                    skip="symbolic link to a folder, not followed (it could loop); name it to scan it")
            for name in sorted(files):
                path = Path(folder) / name
                if name in excluded_names and os.path.abspath(path) in excluded:
                    continue
                try:
                    info = os.stat(path)
                except OSError:
                    info = None
                if info is None or not stat.S_ISREG(info.st_mode):
                    yield FileEntry(path, root, False, error=_not_a_file_before(path))
                    continue
                if first_time(path, info):
                    yield FileEntry(path, root, False, skip=_reason_before(path))
            for exc in errors:
                yield FileEntry(Path(exc.filename or folder), root, False, error=f"cannot list folder: {exc.strerror}")
            errors.clear()


NAMES = st.sampled_from(["a.txt", "B.md", "._a.txt", ".DS_Store", SIDECAR_NAME, "README.md", "LICENSE", "z.pdf",
                         "report.2020.txt", "Ärger.txt", "10.txt", "9.txt", "_x.txt"])
FOLDERS = st.sampled_from(["sub", "Sub", ".git", "b", "a b", "._folder"])
KINDS = st.sampled_from(["file", "file", "file", "empty", "link", "broken", "loop", "hardlink", "fifo", "dirlink"])

# a node: a file of some kind, or a folder of nodes
TREES = st.recursive(
    st.tuples(NAMES, KINDS),
    lambda children: st.tuples(FOLDERS, st.lists(children, max_size=5)),
    max_leaves=14,
)


def _build(folder: Path, nodes, made: list[Path]) -> None:
    for name, what in nodes:
        path = folder / name
        if path.exists() or path.is_symlink():
            continue
        if isinstance(what, list):
            path.mkdir()
            made.append(path)
            _build(path, what, made)
            continue
        earlier = [p for p in made if p.is_file()]
        if what == "file":
            path.write_text(f"text of {path}", encoding="utf-8")
        elif what == "empty":
            path.touch()
        elif what == "link" and earlier:
            path.symlink_to(earlier[-1])
        elif what == "broken":
            path.symlink_to(folder / "nowhere")
        elif what == "loop":
            path.symlink_to(path)
        elif what == "hardlink" and earlier:
            os.link(earlier[0], path)
        elif what == "fifo":
            os.mkfifo(path)
        elif what == "dirlink":
            path.symlink_to(folder)
        else:
            path.write_text("plain", encoding="utf-8")
        made.append(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=st.lists(TREES, max_size=6), named=st.lists(st.integers(min_value=0, max_value=40), max_size=3),
       excluded=st.lists(st.integers(min_value=0, max_value=40), max_size=2))
def test_the_walk_lists_what_the_os_walk_definition_listed(tmp_path_factory, tree, named, excluded):
    root = tmp_path_factory.mktemp("tree")
    made: list[Path] = []
    _build(root, tree, made)
    # the folder itself, then some of its files and folders named again, and a missing path
    paths = [root, *(made[i] for i in named if i < len(made)), root / "missing"]
    exclude = [made[i] for i in excluded if i < len(made)]
    assert list(walk(paths, exclude)) == list(walk_before(paths, exclude))
    assert count_files(paths, exclude) == len(list(walk_before(paths, exclude)))


def test_a_relative_root_and_a_trailing_slash_give_the_same_paths_as_before(tmp_path, monkeypatch):
    (tmp_path / "corpus" / "s").mkdir(parents=True)
    (tmp_path / "corpus" / "s" / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "corpus" / "._a.txt").write_bytes(b"\x00")
    monkeypatch.chdir(tmp_path)
    for given_path in ("corpus", "corpus/", "./corpus", "."):
        assert list(walk([given_path])) == list(walk_before([given_path]))


def test_a_folder_that_cannot_be_listed_is_reported_in_its_place(tmp_path, monkeypatch):
    """os.walk reported such a folder after the next folder's files, or not at all when
    it came last: the walk reports it where its files would have been."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "f.txt").write_text(name, encoding="utf-8")
    locked = str(tmp_path / "b")
    listing = os.scandir

    def scandir(path="."):
        if os.fspath(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", locked)
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    entries = list(walk([tmp_path]))
    assert [(e.path.relative_to(tmp_path).as_posix(), e.error) for e in entries] == [
        ("a/f.txt", None), ("b", "cannot list folder: Permission denied")]


@pytest.mark.parametrize("junk", ["._ARG_75_2020.txt", ".DS_Store"])
def test_junk_files_are_listed_with_their_reason_and_path(tmp_path, junk):
    (tmp_path / junk).write_bytes(b"\x00\x05\x16\x07")
    (entry,) = walk([tmp_path])
    assert entry == FileEntry(tmp_path / junk, tmp_path, False, skip=_reason_before(tmp_path / junk))
    assert isinstance(entry.path, Path)

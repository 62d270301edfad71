"""What the store answers in the scanning process itself, a batch of files at a time,
without a worker: a file whose stat signature is the one it had when it was hashed
and whose results are stored (a repeat scan), or whose results under another lexicon
of the same family stand because no changed formula can occur in it (a re-match after
a lexicon edit). Everything else goes to :class:`~.rematch.StoredScanner` as before.

Whether a changed formula can occur is decided on the stored text's raw UTF-8, without
decoding it: in a text with a skeleton (its ASCII letters and digits, lower-cased, are
its key's) a pattern occurs only where its skeleton does (the matcher's first look,
:meth:`~phrasewatch.match.BaseMatcher.skeleton_anchors`), and a skeleton occurs in the
skeleton exactly where its letters occur in the raw bytes with only other bytes (not
ASCII letters or digits) between them. One Hyperscan pass over the file's texts says
so. A hit, or a lexicon that cannot be looked for that way, sends the file to the
worker path, which decides document by document on the text.

A file with a text without a skeleton (Chinese, mostly) is decided here as the worker
path would decide it, on its stored texts with the changed formulae's matcher (its
first look for Chinese reads the text without normalising it): cheaper than a worker
reading the file from the store, shipping back its results and storing them again.
"""

from __future__ import annotations

__all__ = ["StoreRouter"]

import json
import os
from collections.abc import Iterable, Iterator

from ..corpus.walk import FileEntry, shown
from ..lexicon import Lexicon
from ..options import ScanOptions
from ..pipeline import DocumentResult
from .db import FileKey, Store, file_signature
from .rematch import StoreKeys, ToStore, changed_formulae, changed_matcher, may_touch

# a lexicon edit that changes more than this many phrases' skeletons is looked for on
# the worker path (an expression per skeleton: the first look's cost would grow with it)
_MOST_ANCHORS = 2000

Answer = tuple[list[DocumentResult], ToStore | None]


class StoreRouter:
    """Answers from the store for the files it can answer, in the scanning process.

    :meth:`route` yields each entry with its answer (results and what to write to the
    store), or with None: the file is scanned (through the store) as before.
    """

    def __init__(self, store: Store, keys: StoreKeys, lexicon: Lexicon, options: ScanOptions):
        self.store = store
        self.keys = keys
        self.lexicon = lexicon
        self.kinds = tuple(options.kinds)
        self.chinese_tokens = options.chinese_tokens
        self._looks: dict[frozenset, object] = {}
        self._finders: dict[frozenset, object] = {}
        self._changed: dict[str, frozenset] = {}  # by config of the family

    def route(self, entries: Iterable[FileEntry], batch: int = 512) -> Iterator[tuple[FileEntry, Answer | None]]:
        chunk: list[FileEntry] = []
        for entry in entries:
            chunk.append(entry)
            if len(chunk) >= batch:
                yield from self._route(chunk)
                chunk = []
        if chunk:
            yield from self._route(chunk)

    def _route(self, chunk: list[FileEntry]) -> Iterator[tuple[FileEntry, Answer | None]]:
        signed: dict[int, tuple[str, str]] = {}  # index in chunk: (path shown, signature now)
        for i, entry in enumerate(chunk):
            if entry.error or (entry.skip and not entry.explicit):
                continue
            try:
                signed[i] = (shown(entry.path), file_signature(os.stat(entry.path)))
            except OSError:
                continue
        stored = self.store.signatures([path for path, _ in signed.values()]) if signed else {}
        keys: dict[int, FileKey] = {}
        for i, (path, signature) in signed.items():
            known = stored.get(path)
            if known is not None and known[0] == signature:  # unchanged since it was hashed
                keys[i] = FileKey(path, known[1])
        answered = self.store.outcomes(list(keys.values()), self.keys.config) if keys else {}
        rest = [key for key in keys.values() if key not in answered]
        earlier = self.store.family_outcomes(rest, self.keys.family) if rest else {}
        texts = self.store.texts([key.content_hash for key in earlier], self.keys.read) if earlier else {}
        for i, entry in enumerate(chunk):
            key = keys.get(i)
            if key is None:
                yield entry, None
            elif key in answered:
                yield entry, ([DocumentResult(**r) for r in json.loads(answered[key][1])], None)
            elif key in earlier and key.content_hash in texts:
                outcome, results, config = earlier[key]
                yield entry, self._kept(key, outcome, results, self._changed_since(config), *texts[key.content_hash])
            else:
                yield entry, None

    def _changed_since(self, config: str) -> frozenset:
        """The formulae whose definition differs between ``config``'s lexicon and this one."""
        if config not in self._changed:
            self._changed.update((c, changed_formulae(hashes, self.keys.formulae))
                                 for c, hashes in self.store.family(self.keys.family).items())
        return self._changed[config]

    def _kept(self, key: FileKey, outcome: int, results: str, changed: frozenset, count: int, lookable: bool,
              texts: bytes) -> Answer | None:
        """The results stored under another lexicon, when no changed formula can alter
        them (as :meth:`StoredScanner.rematch` would keep every document's): None when
        some document may have to be processed again."""
        stored = json.loads(results)
        if len(stored) != count or "reinterpreted" in self.kinds:
            return None  # as StoredScanner.rematch: no shortcut
        if changed:
            if any(row.get("formula_id") in changed for r in stored for row in r["matches"]):
                return None  # it matched before: processed again
            if not lookable:  # a text without a skeleton (Chinese, letters by folding …)
                if self._may_touch_stored(key, count, changed):
                    return None
            else:
                look = self._look(changed)
                if look is _UNKNOWN or (look is not None and look(texts)):
                    return None
        return [DocumentResult(**r) for r in stored], ToStore("refer", key, outcome=outcome)

    def _may_touch_stored(self, key: FileKey, count: int, changed: frozenset) -> bool:
        """Whether a changed formula may alter the results of a stored file's documents,
        decided on their texts (as the worker path would)."""
        documents = self.store.documents(key, self.keys.read)
        if documents is None or len(documents) != count:
            return True
        finder = self._finder(changed)
        return any(may_touch(finder, document["text"], self.chinese_tokens) for document in documents)

    def _finder(self, changed: frozenset):
        """The matcher of the changed formulae this lexicon has (None: it has none)."""
        if changed not in self._finders:
            self._finders[changed] = changed_matcher(self.lexicon, self.kinds, changed)
        return self._finders[changed]

    def _look(self, changed: frozenset):
        """A function telling whether raw UTF-8 may hold a changed formula's pattern;
        None when this lexicon has none of the changed formulae (nothing to look for);
        _UNKNOWN when they cannot be looked for in raw bytes."""
        if changed not in self._looks:
            matcher = self._finder(changed)
            self._looks[changed] = None if matcher is None else _raw_look(matcher.skeleton_anchors())
        return self._looks[changed]


_UNKNOWN = object()


def _raw_pattern(anchor: bytes) -> bytes:
    """A Hyperscan expression for raw UTF-8 whose skeleton holds ``anchor``: its letters
    (either case) and digits with anything but ASCII letters and digits between them."""
    parts = []
    for byte in anchor:
        ch = chr(byte)
        parts.append(f"[{ch}{ch.upper()}]" if ch.isalpha() else f"\\x{byte:02x}")
    return "[^A-Za-z0-9]*".join(parts).encode("ascii")


def _raw_look(anchors: frozenset[bytes] | None):
    if anchors is None or len(anchors) > _MOST_ANCHORS:
        return _UNKNOWN
    if not anchors:
        return lambda data: False  # only East Asian patterns: never in a text with a skeleton
    try:
        import hyperscan
    except ImportError:
        return _UNKNOWN
    expressions = [_raw_pattern(anchor) for anchor in sorted(anchors)]
    database = hyperscan.Database()
    database.compile(expressions=expressions, ids=list(range(len(expressions))), elements=len(expressions),
                     flags=[hyperscan.HS_FLAG_SINGLEMATCH] * len(expressions))

    def look(data: bytes) -> bool:
        found = []

        def on_match(*_):
            found.append(True)
            return True  # one is enough: stop the scan

        try:
            database.scan(data, match_event_handler=on_match)
        except hyperscan.ScanTerminated:
            pass
        return bool(found)

    return look

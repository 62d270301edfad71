"""A scan through the store: stored results where the file and settings are the same,
stored text where only the lexicon changed, and re-matching after a lexicon edit that
reprocesses only the documents a changed formula can touch."""

from __future__ import annotations

__all__ = ["StoreKeys", "StoredScanner", "ToStore", "changed_formulae", "changed_matcher", "formula_hashes",
           "may_touch", "results_version"]

import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .. import resources
from ..corpus.readers import READER_VERSION, Document
from ..corpus.walk import FileEntry
from ..lexicon import Lexicon
from ..match import Matcher
from ..options import ScanOptions
from ..pipeline import DocumentResult, DocumentScanner
from ..text import KeyedText
from ..text.chars import MAYBE_HAN
from .db import FileKey, Store, config_key


@functools.lru_cache(maxsize=1)
def results_version() -> str:
    """A hash of the code and data that shape a document's results (rules for voice and
    stance, the country table, the sense model …): a store recomputes results kept by
    any other version, rather than serve them with old rules. Stored text is kept."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=8)
    files = [*package.rglob("*.py"), *package.glob("data/*"), *(resources.lexicon_dir() / "models").glob("*.json")]
    for path in sorted(files, key=lambda p: p.as_posix()):
        if "_bundled" in path.parts and path.suffix == ".py":
            continue
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# what a formula's matches and rows do not depend on: where it is written, and its notes
_NOT_MATCHING = ("file", "line", "notes", "sources", "examples", "measured_distinctiveness")


def formula_hashes(lexicon: Lexicon) -> dict[str, str]:
    """A hash of each formula's definition (forms, blockers, acronyms, metadata,
    context): two lexicons give a document the same results unless it holds a formula
    whose hash differs (or that only one of them has)."""
    out = {}
    for formula in lexicon:
        fields = {k: v for k, v in dataclasses.asdict(formula).items() if k not in _NOT_MATCHING}
        out[formula.id] = hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return out


@dataclass(frozen=True)
class StoreKeys:
    """``read``: what a file's text depends on besides its bytes (how it is read);
    ``config``: what its results depend on besides its bytes and path (that, the
    lexicon and the kinds); ``family``: the config without its lexicon (results stored
    under another lexicon of the same family differ only where a changed formula
    occurs); ``formulae``: each formula's hash."""

    read: str
    config: str
    family: str
    formulae: dict

    @classmethod
    def of(cls, lexicon: Lexicon, options: ScanOptions, joined: str | None = None) -> StoreKeys:
        """``joined``: the digest of the metadata table the scan joins, if any."""
        kinds = tuple(options.kinds)
        read = config_key(READER_VERSION, options.text_column, options.encoding, options.max_bytes, options.max_rows,
                          options.max_matches)
        family = config_key(kinds, read, results_version(), options.chinese_tokens, *([joined] if joined is not None else []))
        return cls(read, config_key(lexicon.version, kinds, read, family), family, formula_hashes(lexicon.select(kinds)))


def changed_formulae(stored: dict[str, str], current: dict[str, str]) -> frozenset[str]:
    """The formulae whose hashes differ between two lexicons (or that one lacks)."""
    return frozenset(f for f in set(stored) | set(current) if stored.get(f) != current.get(f))


def changed_matcher(lexicon: Lexicon, kinds, changed: frozenset) -> Matcher | None:
    """A matcher of the changed formulae that this lexicon has (None if it has none)."""
    keep = {fid: f for fid, f in lexicon.formulae.items() if fid in changed}
    if not keep:
        return None
    sub = Lexicon(formulae=keep, files=lexicon.files, names=lexicon.names, version=lexicon.version,
                  patterns=tuple(p for p in lexicon.patterns if p.formula_id in keep))
    return Matcher(sub, kinds=kinds)


@dataclass(frozen=True)
class ToStore:
    """What the scanning process writes to the store for one file: ``put`` its results
    (with the documents read, if it was read), ``refer`` to a stored outcome that holds
    them already, or only ``sign`` it (its results were stored, its signature was not)."""

    kind: str
    key: FileKey
    documents: list | None = None
    signature: str | None = None
    outcome: int | None = None

    def write(self, store: Store, keys: StoreKeys, results: list[DocumentResult]) -> None:
        if self.kind == "put":
            store.put(self.key, keys.config, keys.read, results, self.documents, self.signature)
        elif self.kind == "refer":
            store.refer(self.key, keys.config, self.outcome)
        elif self.signature is not None:
            store.sign(self.key, self.signature)


class StoredScanner:
    """A :class:`DocumentScanner` in front of a store (read-only: only the scanning
    process writes, from what :meth:`scan` returns)."""

    def __init__(self, scanner: DocumentScanner, keys: StoreKeys):
        self.scanner = scanner
        self.keys = keys
        self._finders: dict[frozenset, Matcher | None] = {}

    def scan(self, entry: FileEntry, store: Store | None) -> tuple[list[DocumentResult], tuple | None]:
        """``scan_entry`` through a store: stored results when the file and settings are
        the same, stored text when only the lexicon changed. Returns the results and
        what the scanning process should write to the store (None: nothing)."""
        scanner = self.scanner
        if store is None or entry.error or (entry.skip and not entry.explicit):
            return scanner.scan_entry(entry), None
        try:
            key, signature = FileKey.signed(entry.path)
        except OSError:
            return scanner.scan_entry(entry), None
        stored = store.results(key, self.keys.config)
        if stored is not None:
            return [DocumentResult(**r) for r in stored], ToStore("sign", key, signature=signature)
        documents = store.documents(key, self.keys.read)
        if documents is not None:
            documents = [Document(**d) for d in documents]
            earlier = store.results_of_family(key, self.keys.family)
            rematched = self.rematch(entry, documents, *earlier) if earlier is not None else None
            results = rematched if rematched is not None else scanner.scan_entry(entry, documents)
            return results, ToStore("put", key, signature=signature)
        read: list[Document] = []
        results = scanner.scan_entry(entry, read=read)
        return results, ToStore("put", key, read, signature)

    def rematch(self, entry: FileEntry, documents: list[Document], stored: list[dict],
                hashes: dict[str, str]) -> list[DocumentResult] | None:
        """Results for stored text under this lexicon, from results stored under another
        of the same family: a document where no changed formula occurs keeps its
        results; the others are processed again. None when that cannot be done."""
        if len(stored) != len(documents) or "reinterpreted" in self.scanner.matcher.kinds:
            return None  # the sense model reads every reinterpreted word: no shortcut
        changed = changed_formulae(hashes, self.keys.formulae)
        results = []
        try:
            size = entry.path.stat().st_size
            for doc, old in zip(documents, stored, strict=True):
                old = DocumentResult(**old)
                if changed and self._touched(doc, old, changed):
                    old = dataclasses.replace(self.scanner.process(entry, doc), bytes_read=size if doc.row is None else 0)
                results.append(old)
        except Exception:  # noqa: BLE001
            return None  # scan_entry records the failure
        return results

    def _finder(self, changed: frozenset) -> Matcher | None:
        if changed not in self._finders:
            self._finders[changed] = changed_matcher(self.scanner.lexicon, self.scanner.matcher.kinds, changed)
        return self._finders[changed]

    def _touched(self, doc: Document, old: DocumentResult, changed: frozenset) -> bool:
        """Whether a changed formula can alter this document's results: it matched
        before, or :func:`may_touch` says its text may hold one."""
        if any(row.get("formula_id") in changed for row in old.matches):
            return True
        return may_touch(self._finder(changed), doc.text, self.scanner.options.chinese_tokens)


def may_touch(finder: Matcher | None, text: str, chinese_tokens: str) -> bool:
    """Whether formulae changed by a lexicon edit (``finder``: their matcher, None when
    this lexicon has none of them) can alter the results of a document with this
    text, which none of them matched before: one of their patterns (blockers too)
    occurs in it, or it has Chinese text counted in jieba's words (whose dictionary
    holds the lexicon's phrases; Chinese characters, the default unit, owe nothing to
    the lexicon). An acronym alone cannot: it counts only after its formula is
    spelled out."""
    keyed = KeyedText(text)
    if finder is not None and finder.occurs_in(keyed):
        return True
    if chinese_tokens != "jieba" or keyed.has_skeleton():  # no count reads the lexicon
        return False
    return MAYBE_HAN.search(keyed.whole().text) is not None

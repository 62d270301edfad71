"""Copies of one statement in a corpus, grouped so that it is counted once.

A corpus often holds one statement several times: the same text as .txt and as .md, a
reprint or corrigendum with a few words changed, the Chinese original and its English
translation. Each document gets, in the scan's worker, a fingerprint of its text
(:func:`fingerprint`); after the scan :func:`group_copies` puts copies in one group:

- **exact**: the same letters and digits, whatever the spacing, punctuation, case or
  format (``content_hash``, a hash of them);
- **near**: MinHash estimates of the Jaccard similarity of their shingles (windows of
  ``WINDOW`` bytes of letters and digits, some five English words or eight Chinese
  characters, starting at rare bytes) of at least ``NEAR_SIMILARITY``;

  either unless their metadata tell them apart: two resolutions with different
  symbols, two texts of different years or actors (the annual resolution re-adopted
  with a new paragraph is a new adoption, and so is one text delivered by two
  countries);
- **translation**: documents in different languages with the same genre, the same
  parties and the same date (a joint statement in Chinese and English), or linked by
  hand.

Stated links win: a ``group`` column (any label; documents with the same label are one
group) or a ``copy_of`` / ``translation_of`` column naming another document (by doc_id
or file name) in a sidecar, front matter or table.

Each group's representative is its first document in scan order (one marked by hand
as a copy or translation is never chosen when another is there); ``group_id`` is the
representative's doc_id, and ``copy_of_kind`` says how each other member copies it.
"""

from __future__ import annotations

__all__ = ["fingerprint", "fingerprint_of_letters", "group_copies", "CopyKeys", "copy_kinds", "letters_of", "NEAR_SIMILARITY", "WINDOW", "PERMUTATIONS", "COPY_COLUMNS"]

import array
import base64
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator

import numpy as np

from .text import letters_of

WINDOW = 24  # bytes of letters and digits in a shingle: four or five English words, eight Chinese characters
PERMUTATIONS = 64
# 16 bands of 4 rows: pairs above ~0.5 similarity meet in some band with high chance,
# and are then checked against NEAR_SIMILARITY on all 64 values
_BANDS = 16
NEAR_SIMILARITY = 0.8
COPY_COLUMNS = ("content_hash", "group_id", "copy_of_kind")

_random = np.random.RandomState(20240601)  # fixed: fingerprints must be the same in every process and run
_A = (_random.randint(0, 2**31, size=PERMUTATIONS, dtype=np.int64) * 2 + 1).astype(np.uint32)
_B = _random.randint(0, 2**32, size=PERMUTATIONS, dtype=np.int64).astype(np.uint32)
_WORD_WEIGHTS = _random.randint(1, 2**62, size=WINDOW // 8, dtype=np.int64).astype(np.uint64) * np.uint64(2) + np.uint64(1)
_BLOCK = 8192  # shingles hashed at once: bounds memory to _BLOCK x PERMUTATIONS values
_PIECE = 1 << 20  # bytes looked at at once for anchors: bounds memory however long the document

# Shingles start where the letters hold one of these bytes: rare English letters, and
# four of the 64 values of a UTF-8 continuation byte (every Chinese character has two).
# Where shingles start depends only on the text, so two copies take the same ones;
# hashing one window in some twenty rather than every token costs a tenth of the time.
_ANCHOR = bytes(1 if c in b"bjkqvxz" or 0x80 <= c < 0x84 else 0 for c in range(256))  # a bytes.translate table




def _shingle_hashes(letters: bytes) -> np.ndarray:
    """One 64-bit hash per shingle: the WINDOW bytes from each anchor byte on."""
    if len(letters) < WINDOW:
        letters = letters.ljust(WINDOW, b"\0")
    last = len(letters) - WINDOW  # the last offset where a whole window fits
    starts = [np.flatnonzero(np.frombuffer(letters[a:min(a + _PIECE, last + 1)].translate(_ANCHOR), dtype=bool)) + a
              for a in range(0, last + 1, _PIECE)]
    offsets = np.concatenate(starts)
    if not len(offsets):  # no anchor byte at all (a short text): its first window
        offsets = np.zeros(1, dtype=np.intp)
    # the eight bytes from every offset, as one unaligned view of the buffer (no copy)
    words = np.ndarray(shape=(len(letters) - 7,), dtype="<u8", buffer=letters, strides=(1,))
    hashes = np.zeros(len(offsets), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j, weight in enumerate(_WORD_WEIGHTS):
            hashes += words[offsets + 8 * j] * weight
    return hashes


def fingerprint(text: str) -> dict:
    """``content_hash`` (the text's letters and digits, hashed) and ``minhash`` (a
    MinHash signature of its shingles, as text so that it survives JSON), or Nones for
    a text without letters. Meant for the scan's normalised key (NFKC, hyphenation
    undone), so that the same text read from two formats has the same fingerprint.

    >>> a = fingerprint("The two sides agreed.")
    >>> a == fingerprint("THE TWO SIDES  AGREED!")
    True
    """
    return fingerprint_of_letters(letters_of(text))


def fingerprint_of_letters(letters: bytes) -> dict:
    """:func:`fingerprint` of a key whose ``letters_of`` are ``letters`` (see
    :meth:`phrasewatch.text.KeyedText.letters`: read without the key where it can be)."""
    if not letters:
        return {"content_hash": None, "minhash": None}
    content_hash = hashlib.blake2b(letters, digest_size=12).hexdigest()
    shingles = _shingle_hashes(letters)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 and 2**32 is the point
        # The high 32 bits of the weighted sum are well mixed; an odd multiplier and an
        # offset modulo 2**32 permute them, a different permutation per signature value.
        # 32-bit arithmetic is three times faster than 64-bit, and repeated shingles need
        # not be removed: they do not change a minimum.
        folded = (shingles >> np.uint64(32)).astype(np.uint32)
        signature = np.full(PERMUTATIONS, np.iinfo(np.uint32).max, dtype=np.uint32)
        for start in range(0, len(folded), _BLOCK):
            # one row per permutation, reduced along the row: some ten times faster
            # than the same arithmetic laid out one row per shingle
            values = np.multiply(_A[:, None], folded[None, start:start + _BLOCK])
            values += _B[:, None]
            signature = np.minimum(signature, values.min(axis=1))
    return {"content_hash": content_hash, "minhash": base64.b64encode(signature.astype("<u4").tobytes()).decode("ascii")}


def _signature(value) -> bytes | None:
    if not isinstance(value, str) or not value:
        return None
    raw = base64.b64decode(value)
    return raw if len(raw) == _SIGNATURE_BYTES else None


_SIGNATURE_BYTES = PERMUTATIONS * 4
_KINDS = (None, "exact", "near", "translation")  # copy_of_kind by code


class _Groups:
    """Union-find over row positions; the smallest position is each group's root, so
    the result does not depend on the order in which links are found."""

    def __init__(self, n: int):
        self.parent = array.array("q", range(n))  # 8 bytes a document, not a list's 36

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _present(value) -> bool:
    return value is not None and value == value and str(value).strip() != ""  # not None, NaN or ""


def _digest(text: str) -> int:
    """A 64-bit hash, never 0 (0 marks a missing value). Where two values' digests are
    equal the values are taken as equal: for the few hundred thousand documents of a
    large scan a false match has odds of about one in 10^8."""
    value = int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little", signed=True)
    return value or 1


def _raw_digest(value) -> int:
    """A digest of a value as it is (its type and text), or 0 when it is missing."""
    return _digest(f"{type(value).__name__}:{value}") if _present(value) else 0


def _parties_key(value) -> str:
    return ";".join(sorted(p.strip().upper() for p in str(value).split(";") if p.strip()))


_HEX = re.compile(r"[0-9a-f]{24}")


class CopyKeys:
    """What :func:`group_copies` needs of each document, kept compactly as the documents
    of a scan come (some 70 bytes each in memory, and the 256-byte MinHash signature in
    ``spill`` once there are many): the flags, the content hash, digests of the
    metadata compared, the signature; the rare stated links as they are. A scan that
    writes its tables to files groups half a million documents in tens of MB.

    ``spill``: a folder for the signatures (a temporary file there) once they pass
    ``in_memory`` bytes; None keeps them in memory."""

    def __init__(self, spill: str | os.PathLike | None = None, in_memory: int = 16 << 20):
        self.n = 0
        self._usable = bytearray()
        self._has_hash = bytearray()
        self._hashes = bytearray()  # 12 bytes a document
        self._odd_hashes: dict[int, object] = {}  # a content_hash not written by fingerprint()
        self._has_signature = bytearray()
        self._signatures = bytearray()
        self._signature_file = None
        self._spill, self._in_memory = spill, in_memory
        # str(value) digests of the metadata that tell similar texts apart, and of
        # (genre, parties, date) and language for translations
        self._apart = {c: array.array("q") for c in ("symbol", "year", "actor")}
        self._statement = array.array("q")
        self._language = array.array("q")
        self._labels: dict[int, str] = {}  # stated `group`
        self._links: dict[int, list[str]] = {}  # stated copy_of / translation_of

    def __len__(self) -> int:
        return self.n

    def add(self, record: dict) -> None:
        """The next document record (scan order)."""
        i = self.n
        self.n += 1
        usable = record.get("status") == "ok" and _present(record.get("doc_id"))
        self._usable.append(usable)
        if not usable:
            # grouping reads nothing of a document that cannot be a copy but its place
            # (half the UNGDC's rows are skipped ._ files: their digests cost 0.1 s)
            self._has_hash.append(0)
            self._hashes += bytes(12)
            self._has_signature.append(0)
            self._put_signature(bytes(_SIGNATURE_BYTES))
            for values in self._apart.values():
                values.append(0)
            self._statement.append(0)
            self._language.append(0)
            return
        h = record.get("content_hash")
        if isinstance(h, str) and _HEX.fullmatch(h):
            self._has_hash.append(1)
            self._hashes += bytes.fromhex(h)
        else:
            self._has_hash.append(2 if _present(h) else 0)
            self._hashes += bytes(12)
            if _present(h):
                self._odd_hashes[i] = h
        signature = _signature(record.get("minhash"))
        self._has_signature.append(signature is not None)
        self._put_signature(signature or bytes(_SIGNATURE_BYTES))
        for column, values in self._apart.items():
            value = record.get(column)
            values.append(_digest(str(value)) if _present(value) else 0)
        if all(_present(record.get(c)) for c in ("genre", "parties", "date", "language")):
            self._statement.append(_digest(f"{type(record['genre']).__name__}:{record['genre']}\0"
                                           f"{_parties_key(record['parties'])}\0{record['date']}"))
        else:
            self._statement.append(0)
        self._language.append(_raw_digest(record.get("language")))
        if _present(record.get("group")):
            self._labels[i] = str(record["group"]).strip()
        links = [str(record[c]).strip() for c in ("copy_of", "translation_of") if _present(record.get(c))]
        if links:
            self._links[i] = links

    def _put_signature(self, signature: bytes) -> None:
        if self._signature_file is None and self._spill is not None and len(self._signatures) >= self._in_memory:
            self._signature_file = tempfile.TemporaryFile(dir=self._spill)
            self._signature_file.write(self._signatures)
            self._signatures = bytearray()
        if self._signature_file is not None:
            self._signature_file.write(signature)
        else:
            self._signatures += signature

    def _signature_rows(self, positions: np.ndarray, chunk: int = 8192):
        """(positions, their signatures as a matrix) in pieces spanning at most
        ``chunk`` documents (2 MB of signatures)."""
        if self._signature_file is not None:
            self._signature_file.flush()
        start = 0
        while start < len(positions):
            end = int(np.searchsorted(positions, positions[start] + chunk))
            part, start = positions[start:end], end
            if self._signature_file is None:
                matrix = np.frombuffer(self._signatures, dtype="<u4").reshape(-1, PERMUTATIONS)[part]
            else:
                # read the rows' span of the file, not the whole file
                first, last = int(part[0]), int(part[-1]) + 1
                span = os.pread(self._signature_file.fileno(), (last - first) * _SIGNATURE_BYTES, first * _SIGNATURE_BYTES)
                matrix = np.frombuffer(span, dtype="<u4").reshape(-1, PERMUTATIONS)[part - first]
            yield part, matrix

    def signature(self, i: int) -> np.ndarray:
        if self._signature_file is None:
            return np.frombuffer(self._signatures, dtype="<u4", count=PERMUTATIONS, offset=i * _SIGNATURE_BYTES)
        self._signature_file.flush()
        return np.frombuffer(os.pread(self._signature_file.fileno(), _SIGNATURE_BYTES, i * _SIGNATURE_BYTES), dtype="<u4")

    def close(self) -> None:
        if self._signature_file is not None:
            self._signature_file.close()
            self._signature_file = None

    def _told_apart(self, i: int, j: int) -> bool:
        """Metadata saying two similar texts are different documents."""
        return any(values[i] and values[j] and values[i] != values[j] for values in self._apart.values())

    def _same_hash(self, i: int, j: int) -> bool:
        if self._has_hash[i] != self._has_hash[j] or not self._has_hash[i]:
            return False
        if self._has_hash[i] == 2:
            return self._odd_hashes[i] == self._odd_hashes[j]
        return self._hashes[12 * i:12 * i + 12] == self._hashes[12 * j:12 * j + 12]

    def group(self, names: Callable[[], Iterable[tuple[int, object, object]]] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Each document's representative (its position; its own for a document alone
        or not read) and how it copies it (a code: :data:`copy_kinds`). ``names``: the
        (position, doc_id, path) of the documents in order, asked for only when a
        link is stated by doc_id or file name."""
        n = self.n
        groups = _Groups(n)
        usable = np.flatnonzero(np.frombuffer(self._usable, dtype=np.uint8)) if n else np.zeros(0, dtype=np.int64)

        def link(candidates: Iterable[int], alike) -> None:
            """Join each candidate to the first group among the candidates before it whose
            first member it is ``alike`` and not told apart from. Comparing with one
            member per group, not with every earlier candidate, keeps a bucket of many
            similar short texts from costing the square of its size."""
            firsts: list[int] = []
            for i in candidates:
                for j in firsts:
                    if groups.find(i) == groups.find(j) or (alike(i, j) and not self._told_apart(i, j)):
                        groups.union(j, i)
                        break
                else:
                    firsts.append(i)

        # exact copies: runs of one content hash (each run on its own documents, so
        # the order in which runs are linked does not matter)
        hashed = usable[np.frombuffer(self._has_hash, dtype=np.uint8)[usable] == 1]
        for run in _runs(hashed, np.frombuffer(self._hashes, dtype="S12")[hashed]):
            link(run.tolist(), lambda i, j: True)
        del hashed
        odd: dict[object, list[int]] = {}
        for i in sorted(self._odd_hashes):
            if self._usable[i]:
                odd.setdefault(self._odd_hashes[i], []).append(i)
        for members in odd.values():
            link(members, lambda i, j: True)

        # near copies: documents that share a band of their signatures
        signed = usable[np.frombuffer(self._has_signature, dtype=np.uint8)[usable] == 1]
        for members in self._band_buckets(signed):
            cache: dict[int, np.ndarray] = {}

            def alike(i: int, j: int, cache: dict[int, np.ndarray] = cache) -> bool:  # this bucket's
                for k in (i, j):
                    if k not in cache:
                        cache[k] = self.signature(k)
                return float(np.mean(cache[i] == cache[j])) >= NEAR_SIMILARITY

            link(members, alike)

        # translations: one statement per language under the same genre, parties and date
        statement = np.frombuffer(self._statement, dtype=np.int64)
        stated_docs = usable[statement[usable] != 0]
        # statements in order of their first document, as they were met: a union made
        # for one can change whether another's languages are single groups
        for run in _runs(stated_docs, statement[stated_docs]):
            by_language: dict[int, list[int]] = {}
            for i in run.tolist():  # scan order
                by_language.setdefault(self._language[i], []).append(i)
            roots = [{groups.find(i) for i in members} for members in by_language.values()]
            if len(roots) > 1 and all(len(r) == 1 for r in roots):
                first, *others = [min(members) for members in by_language.values()]
                for i in others:
                    groups.union(first, i)

        # links stated by hand
        position: dict[str, int] = {}
        if self._links and names is not None:
            for i, doc_id, path in names():
                if not self._usable[i]:
                    continue
                for name in (doc_id, *_file_names(path)):
                    position.setdefault(str(name), i)
        marked: set[int] = set()
        labelled: dict[str, int] = {}
        for i in sorted({*self._labels, *self._links}):
            if i in self._labels:
                groups.union(labelled.setdefault(self._labels[i], i), i)
            for name in self._links.get(i, ()):
                if name in position:
                    groups.union(position[name], i)
                    marked.add(i)

        representative = np.arange(n, dtype=np.int64)
        kind = np.zeros(n, dtype=np.uint8)
        roots = np.concatenate([np.fromiter((groups.find(i) for i in part.tolist()), dtype=np.int64, count=len(part))
                                for part in np.array_split(usable, max(1, len(usable) // 65536))]) if len(usable) else usable
        representative[usable] = roots  # the first member, unless it was marked by hand
        if marked:
            members: dict[int, list[int]] = {}
            for i, root in zip(usable.tolist(), roots.tolist(), strict=True):
                members.setdefault(root, []).append(i)
            for root, group in members.items():
                if root in marked:
                    rep = min(group, key=lambda i: (i in marked, i))
                    representative[group] = rep
        language = np.frombuffer(self._language, dtype=np.int64)
        for i in (i for part in np.array_split(np.flatnonzero(representative != np.arange(n)), max(1, n // 65536))
                  for i in part.tolist()):
            rep = int(representative[i])
            if self._same_hash(i, rep):
                kind[i] = 1
            elif language[i] and language[rep] and language[i] != language[rep]:
                kind[i] = 3
            else:
                kind[i] = 2
        return representative, kind

    def _band_buckets(self, positions: np.ndarray) -> Iterator[list[int]]:
        """Documents whose signatures agree on all the rows of some band (locality-
        sensitive hashing), each bucket in scan order: the candidates for near copies.
        Found by sorting, not by a dictionary per document and band; one band at a
        time, each band's keys read from the signatures in pieces."""
        if len(positions) < 2:
            return
        rows = PERMUTATIONS // _BANDS
        for band in range(_BANDS):
            # a band's rows as one number; two bands that collide are only checked in full
            key = np.zeros(len(positions), dtype=np.uint64)
            done = 0
            with np.errstate(over="ignore"):
                for part, matrix in self._signature_rows(positions):
                    piece = np.zeros(len(part), dtype=np.uint64)
                    for column in matrix[:, band * rows:(band + 1) * rows].T:
                        piece = piece * np.uint64(0x9E3779B97F4A7C15) + column.astype(np.uint64)
                    key[done:done + len(part)] = piece
                    done += len(part)
            _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
            del key
            shared = np.flatnonzero(counts[inverse] > 1)
            if not len(shared):
                continue
            buckets = inverse[shared]
            del inverse, counts
            # each bucket's members in scan order (a stable sort of ascending positions),
            # the buckets in order of their first member, all in arrays: a list of
            # Python ints per document cost 36 bytes each
            order = np.argsort(buckets, kind="stable")
            members = shared[order]
            starts = np.flatnonzero(np.r_[True, buckets[order][1:] != buckets[order][:-1]])
            del buckets, order, shared
            ends = np.r_[starts[1:], len(members)]
            for k in np.argsort(members[starts], kind="stable").tolist():
                yield positions[members[starts[k]:ends[k]]].tolist()


def _runs(positions: np.ndarray, values: np.ndarray) -> list[np.ndarray]:
    """The positions (ascending) that share a value, two or more, each run in scan
    order and the runs in order of their first position; found by sorting."""
    if len(positions) < 2:
        return []
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    del ordered
    ends = np.r_[starts[1:], len(order)]
    long = np.flatnonzero(ends - starts > 1)
    long = long[np.argsort(order[starts[long]], kind="stable")]
    return [positions[order[starts[k]:ends[k]]] for k in long.tolist()]


copy_kinds = _KINDS


def group_copies(documents: list[dict]) -> list[dict]:
    """For each document record (scan order), ``group_id`` and ``copy_of_kind`` ("exact",
    "near", "translation", or None for a group's representative and documents not
    read). Records need ``doc_id``, ``status`` and the fingerprint fields; metadata
    (language, genre, parties, date, symbol, year, actor, and stated ``group``,
    ``copy_of``, ``translation_of``) is used where present. (:class:`CopyKeys` groups
    documents kept compactly, as a scan writing files does.)"""
    keys = CopyKeys()
    for record in documents:
        keys.add(record)

    representative, kind = keys.group(lambda: ((i, d.get("doc_id"), d.get("path")) for i, d in enumerate(documents)))
    return [{"group_id": documents[r].get("doc_id"), "copy_of_kind": _KINDS[k]}
            for r, k in zip(representative.tolist(), kind.tolist(), strict=True)]


def _file_names(path) -> tuple[str, ...]:
    if not _present(path):
        return ()
    name = re.split(r"[\\/]", str(path))[-1]
    return (name, name.rsplit(".", 1)[0])

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

__all__ = ["fingerprint", "fingerprint_of_letters", "group_copies", "letters_of", "NEAR_SIMILARITY", "WINDOW", "PERMUTATIONS", "COPY_COLUMNS"]

import base64
import hashlib
import re

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


def _signature(value) -> np.ndarray | None:
    if not isinstance(value, str) or not value:
        return None
    return np.frombuffer(base64.b64decode(value), dtype="<u4")


class _Groups:
    """Union-find over row positions; the smallest position is each group's root, so
    the result does not depend on the order in which links are found."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _present(value) -> bool:
    return value is not None and value == value and str(value).strip() != ""  # not None, NaN or ""


def _told_apart(a: dict, b: dict) -> bool:
    """Metadata saying two similar texts are different documents."""
    return any(_present(a.get(c)) and _present(b.get(c)) and str(a[c]) != str(b[c]) for c in ("symbol", "year", "actor"))


def _parties_key(value) -> str:
    return ";".join(sorted(p.strip().upper() for p in str(value).split(";") if p.strip()))


def group_copies(documents: list[dict]) -> list[dict]:
    """For each document record (scan order), ``group_id`` and ``copy_of_kind`` ("exact",
    "near", "translation", or None for a group's representative and documents not
    read). Records need ``doc_id``, ``status`` and the fingerprint fields; metadata
    (language, genre, parties, date, symbol, year, actor, and stated ``group``,
    ``copy_of``, ``translation_of``) is used where present."""
    n = len(documents)
    groups = _Groups(n)
    usable = [i for i, d in enumerate(documents) if d.get("status") == "ok" and _present(d.get("doc_id"))]

    def link(candidates: list[int], alike) -> None:
        """Join each candidate to the first group among the candidates before it whose
        first member it is ``alike`` and not told apart from. Comparing with one
        member per group, not with every earlier candidate, keeps a bucket of many
        similar short texts from costing the square of its size."""
        firsts: list[int] = []
        for i in candidates:
            for j in firsts:
                if groups.find(i) == groups.find(j) or (alike(i, j) and not _told_apart(documents[i], documents[j])):
                    groups.union(j, i)
                    break
            else:
                firsts.append(i)

    by_hash: dict[str, list[int]] = {}
    for i in usable:
        if _present(h := documents[i].get("content_hash")):
            by_hash.setdefault(h, []).append(i)
    for members in by_hash.values():
        link(members, lambda i, j: True)

    signatures = {i: s for i in usable if (s := _signature(documents[i].get("minhash"))) is not None}
    for members in _band_buckets(signatures):
        link(members, lambda i, j: float(np.mean(signatures[i] == signatures[j])) >= NEAR_SIMILARITY)

    # translations: one statement per language under the same genre, parties and date
    statements: dict[tuple, dict[str, set[int]]] = {}
    for i in usable:
        d = documents[i]
        if all(_present(d.get(c)) for c in ("genre", "parties", "date", "language")):
            key = (d["genre"], _parties_key(d["parties"]), str(d["date"]))
            statements.setdefault(key, {}).setdefault(d["language"], set()).add(i)
    for by_language in statements.values():
        roots = {lang: {groups.find(i) for i in members} for lang, members in by_language.items()}
        if len(roots) > 1 and all(len(r) == 1 for r in roots.values()):
            first, *others = [min(members) for members in by_language.values()]
            for i in others:
                groups.union(first, i)

    # links stated by hand
    stated = any(_present(documents[i].get(c)) for i in usable for c in ("copy_of", "translation_of"))
    position = {}
    for i in usable if stated else ():
        d = documents[i]
        for name in (d["doc_id"], *_file_names(d.get("path"))):
            position.setdefault(str(name), i)
    labelled: dict[str, int] = {}
    marked: set[int] = set()
    for i in usable:
        d = documents[i]
        if _present(d.get("group")):
            groups.union(labelled.setdefault(str(d["group"]).strip(), i), i)
        for column in ("copy_of", "translation_of"):
            if _present(d.get(column)) and str(d[column]).strip() in position:
                groups.union(position[str(d[column]).strip()], i)
                marked.add(i)

    members: dict[int, list[int]] = {}
    for i in usable:
        members.setdefault(groups.find(i), []).append(i)
    out = [{"group_id": d.get("doc_id"), "copy_of_kind": None} for d in documents]
    for group in members.values():
        representative = min(group, key=lambda i: (i in marked, i))
        rep = documents[representative]
        for i in group:
            d = documents[i]
            out[i]["group_id"] = rep["doc_id"]
            if i == representative:
                continue
            if _present(d.get("content_hash")) and d.get("content_hash") == rep.get("content_hash"):
                out[i]["copy_of_kind"] = "exact"
            elif _present(d.get("language")) and _present(rep.get("language")) and d["language"] != rep["language"]:
                out[i]["copy_of_kind"] = "translation"
            else:
                out[i]["copy_of_kind"] = "near"
    return out


def _band_buckets(signatures: dict[int, np.ndarray]) -> list[list[int]]:
    """Documents whose signatures agree on all the rows of some band (locality-
    sensitive hashing), each bucket in scan order: the candidates for near copies.
    Found by sorting, not by a dictionary per document and band."""
    if len(signatures) < 2:
        return []
    ids = np.fromiter(signatures, dtype=np.int64, count=len(signatures))
    matrix = np.stack([signatures[i] for i in ids.tolist()]).astype("<u4")
    rows = PERMUTATIONS // _BANDS
    buckets = []
    with np.errstate(over="ignore"):
        for band in range(_BANDS):
            # a band's rows as one number; two bands that collide are only checked in full
            key = np.zeros(len(ids), dtype=np.uint64)
            for column in matrix[:, band * rows:(band + 1) * rows].T:
                key = key * np.uint64(0x9E3779B97F4A7C15) + column.astype(np.uint64)
            _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
            shared = np.flatnonzero(counts[inverse] > 1)
            grouped: dict[int, list[int]] = {}
            for position in shared.tolist():
                grouped.setdefault(int(inverse[position]), []).append(int(ids[position]))
            buckets.extend(grouped.values())
    return buckets


def _file_names(path) -> tuple[str, ...]:
    if not _present(path):
        return ()
    name = re.split(r"[\\/]", str(path))[-1]
    return (name, name.rsplit(".", 1)[0])

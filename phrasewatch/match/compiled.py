"""The compiled engine: every literal key of the lexicon, both languages, in one
multi-pattern automaton (Hyperscan where it installs, pyahocorasick otherwise).

It returns exactly what :class:`ReferenceMatcher` returns: it only replaces the
``str.find`` loop that lists where keys occur (for a phrase with gaps, its first
words); boundaries, gaps, resolution, regular expressions, short forms, acronyms and
offsets are the shared code of :class:`BaseMatcher`.
"""

from __future__ import annotations

__all__ = ["CompiledMatcher", "available_backends"]

import numpy as np

from ..lexicon.model import Lexicon
from .reference import BaseMatcher, hyperscan_literal


def available_backends() -> list[str]:
    """The automaton libraries importable here, fastest first."""
    found = []
    try:
        import hyperscan  # noqa: F401

        found.append("hyperscan")
    except ImportError:
        pass
    try:
        import ahocorasick  # noqa: F401

        found.append("ahocorasick")
    except ImportError:
        pass
    return found


def _char_starts(data: bytes) -> np.ndarray:
    """For UTF-8 ``data``: the byte offset where each character starts. The character
    index of a byte offset that starts a character (or of the end) is the number of
    starts before it: ``np.searchsorted(starts, offset)``."""
    raw = np.frombuffer(data, dtype=np.uint8)
    return np.flatnonzero((raw & 0xC0) != 0x80)  # not a continuation byte


class CompiledMatcher(BaseMatcher):
    """The lexicon compiled into one automaton. Same results as the reference engine.

    Parameters
    ----------
    lexicon : Lexicon
    kinds : tuple of str
        As for :class:`ReferenceMatcher`.
    backend : "hyperscan", "ahocorasick" or None (the fastest available)

    Examples
    --------
    >>> from phrasewatch import load_lexicon
    >>> matcher = CompiledMatcher(load_lexicon())
    >>> [m.formula_id for m in matcher("Both sides support the Global Development\\nInitiative.")]
    ['gdi']
    """

    def __init__(self, lexicon: Lexicon, *, kinds: tuple[str, ...] = ("formula",), backend: str | None = None):
        super().__init__(lexicon, kinds=kinds)
        backends = available_backends()
        if backend is None:
            if not backends:
                raise ImportError("the compiled engine needs hyperscan or pyahocorasick: pip install pyahocorasick")
            backend = backends[0]
        elif backend not in backends:
            raise ImportError(f"backend {backend!r} is not installed (available: {', '.join(backends) or 'none'})")
        self.backend = backend
        # what the automaton looks for: each literal key, and the first segment of each
        # phrase with gaps (once: dozens of phrases of one form share their first words,
        # and each occurrence is then reported once for all of them)
        self._literals = [(order, key) for order, (p, key) in enumerate(self.keyed) if p.regex is None and not p.gaps]
        anchors: dict[str, list[int]] = {}
        for order, (p, key) in enumerate(self.keyed):
            if p.gaps:
                anchors.setdefault(key.anchor, []).append(order)
        self._anchored = list(anchors.values())  # for each anchor after the literals, its phrases' orders
        self._literals += [(orders[0], anchor) for anchor, orders in anchors.items()]
        self._scan = self._build_hyperscan() if backend == "hyperscan" else self._build_ahocorasick()

    def _build_hyperscan(self):
        import hyperscan

        database = hyperscan.Database()
        if self._literals:
            # every byte escaped: the keys are literals, whatever characters they hold
            expressions = [hyperscan_literal(key.encode("utf-8")) for _, key in self._literals]
            database.compile(
                expressions=expressions,
                ids=list(range(len(self._literals))),
                elements=len(expressions),
                flags=[hyperscan.HS_FLAG_SOM_LEFTMOST] * len(expressions),
            )

        def scan(text: str) -> list[tuple[int, int, int]]:
            if not self._literals or not text:
                return []
            data = text.encode("utf-8")
            hits: list[tuple[int, int, int]] = []

            def on_match(index, start, end, flags, context):
                hits.append((index, start, end))

            database.scan(data, match_event_handler=on_match)
            if hits and len(data) != len(text):  # byte offsets to character offsets
                # a match never starts or ends inside a character
                spans = np.searchsorted(_char_starts(data), [(a, b) for _, a, b in hits]).tolist()
                hits = [(i, a, b) for (i, _, _), (a, b) in zip(hits, spans, strict=True)]
            return hits

        return scan

    def _build_ahocorasick(self):
        import ahocorasick

        automaton = ahocorasick.Automaton()
        by_key: dict[str, list[int]] = {}
        for index, (_, key) in enumerate(self._literals):
            by_key.setdefault(key, []).append(index)
        for key, indexes in by_key.items():
            automaton.add_word(key, (len(key), indexes))
        if by_key:
            automaton.make_automaton()

        def scan(text: str) -> list[tuple[int, int, int]]:
            if not by_key:
                return []
            hits = []
            for last, (length, indexes) in automaton.iter(text):
                for index in indexes:
                    hits.append((index, last + 1 - length, last + 1))
            return hits

        return scan

    def _literal_hits(self, text: str):
        literals = self._literals
        plain = len(literals) - len(self._anchored)
        hits = []
        for index, start, end in self._scan(text):
            if index < plain:
                hits.append((literals[index][0], start, end))
            else:
                hits.extend((order, start, end) for order in self._anchored[index - plain])
        return hits

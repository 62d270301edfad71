"""A document's raw text and the keys later stages read from it, each made once and
only when asked for.

A matcher asks for the windows where its phrases' letters occur (or for the whole key
where it cannot look that way); token counts and copy fingerprints ask for a key with
the document's words. Whatever route gives them, they are the key of
:func:`~phrasewatch.text.normalize` (property tests in tests/test_normalize.py and
tests/test_engines.py).
"""

from __future__ import annotations

__all__ = ["KeyedText", "han_tables", "letters_of", "phrase_skeleton"]

from ._han import HanReading, han_cut_after, han_cut_before
from ._han import tables as han_tables
from ._routes import (
    HanWindowedKey,
    PiecewiseKey,
    SkeletonLocator,
    WindowedKey,
    beyond_ascii,
    folded_text,
    has_skeleton,
    key_with_spaces,
    phrase_skeleton,
    safe_cut_after,
    safe_cut_before,
)
from .normalize import check_text

_NOT_LETTERS = bytes(c for c in range(128) if not (48 <= c <= 57 or 97 <= c <= 122))


def letters_of(key: str) -> bytes:
    """A key's letters and digits as UTF-8, ASCII lower-cased: what copies share
    whatever their spacing, punctuation, case or line-end hyphens (what fingerprints
    hash)."""
    return key.encode("utf-8").lower().translate(None, _NOT_LETTERS)


class KeyedText:
    """Raw ``source`` text with lazily made keys.

    >>> keyed = KeyedText("The Belt and Road\\nInitiative")
    >>> keyed.whole().text
    'the belt and road initiative'
    >>> keyed.skeleton().skeleton
    b'thebeltandroadinitiative'
    """

    def __init__(self, source: str):
        check_text(source)
        self.source = source
        self._beyond: frozenset | None = None
        self._beyond_known = False
        self._whole: PiecewiseKey | None = None
        self._locator: SkeletonLocator | None = None
        self._han: HanReading | None = None
        self._han_known = False
        self._counting: str | None = None
        self._counting_known = False

    @property
    def beyond_ascii(self) -> frozenset | None:
        """The distinct characters beyond ASCII, or None for Chinese text."""
        if not self._beyond_known:
            self._beyond = beyond_ascii(self.source)
            self._beyond_known = True
        return self._beyond

    def has_skeleton(self) -> bool:
        """Whether the raw text's ASCII letters and digits are its key's (no character
        folds into one, no combining mark, no East Asian script)."""
        return has_skeleton(self.source, self.beyond_ascii if not self.source.isascii() else frozenset())

    def skeleton(self) -> SkeletonLocator | None:
        """The text's ASCII letters and digits in lower case (``.skeleton``, bytes) and
        the raw offset of each (calling it), or None when it has no skeleton."""
        if self._locator is None and self.has_skeleton():
            self._locator = SkeletonLocator(self.source)
        return self._locator

    def whole(self) -> PiecewiseKey:
        """The key of the whole text, with raw offsets for any span of it."""
        if self._whole is None:
            self._whole = PiecewiseKey(self.source, beyond=self.beyond_ascii)
        return self._whole

    def windows(self, hits: list[tuple[int, int]]) -> WindowedKey:
        """The key of the windows around skeleton spans ``hits``: each from the safe cut
        before the span's first letter to the one after its last. A phrase starts and
        ends with a letter or digit, so a match within the span's letters is inside its
        window, with spaces as neighbours; spans that overlap or touch share a window."""
        locate = self.skeleton()
        if locate is None:
            raise ValueError("windows need a text with a skeleton (see has_skeleton)")
        text = self.source
        spans = sorted((safe_cut_before(text, locate(a)), safe_cut_after(text, locate(b - 1) + 1)) for a, b in hits)
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:  # touching windows are one: "… Initiative" | "GDI"
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return WindowedKey(text, merged)

    def han(self) -> HanReading | None:
        """A text with common Chinese characters as the character tables read it (its
        representatives, Latin letters, Chinese characters …), or None for other text
        and text holding a character the tables cannot read without its context."""
        if not self._han_known:
            self._han = HanReading.of(self.source) if self.beyond_ascii is None else None
            self._han_known = True
        return self._han

    def han_windows(self, spans: list[tuple[int, int]]) -> HanWindowedKey:
        """The key of the windows around raw ``spans`` of a text :meth:`han` reads: each
        from the cut before the span to the one after it; spans that overlap or touch
        share a window."""
        text = self.source
        merged: list[tuple[int, int]] = []
        for start, end in sorted((han_cut_before(text, a), han_cut_after(text, b)) for a, b in spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return HanWindowedKey(self.han(), merged)

    def letters(self) -> bytes:
        """``letters_of`` the key: for a Chinese text the character tables read, from the
        raw text through the tables, or, where OpenCC may convert a character in context,
        from the text folded and converted without the structure passes (which change
        no letter but whitespace); else from :meth:`counting_key`."""
        reading = self.han() if self._whole is None and self.beyond_ascii is None else None
        if reading is None:
            return letters_of(self.counting_key())
        # the structure passes drop or collapse whitespace (beyond ASCII too: U+0085,
        # U+2028 …), quotes and hyphens; letters_of drops the ASCII ones
        return reading.letters(lambda stretch: letters_of("".join(folded_text(stretch).split())))

    def counting_key(self) -> str:
        """A key with the document's words, letters and digits (what token counts and
        fingerprints read): the whole key if it has been made, else the one-pass key
        with its runs of whitespace as they are where that can be made."""
        if self._whole is None:
            if not self._counting_known:  # kept: token counts and fingerprints both read it
                self._counting = key_with_spaces(self.source, self.beyond_ascii)
                self._counting_known = True
            if self._counting is not None:
                return self._counting
        return self.whole().text

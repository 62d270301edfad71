"""Count tokens for rates: words of alphabetic scripts, and Chinese words cut by jieba
with the lexicon's phrases in its dictionary so that a formula counts as one token."""

from __future__ import annotations

__all__ = ["TokenCounter"]

import re

import numpy as np

from .chars import HAN

# A word of an alphabetic script (letters and digits, with inner apostrophes); Chinese
# characters are cut by jieba instead.
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # the definition; _count_words is the fast way
_ASCII_ALNUM = np.array([chr(i).isalnum() for i in range(128)], dtype=bool)
_APOSTROPHE = ord("'")
_CJK_RUN = re.compile(f"[{HAN}]+")


def _count_words(text: str) -> int:
    """``len(_WORD.findall(text))``, computed on code points with numpy: a word is a
    run of letters and digits, an apostrophe between two of them joining the run."""
    if not text:
        return 0
    if text.isascii():
        codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
        alnum = _ASCII_ALNUM[codes]
    else:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        alnum = np.zeros(len(codes), dtype=bool)
        low = codes < 128
        alnum[low] = _ASCII_ALNUM[codes[low]]
        high = np.unique(codes[~low])
        letters = high[[chr(c).isalnum() for c in high]] if len(high) else high
        alnum |= np.isin(codes, letters)
    inner = np.zeros_like(alnum)
    inner[1:-1] = (codes[1:-1] == _APOSTROPHE) & alnum[:-2] & alnum[2:]
    word = alnum | inner
    return int(word[0]) + int(np.count_nonzero(word[1:] & ~word[:-1]))


class TokenCounter:
    """Counts tokens in normalised text. Builds its jieba dictionary on first Chinese text.

    >>> TokenCounter(["人类命运共同体"]).count("both sides agreed 推动构建人类命运共同体")
    6
    """

    def __init__(self, zh_phrases=()):
        self.zh_phrases = tuple(sorted(set(zh_phrases)))
        self._jieba = None

    def _tokenizer(self):
        if self._jieba is None:
            import logging

            import jieba

            # jieba announces its dictionary loading at DEBUG on its own handler
            logging.getLogger("jieba").setLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            for phrase in self.zh_phrases:
                tokenizer.add_word(phrase, freq=10_000)
            self._jieba = tokenizer
        return self._jieba

    def count(self, text: str) -> int:
        runs = [] if text.isascii() else _CJK_RUN.findall(text)
        if not runs:
            return _count_words(text)
        words = _count_words(_CJK_RUN.sub(" ", text))
        tokenizer = self._tokenizer()
        return words + sum(sum(1 for _ in tokenizer.cut(run)) for run in runs)

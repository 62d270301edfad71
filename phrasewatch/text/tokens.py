"""Count tokens for rates: English words, and Chinese words cut by jieba with the
lexicon's phrases in its dictionary so that a formula counts as one token."""

from __future__ import annotations

__all__ = ["TokenCounter"]

import re

import regex

_LATIN_WORD = regex.compile(r"[\p{Latin}\d]+(?:'\p{Latin}+)*")
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")  # the same on lower-case ASCII, faster
_HAN_RUN = regex.compile(r"\p{Han}+")


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
        if text.isascii():
            return len(_ASCII_WORD.findall(text))
        english = len(_LATIN_WORD.findall(text))
        runs = _HAN_RUN.findall(text)
        if not runs:
            return english
        tokenizer = self._tokenizer()
        return english + sum(sum(1 for _ in tokenizer.cut(run)) for run in runs)

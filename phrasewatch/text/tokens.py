"""Count tokens for rates: words of alphabetic scripts, and in Chinese either each
Chinese character (the default unit: no segmentation, read from the raw text without
its key where the character tables can) or words cut by jieba with the lexicon's phrases
in its dictionary so that a formula counts as one token (on request: it segments the
whole text on every scan). The unit of each count is named beside it (``UNITS``).

The Chinese words are jieba's (``jieba.Tokenizer().cut``: accurate mode, HMM on, its
own dictionary), cut by jieba-rs, jieba's algorithm compiled (rjieba), which gives the
same words eight to eighteen times faster once it holds the same dictionary (see
``_Segmenter``)."""

from __future__ import annotations

__all__ = ["CHINESE_UNITS", "TokenCounter"]

import re

import numpy as np
import regex

from ._routes import normalize_text
from .chars import HAN, MAYBE_HAN
from .keyed import KeyedText

# how Chinese is counted, and the name of the unit of a count of a text with Chinese
# characters (a text without any counts words whatever the choice)
CHINESE_UNITS = {"characters": "words+characters", "jieba": "words+jieba"}
WORDS_UNIT = "words"

# A word of an alphabetic script (letters and digits, with inner apostrophes); Chinese
# characters are cut by jieba instead.
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # the definition; _count_words is the fast way
_ASCII_ALNUM = np.array([chr(i).isalnum() for i in range(128)], dtype=bool)
_APOSTROPHE = ord("'")
_NON_ASCII = regex.compile("[\x80-\U0010ffff]")  # the regex module finds them five times faster than re
_CJK_RUN = re.compile(f"[{HAN}]+")
# the characters jieba's dictionary and HMM cut (jieba.re_han_default without the Latin
# letters and digits, which never occur in a run of Chinese characters); jieba makes a
# word of each other character
_JIEBA_HAN = re.compile("[\u4e00-\u9fd5]+")
# a word that no run of _JIEBA_HAN holds, to carry frequency that only jieba's total has
_PLACEHOLDER = "\x00"


def _count_words(text: str) -> int:
    """``len(_WORD.findall(text))``, computed with numpy: a word is a run of letters and
    digits, an apostrophe between two of them joining the run. Each distinct character
    beyond ASCII is first replaced by an ASCII letter or a space (they are few), so that
    the count runs on one byte per character."""
    if not text:
        return 0
    if not text.isascii():
        for c in set(_NON_ASCII.findall(text)):
            text = text.replace(c, "a" if c.isalnum() else " ")
    codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    alnum = _ASCII_ALNUM[codes]
    inner = np.zeros_like(alnum)
    inner[1:-1] = (codes[1:-1] == _APOSTROPHE) & alnum[:-2] & alnum[2:]
    word = alnum | inner
    return int(word[0]) + int(np.count_nonzero(word[1:] & ~word[:-1]))


def _jieba_entries(zh_phrases):
    """What jieba's Tokenizer adds up, in order: its dictionary file as its gen_pfdict
    reads it, then each phrase as ``add_word(phrase, freq=10_000)``."""
    import jieba

    with jieba.get_module_res(jieba.DEFAULT_DICT_NAME) as lines:
        for line in lines:
            word, count = line.strip().decode("utf-8").split(" ")[:2]
            yield word, int(count)
    for phrase in zh_phrases:
        yield phrase, 10_000


class _Segmenter:
    """jieba's words (``jieba.Tokenizer().cut`` with the lexicon's phrases added), by
    jieba-rs.

    jieba-rs implements jieba's dictionary walk, route and HMM step for step, but ships
    its own dictionary, keeps a different total frequency (a word added again replaces
    its frequency in both, but jieba adds it to the total once more) and cuts more
    characters with its HMM (CJK extensions and compatibility ideographs, which jieba
    leaves one a word). So it gets jieba's entries one by one (no copy of the dictionary
    in Python: that would double the memory), a placeholder word bringing its total to
    jieba's (the total weighs every route, so it must be equal), and only runs of the
    characters jieba itself cuts (_JIEBA_HAN).
    """

    def __init__(self, zh_phrases):
        import rjieba

        segmenter = rjieba.Jieba.empty()
        repeated = set()
        for word, count in _jieba_entries(zh_phrases):
            if segmenter.has_word(word):
                repeated.add(word)
            segmenter.add_word(word, count, None)
        if repeated:  # what jieba's total has and jieba-rs's has not: all but the last count
            counts = {word: [] for word in repeated}
            for word, count in _jieba_entries(zh_phrases):
                if word in counts:
                    counts[word].append(count)
            segmenter.add_word(_PLACEHOLDER, sum(sum(c[:-1]) for c in counts.values()), None)
        self._cut = segmenter.cut

    def count(self, blocks: list[str]) -> int:
        """The number of words in runs of _JIEBA_HAN characters, each cut on its own.

        One call per thousand runs rather than per run (calls cost more than cutting
        short runs): they are cut joined by "\u3002", which is a word by itself and
        between two runs (outside _JIEBA_HAN) splits them as a call would.
        """
        words = 0
        for i in range(0, len(blocks), 1000):  # in batches: the list of words takes memory
            batch = blocks[i:i + 1000]
            words += len(self._cut("\u3002".join(batch), True)) - (len(batch) - 1)
        return words


class TokenCounter:
    """Counts tokens in normalised text: words, and Chinese characters counted one by
    one (``chinese="characters"``) or cut into words by jieba (``chinese="jieba"``;
    builds its segmenter on first Chinese text).

    >>> TokenCounter(["人类命运共同体"], chinese="jieba").count("both sides agreed 推动构建人类命运共同体")
    6
    >>> TokenCounter().count("both sides agreed 推动构建人类命运共同体")
    14
    """

    def __init__(self, zh_phrases=(), chinese: str = "characters"):
        if chinese not in CHINESE_UNITS:
            raise ValueError(f"Chinese is counted in {' or '.join(CHINESE_UNITS)}, not {chinese!r}")
        self.zh_phrases = tuple(sorted(set(zh_phrases)))
        self.chinese = chinese
        self._segmenter = None

    def count(self, text: str) -> int:
        """The tokens of a key."""
        return self.count_with_unit(text)[0]

    def count_with_unit(self, text: str) -> tuple[int, str]:
        """The tokens of a key and their unit."""
        runs = [] if text.isascii() or not MAYBE_HAN.search(text) else _CJK_RUN.findall(text)
        if not runs:
            return _count_words(text), WORDS_UNIT
        words = _count_words(_CJK_RUN.sub(" ", text))
        if self.chinese == "characters":
            return words + sum(map(len, runs)), CHINESE_UNITS["characters"]
        if self._segmenter is None:
            self._segmenter = _Segmenter(self.zh_phrases)
        # jieba cuts each run on its own; a block of the characters it segments lies
        # within one run, and every other Chinese character is a word by itself
        blocks = _JIEBA_HAN.findall(text)
        others = sum(map(len, runs)) - sum(map(len, blocks))
        return words + others + self._segmenter.count(blocks), CHINESE_UNITS["jieba"]

    def count_text(self, keyed: KeyedText) -> tuple[int, str]:
        """The tokens of a text's key and their unit: counted on the raw text, without
        the key, for Chinese text in characters that the character tables read
        (``HanReading``: the words between Chinese characters and punctuation, and the
        characters that fold into Chinese ones), else on :meth:`KeyedText.counting_key`."""
        reading = keyed.han() if self.chinese == "characters" and keyed.beyond_ascii is None else None
        if reading is None:
            return self.count_with_unit(keyed.counting_key())
        han = reading.han_count()
        words = reading.word_count(_island_words)
        return words + han, CHINESE_UNITS["characters"] if han else WORDS_UNIT


def _island_words(text: str) -> int:
    """The words outside Chinese characters of the key of a stretch of text (an island
    of ``HanReading.word_count`` that needs its key)."""
    return _count_words(_CJK_RUN.sub(" ", normalize_text(text)))

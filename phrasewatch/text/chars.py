"""Character classes the text stage shares (for the standard ``re`` module, which has
no ``\\p{Han}``): one definition of what counts as a Chinese character."""

__all__ = ["HAN", "CJK_PUNCTUATION", "LazyPattern", "MAYBE_HAN", "either_script", "han_script_count"]

import functools

import numpy as np
import regex

# CJK Unified Ideographs, Extension A, compatibility ideographs, Extensions B and later
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# 、。〈〉《》「」『』【】〔〕 and the like
CJK_PUNCTUATION = "\u3001-\u303f"
# One range holding all of HAN: the regex module searches it some ten times faster than
# either module searches HAN, so it says quickly that most non-Chinese text has none
MAYBE_HAN = regex.compile("[\u3400-\U0003134f]")


@functools.lru_cache(maxsize=4)
def _converter(config: str):
    import opencc  # imported lazily: it loads dictionaries

    return opencc.OpenCC(config)


def either_script(pattern: str) -> str:
    """A Chinese regex pattern that also matches the same words in traditional characters
    (雙方 as well as 双方), for rules read from raw text rather than the normalised key.

    The result is one group, safe to concatenate with more pattern:

    >>> either_script("双方|欢迎")
    '(?:(?:双方|欢迎)|(?:雙方|歡迎))'
    """
    variants = [pattern]
    for config in ("s2t", "s2hk", "s2tw"):
        converted = _converter(config).convert(pattern)
        if converted not in variants:
            variants.append(converted)
    return f"(?:{pattern})" if len(variants) == 1 else "(?:" + "|".join(f"(?:{v})" for v in variants) + ")"


class LazyPattern:
    """A compiled pattern built on first use, so that importing phrasewatch does not
    load OpenCC's dictionaries to build patterns a scan may never need."""

    def __init__(self, build):
        self._build = build
        self._compiled = None

    def __getattr__(self, name):  # match, search, finditer …
        if self._compiled is None:
            self._compiled = self._build()
        method = getattr(self._compiled, name)
        # kept on the instance, so that the next look-up does not come here (rules
        # for stance and strength call patterns some 25,000 times in a long report)
        setattr(self, name, method)
        return method


# Every character of the Han script (regex's ``\p{Han}``: radicals, 々, 〇 and the
# ideographs) lies in this span (a test holds it to all of Unicode).
HAN_SCRIPT_SPAN = (0x2E80, 0x3FFFF)


@functools.lru_cache(maxsize=1)
def _han_script_table() -> np.ndarray:
    lo, hi = HAN_SCRIPT_SPAN
    table = np.zeros(hi + 2, dtype=bool)  # the last entry stands for every code point past the span
    span = "".join(map(chr, range(lo, hi + 1)))
    for m in regex.finditer(r"\p{Han}+", span):
        table[lo + m.start():lo + m.end()] = True
    return table


def han_script_count(text: str) -> int:
    r"""``len(regex.findall(r"\p{Han}", text))``, counted over an array of code points
    (the findall built a list of every character: 4 ms for 40,000 of Chinese)."""
    table = _han_script_table()
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return int(np.count_nonzero(table[np.minimum(codes, len(table) - 1)]))

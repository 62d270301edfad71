"""Character classes the text stage shares (for the standard ``re`` module, which has
no ``\\p{Han}``): one definition of what counts as a Chinese character."""

__all__ = ["HAN", "CJK_PUNCTUATION", "MAYBE_HAN"]

import regex

# CJK Unified Ideographs, Extension A, compatibility ideographs, Extensions B and later
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# 、。〈〉《》「」『』【】〔〕 and the like
CJK_PUNCTUATION = "\u3001-\u303f"
# One range holding all of HAN: the regex module searches it some ten times faster than
# either module searches HAN, so it says quickly that most non-Chinese text has none
MAYBE_HAN = regex.compile("[\u3400-\U0003134f]")

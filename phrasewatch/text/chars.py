"""Character classes the text stage shares (for the standard ``re`` module, which has
no ``\\p{Han}``): one definition of what counts as a Chinese character."""

__all__ = ["HAN", "CJK_PUNCTUATION"]

# CJK Unified Ideographs, Extension A, compatibility ideographs, Extensions B and later
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# 、。〈〉《》「」『』【】〔〕 and the like
CJK_PUNCTUATION = "\u3001-\u303f"

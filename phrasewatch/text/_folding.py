"""The definition of the matching key: which characters fold to what, and the passes
that give the key its structure, in order (see :mod:`.normalize`, the specification,
and :mod:`._routes`, faster routes to the same key). Private to the text stage."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

import regex

from .chars import CJK_PUNCTUATION, HAN

# What NFKC leaves alone and matching must still fold. Soft hyphen becomes a hyphen so
# that the hyphen rules below rejoin "commu\u00adnity" and "commu\u00ad\nnity" alike.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\u00ad"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u00b4\u02bc\u2039\u203a`"
_DOUBLE_QUOTES = (
    "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u300c\u300d\u300e\u300f"
    "\u301d\u301e\u301f\uff02\u275d\u275e"
)
# Format characters that say nothing about the words: joiners, the word joiner, BOM,
# and the bidirectional controls (LRM, RLM, ALM; embeddings and overrides LRE…PDF;
# isolates LRI, RLI, FSI, PDI), which right-to-left and mixed pages put beside spaces
# and around names in either language.
_INVISIBLE = "\u200c\u200d\u2060\ufeff\u180e\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# The zero-width space marks a word boundary (Unicode's meaning for it): some pages use
# it as the only separator between words. Between Chinese characters the space it
# becomes goes, as any space there does.
_ZERO_WIDTH_SPACE = "\u200b"

_CHAR_MAP: dict[str, str] = {}
_CHAR_MAP.update({c: "-" for c in _DASHES})
_CHAR_MAP.update({c: "'" for c in _SINGLE_QUOTES})
_CHAR_MAP.update({c: '"' for c in _DOUBLE_QUOTES})
_CHAR_MAP.update({c: "" for c in _INVISIBLE})
_CHAR_MAP[_ZERO_WIDTH_SPACE] = " "
# Markdown's emphasis ("the **Belt and Road** Initiative", "on **development, security
# and civilisation**"): a mark around words, not a word; a space, so that "word*word"
# stays two words as it was.
_CHAR_MAP["*"] = " "
MAPPED_CHARACTERS = frozenset(_CHAR_MAP)  # what the character pass folds beyond NFKC and case

# Characters that may need folding: everything outside ASCII and the common CJK block
# (which NFKC and case folding leave alone), plus the backtick and the asterisk
# (FOLDED_ASCII), and a letter followed by combining marks so that "e\u0301" composes
# to "é".
FOLDED_ASCII = "`*"
_CHAR_PASS = regex.compile(r"(?:[^\x00-\x7f\u4e00-\u9fff]|[`*]|[a-zA-Z](?=\p{M}))\p{M}*")
CHAR_PASS_NO_MARKS = re.compile(r"[^\x00-\x7f\u4e00-\u9fff]|[`*]")  # same result without combining marks, 20x faster
_UPPER_ASCII = re.compile(r"[A-Z]")

# The structure of the key, one simple pass each, in this order (each starts with a
# literal or a short class so that the regular expression engine skims the text; an
# alternation of them all is ten times slower). Letters include Chinese characters.
LETTER = r"[^\W\d_]"  # a letter
_AN = r"[^\W_]"  # a letter or digit
_CJK = CJK_PUNCTUATION + HAN
STRUCTURE_PASSES = (
    # quotes go; an apostrophe between letters stays (china's)
    (re.compile(rf"\"|'(?:(?<!{LETTER}')|(?!{LETTER}))"), ""),
    # spaces beside Chinese characters go: Chinese has none (人类命运 共同体, 21 世纪), and
    # English word boundaries do not need them
    (re.compile(rf"\s+(?=[{_CJK}])|(?<=[{_CJK}])\s+"), ""),
    # a hyphen at a line end joins the word (commu-\nnity, confidence-\nbuilding)
    (re.compile(rf"-(?<={LETTER}-)[^\S\n]*\n\s*(?={LETTER})"), ""),
    # so does PDF extraction's "confidence- building", but not "pre- and post-war"
    (re.compile(rf"-(?<={LETTER}-)[^\S\n]+(?={LETTER})(?!(?:and|or|nor|to)\b)"), ""),
    # hyphens and dashes inside words go: win-win == winwin, 中国—东盟 == 中国东盟
    # (written to start with the hyphen: a look-behind first is tried at every position)
    (re.compile(rf"-(?<={_AN}-)-*(?={_AN})"), ""),
    # any other run of whitespace becomes one space
    (re.compile(r" \s+|[^\S ]\s*"), " "),
)
_HAN_PASS = 1  # index of the pass that only Chinese text needs
HYPHEN_PASSES = (2, 3, 4)  # passes that need a hyphen to do anything
WHITESPACE_PASS = STRUCTURE_PASSES[-1][0]
_HAS_CJK = re.compile(rf"[{_CJK}]")
# all of _CJK in one range, which the regex module searches many times faster: a first look
_MAYBE_CJK = regex.compile("[\u3001-\U0003134f]")
HAS_HAN = regex.compile(r"\p{Han}")
# characters that could be combining marks: not ASCII, not the common Chinese blocks
# (U+302A-302F, ideographic tone marks, are marks and stay in)
_MAYBE_MARK = re.compile(r"[^\x00-\x7f\u3000-\u3029\u4e00-\u9fff\uff00-\uffef]")


def has_marks(text: str) -> bool:
    """Whether ``text`` holds a combining mark (\\p{M}); looks only at its non-ASCII
    characters, which is much faster than a regular expression over all of it."""
    if text.isascii():
        return False
    return any(unicodedata.category(c)[0] == "M" for c in set(_MAYBE_MARK.findall(text)))


@lru_cache(maxsize=65536)
def fold_cluster(cluster: str) -> str:
    mapped = _CHAR_MAP.get(cluster)
    if mapped is not None:
        return mapped
    folded = unicodedata.normalize("NFKC", cluster).lower()
    return "".join(_CHAR_MAP.get(c, c) for c in folded)


def _fold_match(m: regex.Match) -> str:
    return fold_cluster(m.group())


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: it loads dictionaries

    return opencc.OpenCC("t2s")


def _t2s_run(m) -> str:
    return _t2s().convert(m.group())


_HAN_RUN = regex.compile(r"\p{Han}+")



def has_cjk(text: str) -> bool:
    return _MAYBE_CJK.search(text) is not None and _HAS_CJK.search(text) is not None



# HTML character references left in plain text (scraped pages, tables): "Belt&nbsp;and
# &nbsp;Road", "&amp;", "&#8220;". Decoded after case and character folding, so that
# "&NBSP;" and a full-width "＆" are found too; a chain of escaped ampersands
# ("&amp;amp;nbsp;") is one reference, so that a key holds none (normalising it again
# changes nothing). Only names HTML defines with a semicolon are decoded.
ENTITY = re.compile(r"&(?:amp;|#0*38;|#x0*26;)*(#[0-9]{1,7};|#x[0-9a-f]{1,6};|[a-z][a-z0-9]{1,31};)")
_ENTITY_NAMES = frozenset(name.lower() for name in html.entities.html5 if name.endswith(";"))
# what could become a reference once folded: a test on raw text, for the routes that
# must refuse such text (its letters are not its key's)
MAYBE_ENTITY = re.compile(r"[&\uff06\ufe60][#\w\uff03]{1,33}[;\uff1b\ufe54]")


def _decode_entity(m: re.Match) -> str:
    name = m.group(1)
    if name[0] != "#" and name not in _ENTITY_NAMES:
        return "&" + name  # not a reference: only the escaped ampersands before it are
    return "".join(fold_cluster(c) for c in html.unescape("&" + name))


def has_entity(text: str) -> bool:
    """Whether normalising ``text`` may decode a character reference."""
    return ("&" in text or "\uff06" in text or "\ufe60" in text) and MAYBE_ENTITY.search(text) is not None


def pipeline(text: str, rewrite, *, structure: bool = True) -> str:
    """The normalisation, pass by pass; ``rewrite`` applies one pass (with or without
    a map), so the key is the same whichever is used. ``structure=False`` stops before
    the structure passes, which only drop or collapse quotes, hyphens and whitespace."""
    # 1. case: one vectorised call when it keeps the length (almost always); a rare
    #    letter such as U+0130 lowers to two characters, and then only ASCII is lowered
    #    here, the rest by the character pass
    lowered = text.lower()
    current = lowered if len(lowered) == len(text) else rewrite(text, _UPPER_ASCII, lambda m: m.group().lower())
    # 2. NFKC, dashes, quotes, invisible characters: only where there is anything to fold
    if not current.isascii() or "`" in current or "*" in current:
        char_pass = _CHAR_PASS if has_marks(current) else CHAR_PASS_NO_MARKS
        current = rewrite(current, char_pass, _fold_match)
    # 2b. HTML character references
    if "&" in current and ";" in current:
        current = rewrite(current, ENTITY, _decode_entity)
    # 3. traditional to simplified
    chinese = not current.isascii() and has_cjk(current)
    if chinese and HAS_HAN.search(current):
        converted = _t2s().convert(current)
        if len(converted) == len(current):
            current = converted
        else:  # phrase conversion changed a length: convert run by run instead
            current = rewrite(current, _HAN_RUN, _t2s_run)
    if not structure:
        return current
    # 4. structure (a pass whose trigger character is absent cannot change anything;
    #    no pass adds a quote or a hyphen, so one look before them all is enough)
    quotes = '"' in current or "'" in current
    hyphens = "-" in current
    for i, (pattern, replacement) in enumerate(STRUCTURE_PASSES):
        if (i == 0 and not quotes) or (i == _HAN_PASS and not chinese) or (i in HYPHEN_PASSES and not hyphens):
            continue
        current = rewrite(current, pattern, replacement)
    return current


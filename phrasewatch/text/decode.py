"""Decode document bytes: BOM sniffing, UTF-8, UTF-16 without BOM, and the legacy
encodings GB18030 (GBK), Big5 and Windows-1252, each with a confidence.

A file is decoded only when the result is believable; otherwise :class:`DecodeError`
says so and names ``--encoding`` as the way out. Never silent mojibake.

The legacy encodings are told apart by what their readings look like: every
non-ASCII character of each reading counts as expected (a common Chinese character
for GB18030 and Big5, an accented letter or typographic sign for Windows-1252) or not.
Text read in its own encoding is almost all expected characters; read in another it
is not (Big5 bytes read as GBK give rare characters, GBK bytes read as Windows-1252
give runs of accented capitals). The confidence is the chance of the best reading
against the others and against none being right.
"""

from __future__ import annotations

__all__ = ["Decoded", "decode", "looks_binary", "MIN_CONFIDENCE"]

import codecs
import math
import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..errors import DecodeError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF = 8192
_CJK_PUNCTUATION = regex.compile(r"[\u3000-\u303f\uff00-\uffef]")
_HAN = regex.compile(r"\p{Han}")
# A Han character between two Latin letters is Latin text misread ("Pérez" as GBK).
_GLUED_HAN = regex.compile(r"(?<=[A-Za-z])\p{Han}(?=[A-Za-z])")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# Windows-1252 signs that Western text uses; the rest of its upper half (¹ ¤ ¦ ¬ …)
# turns up mostly in misread Chinese.
_WESTERN_SIGNS = frozenset("\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u20ac\u00ab\u00bb"
                           "\u00b0\u00a7\u00a9\u00ae\u2122\u00a0\u00b7\u00a1\u00bf\u00a3")
# Which legacy encodings to try, most used first (a tie goes to the first).
LEGACY_ENCODINGS = ("gb18030", "big5", "cp1252")
# Below this, a legacy reading is refused rather than risk mojibake.
MIN_CONFIDENCE = 0.75
# How often a non-ASCII character is an expected one in a right reading, and in a
# wrong one; the confidence comes from these rates.
_RIGHT_RATE = 0.98
_WRONG_RATE = 0.3
_SAMPLE_CHARS = 50_000
# control characters that text does not hold (all but tab, line and form feed, return)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and how sure the choice is (1.0: certain, as
    with a byte-order mark or valid UTF-8)."""

    text: str
    encoding: str
    bom: bool = False
    confidence: float = 1.0


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NUL bytes sit on one parity, as in ASCII-heavy UTF-16."""
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any supported encoding (NULs, control bytes)."""
    sample = data[:_SNIFF]
    if any(sample.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in sample:
        return _utf16_without_bom(sample) is None
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 and b != 27)
    return controls > 0.05 * max(len(sample), 1)


def _believable(text: str) -> bool:
    if not text:
        return True
    sample = text[:_SNIFF * 4]
    # control characters counted in UTF-8, twice as fast as a regular expression: each
    # is one byte there, and no other character has a byte below 0x80
    data = sample.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _CONTROL_BYTES)) <= 0.01 * len(sample)


@lru_cache(maxsize=1)
def _common_chinese() -> frozenset[str]:
    """The commonest Chinese characters, simplified and traditional: GB2312 level 1
    (3,755 characters) and Big5 level 1 (5,401), read off the codecs themselves."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        chars.update(bytes([lead, trail]).decode("gb2312", "ignore") for trail in range(0xA1, 0xFF))
    for code in range(0xA440, 0xC67F):
        if code & 0xFF in range(0x40, 0x7F) or code & 0xFF in range(0xA1, 0xFF):
            chars.add(code.to_bytes(2, "big").decode("big5", "ignore"))
    chars.discard("")
    return frozenset(chars)


def _expected_count(text: str, encoding: str) -> tuple[int, int]:
    """Of the non-ASCII characters in ``text``: how many are expected in this encoding,
    and how many there are."""
    expected = total = 0
    if encoding == "cp1252":
        for run in _NON_ASCII.findall(text):
            total += len(run)
            letters = [c for c in run if c not in _WESTERN_SIGNS]
            expected += len(run) - len(letters)
            # accented letters come one or two together (café, Größe); longer runs
            # are misread Chinese, two bytes a character
            if len(letters) <= 2 and all(c.isalpha() and c not in "ªº" for c in letters):
                expected += len(letters)
        return expected, total
    common = _common_chinese()
    glued = {m.start() for m in _GLUED_HAN.finditer(text)}
    for run in _NON_ASCII.finditer(text):
        for i, c in enumerate(run.group(), run.start()):
            total += 1
            if (c in common and i not in glued) or _CJK_PUNCTUATION.match(c):
                expected += 1
    return expected, total


def _evidence(text: str, encoding: str) -> float:
    """Log-likelihood ratio of "this is the right reading" against "a wrong one"."""
    expected, total = _expected_count(text[:_SAMPLE_CHARS], encoding)
    unexpected = total - expected
    return (expected * math.log(_RIGHT_RATE / _WRONG_RATE)
            + unexpected * math.log((1 - _RIGHT_RATE) / (1 - _WRONG_RATE)))


def _decode_legacy(data: bytes, utf8_error: UnicodeDecodeError) -> Decoded:
    readings = {}
    for name in LEGACY_ENCODINGS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _believable(text):
            readings[name] = (text, _evidence(text, name))
    if readings:
        best = max(readings, key=lambda name: readings[name][1])
        # the chance of the best reading against the others and against none
        top = readings[best][1]
        total = math.exp(-top) + sum(math.exp(evidence - top) for _, evidence in readings.values())
        confidence = round(1 / total, 3)
        if confidence >= MIN_CONFIDENCE:
            return Decoded(readings[best][0], best, confidence=confidence)
        guess = f"; the likeliest reading, {best}, has a confidence of only {confidence:.2f}"
    else:
        guess = ""
    raise DecodeError(
        f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and not readable with "
        f"confidence as UTF-16, {', '.join(LEGACY_ENCODINGS)}{guess}; pass --encoding to name the encoding"
    )


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data`` and tell which encoding was used, and how sure that is.

    Raises
    ------
    DecodeError
        When the bytes are binary, or fit none of UTF-8, UTF-16, GB18030, Big5 and
        Windows-1252 well enough to trust; pass ``encoding`` to force one.
    """
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding.lower())
        except (UnicodeDecodeError, LookupError) as exc:
            raise DecodeError(f"cannot decode as {encoding}: {exc}") from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(name), name, bom=True)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {name} byte-order mark but is not valid {name}: {exc.reason} at byte {exc.start}") from exc
    sample = data[:_SNIFF]
    if b"\x00" in sample:
        guess = _utf16_without_bom(sample)
        if guess is None:
            raise DecodeError("binary content (NUL bytes), not text")
        try:
            text = data.decode(guess)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"looks like {guess} without a byte-order mark but does not decode: {exc.reason}") from exc
        if _believable(text):
            # told by where the NULs fall, which a rare text could fake: near certain
            return Decoded(text, guess, confidence=0.95)
        raise DecodeError("binary content (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _decode_legacy(data, exc)
    if not _believable(text):
        raise DecodeError("binary content (control bytes), not text")
    return Decoded(text, "utf-8")

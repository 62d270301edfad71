"""Decode document bytes: BOM sniffing, UTF-8, UTF-16 without BOM, GB18030.

A file is decoded only when the result is believable; otherwise :class:`DecodeError`
says so and names ``--encoding`` as the way out. Never silent mojibake.
"""

from __future__ import annotations

__all__ = ["Decoded", "decode", "looks_binary"]

import codecs
from dataclasses import dataclass

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
_CJK = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef]")
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")
_HAN = regex.compile(r"\p{Han}")
# Latin-1 mojibake read as GB18030 turns "é" plus the next letter into one Chinese
# character glued inside a Latin word; real Chinese text rarely does that.
_GLUED_HAN = regex.compile(r"(?<=[A-Za-z])\p{Han}|\p{Han}(?=[A-Za-z])")
# control characters that text does not hold (all but tab, line and form feed, return)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    bom: bool = False


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


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data`` and tell which encoding was used.

    Raises
    ------
    DecodeError
        When the bytes are binary, or fit none of UTF-8, UTF-16 and GB18030 well
        enough to trust; pass ``encoding`` to force one.
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
            return Decoded(text, guess)
        raise DecodeError("binary content (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        if not _believable(text):
            raise DecodeError("binary content (control bytes), not text")
        return Decoded(text, "utf-8")
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        sample = text[:200_000]
        non_ascii = _NON_ASCII.findall(sample)
        cjk = sum(1 for c in non_ascii if _CJK.match(c))
        han = len(_HAN.findall(sample))
        glued = len(_GLUED_HAN.findall(sample))
        if non_ascii and cjk >= 0.9 * len(non_ascii) and glued <= 0.2 * han and _believable(text):
            return Decoded(text, "gb18030")
    raise DecodeError(
        f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and not "
        "believable as UTF-16 or GB18030; pass --encoding to name the encoding"
    )

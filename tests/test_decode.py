import codecs

import pytest

from phrasewatch.errors import DecodeError
from phrasewatch.text import decode, looks_binary

ZH = "中华人民共和国和印度尼西亚共和国联合声明：双方同意推动构建人类命运共同体。"
EN = "Joint Statement: both sides support the Global Development Initiative."


@pytest.mark.parametrize("data, encoding, text", [
    (EN.encode("utf-8"), "utf-8", EN),
    (codecs.BOM_UTF8 + ZH.encode("utf-8"), "utf-8", ZH),
    (codecs.BOM_UTF16_LE + ZH.encode("utf-16-le"), "utf-16-le", ZH),
    (codecs.BOM_UTF16_BE + EN.encode("utf-16-be"), "utf-16-be", EN),
    (EN.encode("utf-16-le"), "utf-16-le", EN),  # no BOM: told by where the NULs are
    (EN.encode("utf-16-be"), "utf-16-be", EN),
    (ZH.encode("gb18030"), "gb18030", ZH),
])
def test_encodings_are_detected(data, encoding, text):
    decoded = decode(data)
    assert decoded.text == text
    assert decoded.encoding == encoding


def test_binary_content_is_refused():
    apple_double = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02\x00\x00\x00\t"
    assert looks_binary(apple_double)
    with pytest.raises(DecodeError, match="binary"):
        decode(apple_double)


def test_latin1_text_is_not_decoded_as_chinese():
    decoded = decode("Déclaration conjointe: coopération gagnant-gagnant".encode("cp1252"))
    assert (decoded.encoding, decoded.text) == ("cp1252", "Déclaration conjointe: coopération gagnant-gagnant")


def test_forced_encoding_is_used_and_bad_names_reported():
    assert decode("coopération".encode("cp1252"), "cp1252").text == "coopération"
    with pytest.raises(DecodeError):
        decode(b"abc", "no-such-codec")

from phrasewatch.text import Sentences, sentence_spans


def split(text):
    return [text[a:b] for a, b in sentence_spans(text)]


def test_english_sentences_with_abbreviations():
    assert split("Mr. Wang spoke for the U.S. delegation. Both sides agreed. H.E. the President left.") == [
        "Mr. Wang spoke for the U.S. delegation.", "Both sides agreed.", "H.E. the President left."]


def test_chinese_full_stops_and_semicolons():
    assert split("双方同意。中方支持；印尼方欢迎！") == ["双方同意。", "中方支持；", "印尼方欢迎！"]


def test_numbered_paragraphs_and_blank_lines():
    text = "The General Assembly,\n\nRecalling its resolutions,\n\n1. Decides to act;\n2. Requests the report."
    assert split(text) == ["The General Assembly,", "Recalling its resolutions,", "1. Decides to act;", "2. Requests the report."]


def test_sentence_text_collapses_hard_wraps():
    text = "First one. We need\ntrue multi-\nlateralism now. Last."
    sentences = Sentences(text)
    start = text.index("true")
    assert sentences.text_around(start, start + 4) == "We need true multi- lateralism now."

"""Copies grouped (exact, near, translation, by hand) and counted once by score."""

import json

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.duplicates import NEAR_SIMILARITY, fingerprint, group_copies

ZH = """中华人民共和国和印度尼西亚共和国
关于深化全面战略伙伴关系的联合声明
应印度尼西亚共和国总统邀请，中华人民共和国主席对印度尼西亚进行国事访问。
双方同意携手推动构建人类命运共同体。
印尼方支持中方提出的全球发展倡议。
2022年11月17日于雅加达
"""

EN_BODY = """At the invitation of the President of the Republic of Indonesia, the President of the People's Republic of China paid a state visit to Indonesia.
The two sides agreed to work together to build a community with a shared future for mankind.
The Indonesian side supports the Global Development Initiative put forward by the Chinese side.
The two sides will expand trade in farm produce, open new air routes between their capitals and train more teachers of each other's language.
They will hold the next meeting of their joint commission in the first half of the coming year and review the fisheries agreement.
Both sides look forward to more exchanges between young people, journalists, universities and local governments.
"""
EN = ("Joint Statement between the People's Republic of China and the Republic of Indonesia\n"
      "on Deepening the Comprehensive Strategic Partnership\n\n" + EN_BODY + "\nJakarta, 17 November 2022\n")


def _record(doc_id, text, **meta):
    return {"doc_id": doc_id, "status": "ok", **fingerprint(text), **meta}


def _similarity(a: str, b: str) -> float:
    sa, sb = (np.frombuffer(__import__("base64").b64decode(fingerprint(t)["minhash"]), dtype="<u4") for t in (a, b))
    return float(np.mean(sa == sb))


def test_fingerprint_ignores_spacing_case_and_punctuation():
    assert fingerprint(EN)["content_hash"] == fingerprint(EN.upper().replace("\n", "  \n ").replace(",", " ,"))["content_hash"]
    assert fingerprint(EN)["content_hash"] != fingerprint(EN.replace("farm produce", "rice"))["content_hash"]
    assert fingerprint("  \n ") == {"content_hash": None, "minhash": None}
    assert json.loads(json.dumps(fingerprint(ZH))) == fingerprint(ZH)  # survives the store


def test_similarity_estimates():
    assert _similarity(EN, EN.replace("fisheries agreement", "fishing agreement")) >= NEAR_SIMILARITY
    assert _similarity(EN, "A speech on the law of the sea and the rights of coastal states. " * 5) < 0.2


def test_exact_near_and_unrelated():
    reprint = EN.replace("fisheries agreement", "fishing agreement")
    records = [_record("a", EN), _record("b", EN.upper()), _record("c", reprint), _record("d", "Something else entirely, said once.")]
    groups = group_copies(records)
    assert [g["group_id"] for g in groups] == ["a", "a", "a", "d"]
    assert [g["copy_of_kind"] for g in groups] == [None, "exact", "near", None]


@pytest.mark.parametrize("column, a, b", [("symbol", "A/RES/78/21", "A/RES/79/20"), ("year", 2023, 2024), ("actor", "SLB", "VUT")])
def test_similar_texts_told_apart_by_metadata(column, a, b):
    # the annual resolution adopted again with a changed paragraph is a new adoption
    revised = EN.replace("fisheries agreement", "fishing agreement")
    groups = group_copies([_record("x", EN, **{column: a}), _record("y", revised, **{column: b})])
    assert [g["group_id"] for g in groups] == ["x", "y"]


def test_translations_by_genre_parties_and_date():
    meta = {"genre": "joint_statement", "date": "2022-11-17"}
    records = [
        _record("en", EN, language="en", parties="CHN;IDN", **meta),
        _record("zh", ZH, language="zh", parties="IDN;CHN", **meta),  # order of parties does not matter
        _record("other-day", "双方发表关于海洋合作的声明。", language="zh", parties="CHN;IDN", genre="joint_statement", date="2022-11-18"),
    ]
    groups = group_copies(records)
    assert [(g["group_id"], g["copy_of_kind"]) for g in groups] == [("en", None), ("en", "translation"), ("other-day", None)]


def test_two_statements_of_one_day_in_one_language_are_not_linked_to_a_translation():
    meta = {"genre": "joint_statement", "date": "2022-11-17", "parties": "CHN;IDN"}
    records = [_record("en", EN, language="en", **meta), _record("zh1", ZH, language="zh", **meta),
               _record("zh2", "完全不同的另一份声明。", language="zh", **meta)]
    assert [g["group_id"] for g in group_copies(records)] == ["en", "zh1", "zh2"]


def test_links_stated_by_hand():
    records = [
        _record("en", EN, language="en", translation_of="zh.txt", path="corpus/en.txt"),
        _record("zh", ZH, language="zh", path="corpus/zh.txt"),
        _record("p", "First text.", group="set-1"),
        _record("q", "Second, different text.", group="set-1"),
        {"doc_id": None, "status": "error", "content_hash": None, "minhash": None},
    ]
    groups = group_copies(records)
    # the one marked as a translation is not the representative, though it comes first
    assert [g["group_id"] for g in groups] == ["zh", "zh", "p", "p", None]
    assert [g["copy_of_kind"] for g in groups] == ["translation", None, None, "near", None]


@pytest.fixture
def statement_folder(tmp_path):
    """A statement in Chinese, its English translation, and a reprint of the English."""
    (tmp_path / "statement_zh.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "statement_en.txt").write_text(EN, encoding="utf-8")
    reprint = EN.replace("fisheries agreement", "fishing agreement")
    (tmp_path / "reprint.md").write_text("---\nsource: a news site\n---\n" + reprint, encoding="utf-8")
    return tmp_path


def test_a_statement_its_translation_and_a_reprint_count_once(statement_folder):
    result = phrasewatch.scan([statement_folder])
    docs = result.documents.set_index("doc_id")
    assert set(docs["group_id"]) == {"reprint"}  # first in scan order
    assert docs.loc["statement_en", "copy_of_kind"] == "near" and docs.loc["statement_zh", "copy_of_kind"] == "translation"
    assert "minhash" not in result.documents.columns
    once = phrasewatch.score(result.matches, result.documents, by=["parties"])
    ccdm = once[once["formula_id"] == "ccdm"].iloc[0]
    assert (ccdm["parties"], ccdm["count"], ccdm["documents"], ccdm["documents_total"]) == ("CHN;IDN", 1, 1, 1)
    every = phrasewatch.score(result.matches, result.documents, by=["parties"], count_copies=True)
    assert every[every["formula_id"] == "ccdm"].iloc[0]["documents"] == 3


def test_groups_are_the_same_for_any_jobs_and_through_the_store(statement_folder, tmp_path_factory):
    store = tmp_path_factory.mktemp("store") / "scan.sqlite"
    columns = ["doc_id", "content_hash", "group_id", "copy_of_kind"]
    one = phrasewatch.scan([statement_folder], jobs=1).documents[columns]
    two = phrasewatch.scan([statement_folder], jobs=2, store=store).documents[columns]
    stored = phrasewatch.scan([statement_folder], jobs=2, store=store).documents[columns]
    pd.testing.assert_frame_equal(one, two)
    pd.testing.assert_frame_equal(one, stored)


def test_cli_count_copies(statement_folder):
    once = CliRunner().invoke(main, ["score", str(statement_folder), "--by", "", "-j", "1"])
    every = CliRunner().invoke(main, ["score", str(statement_folder), "--by", "", "-j", "1", "--count-copies"])
    assert once.exit_code == 0 and every.exit_code == 0, once.output + every.output

    def documents_with_ccdm(output):
        line = next(line for line in output.splitlines() if line.split()[:1] == ["ccdm"])
        return int(line.split()[2])

    assert documents_with_ccdm(once.output) == 1 and documents_with_ccdm(every.output) == 3


@pytest.mark.corpus
def test_real_duplicate_file_found_and_yearly_reissues_kept_apart(corpora):
    docs = phrasewatch.scan([corpora / "us-joint-statements", corpora / "un-resolutions"]).documents
    copies = docs[docs["copy_of_kind"].notna()]
    # the one file saved twice (under a misspelt name), and nothing else: the annual
    # resolutions and a statement re-issued a year later are similar but not copies
    assert len(copies) == 1 and copies.iloc[0]["copy_of_kind"] == "exact"
    assert "frameowkr" in copies.iloc[0]["group_id"] or "frameowkr" in copies.iloc[0]["doc_id"]


def test_one_text_delivered_by_two_actors_is_two_adoptions():
    groups = group_copies([_record("a", EN, actor="FJI"), _record("b", EN, actor="TON"), _record("c", EN, actor="FJI")])
    assert [g["group_id"] for g in groups] == ["a", "b", "a"]


def test_many_near_copies_are_grouped_quickly():
    import time

    records = [_record(f"r{i}", f"{EN} Reference {i}.") for i in range(3000)]
    started = time.process_time()  # CPU time: a busy machine stretches the wall clock
    groups = group_copies(records)
    assert time.process_time() - started < 10  # each compared with one member of its group, not with all
    assert {g["group_id"] for g in groups} == {"r0"}


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abA1 .,-\n") + ["é", "中", "国", "共", "\u3000", "𠀀"]), max_size=400),
       st.integers(min_value=1, max_value=40))
def test_fingerprints_do_not_depend_on_the_pieces_the_bytes_are_hashed_in(text, piece):
    """Long documents are hashed in pieces to bound memory; the pieces must not show."""
    import phrasewatch.duplicates as duplicates

    whole = duplicates.fingerprint(text)
    saved = duplicates._PIECE
    duplicates._PIECE = piece
    try:
        assert duplicates.fingerprint(text) == whole
    finally:
        duplicates._PIECE = saved


def test_signatures_kept_in_a_file_group_as_in_memory(tmp_path):
    """A scan writing files keeps the signatures of many documents in a file, not in
    memory: the groups must not change, whichever documents the bands and checks read."""
    from phrasewatch.duplicates import CopyKeys, copy_kinds

    texts = [EN, EN.replace("farm produce", "grain"), EN_BODY, ZH, ZH.replace("全球发展倡议", "全球安全倡议"), "short text"]
    records = []
    for i in range(300):
        meta = {"language": "zh" if texts[i % 6] in (ZH, texts[4]) else "en", "year": 2020 + i % 3}
        if i % 11 == 0:
            meta["status"] = "error"
        if i % 17 == 0:
            meta.update(genre="joint_statement", parties="CHN;IDN", date="2022-11-17")
        if i % 29 == 0:
            meta["copy_of"] = f"d{i // 2}"
        records.append({**_record(f"d{i}", f"{texts[i % 6]} {'revised ' * (i % 4)}"), **meta})
    in_memory = group_copies(records)
    keys = CopyKeys(spill=tmp_path, in_memory=256 * 10)  # a file after ten documents
    for record in records:
        keys.add(record)
    representative, kind = keys.group(lambda: ((i, r["doc_id"], r.get("path")) for i, r in enumerate(records)))
    keys.close()
    assert [{"group_id": records[r]["doc_id"], "copy_of_kind": copy_kinds[k]}
            for r, k in zip(representative.tolist(), kind.tolist(), strict=True)] == in_memory
    assert {g["copy_of_kind"] for g in in_memory} >= {"exact", "near", "translation", None}
    assert list(tmp_path.iterdir()) == []  # the file is gone once closed

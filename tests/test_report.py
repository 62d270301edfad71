"""The HTML report: its numbers are phrasewatch score's, it needs no network, the
scan's text cannot become markup in it, and its sentence tables sample when told."""

from __future__ import annotations

import base64
import hashlib
import importlib
import re
from html import unescape
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import phrasewatch
from phrasewatch.cli import main
from phrasewatch.report import html, report_data
from phrasewatch.report.kwic import kwic
from phrasewatch.score import matches_in_scope
from phrasewatch.tables import write_table
from tests.report_fixtures import HOSTILE_META, HOSTILE_NAMES, HOSTILE_TEXT, payload, write_hostile_corpus


@pytest.fixture(scope="module")
def seeds():
    return phrasewatch.scan()


@pytest.fixture(scope="module")
def seeds_page(seeds):
    return html(seeds)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = write_hostile_corpus(tmp_path_factory.mktemp("hostile") / "corpus")
    result = phrasewatch.scan(folder)
    page = html(result, output=folder.parent / "report.html", title=HOSTILE_TEXT["script"],
                command=f"phrasewatch report '{HOSTILE_NAMES['img_file']}'")
    return result, page


def frame(table: dict) -> pd.DataFrame:
    return pd.DataFrame(table["rows"], columns=table["columns"])


def assert_same_table(shown: pd.DataFrame, expected: pd.DataFrame):
    """Same columns, rows and values (the page's JSON has no dtypes: compare as values)."""
    assert list(shown.columns) == [str(c) for c in expected.columns]
    assert len(shown) == len(expected)
    for column in expected.columns:
        want, got = expected[column], shown[str(column)]
        if pd.api.types.is_numeric_dtype(want) and not pd.api.types.is_bool_dtype(want):
            np.testing.assert_allclose(pd.to_numeric(got, errors="coerce").astype(float), want.astype(float), rtol=1e-9,
                                       equal_nan=True, err_msg=column)
        else:
            assert [None if pd.isna(v) else v for v in want] == [None if pd.isna(v) else v for v in got], column


@pytest.mark.parametrize("name", ["adoption", "index", "first", "diffusion"])
def test_the_report_shows_the_numbers_of_phrasewatch_score(seeds, seeds_page, name):
    shown = frame(payload(seeds_page)["scores"][name])
    assert len(shown) > 0
    assert_same_table(shown, phrasewatch.score_table(name, seeds))


def test_the_heat_map_is_adoption_by_actor(seeds, seeds_page):
    data = payload(seeds_page)
    by_actor = phrasewatch.score_table("adoption", seeds, by="actor")
    cells = frame(data["heat"]["cells"])
    assert_same_table(cells[["actor", "formula_id", "count"]], by_actor[["actor", "formula_id", "count"]])
    index = frame(data["heat"]["index"])
    expected = phrasewatch.score_table("index", seeds, by="actor")
    assert_same_table(index, expected[["actor", "index", "formulae_adopted"]])


def test_score_options_reach_the_report(seeds):
    naive = payload(html(seeds, include_china_voice=True))["scores"]["adoption"]
    expected = phrasewatch.score_table("adoption", seeds, include_china_voice=True)
    assert_same_table(frame(naive), expected)
    # and they change something here, so the check above could have failed
    assert len(expected) != len(phrasewatch.score_table("adoption", seeds))


def test_diffusion_curves_and_first_adopters_leave_china_out(seeds, seeds_page):
    data = payload(seeds_page)
    adopters = frame(data["adopters"])
    first = phrasewatch.score_table("first", seeds)
    assert "CHN" in set(first["actor"])
    assert set(adopters["actor"]) == set(first["actor"]) - {"CHN"}
    assert len(adopters) == int((first["actor"] != "CHN").sum())
    # the strongest grade per adopter is the adoption table's, by actor over all years
    by_actor = phrasewatch.score_table("adoption", seeds, by="actor").set_index(["actor", "formula_id"])
    def value(v):
        return None if pd.isna(v) else v

    graded = 0
    for row in adopters.itertuples():
        assert value(row.strongest_name) == value(by_actor.loc[(row.actor, row.formula_id), "strongest_name"])
        graded += value(row.strongest_name) is not None
    assert graded > 0


def test_the_page_needs_nothing_from_the_network(seeds_page):
    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.urls = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.urls += [v for k, v in attrs if k in ("src", "href", "data", "action") and v]

    parser = Collect()
    parser.feed(seeds_page)
    assert not [u for u in parser.urls if not u.startswith("#")]
    assert "link" not in parser.tags and "iframe" not in parser.tags and "img" not in parser.tags
    assert parser.tags.count("script") == 2 and parser.tags.count("style") == 1


def test_the_content_security_policy_allows_exactly_the_pages_own_script_and_style(seeds_page):
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', seeds_page).group(1))
    script = re.search(r"<script>(.*?)</script>", seeds_page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", seeds_page, re.S).group(1)

    def digest(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert "default-src 'none'" in csp
    assert f"script-src {digest(script)};" in csp
    assert f"style-src {digest(style)};" in csp
    assert "unsafe-inline" not in csp


def test_hostile_text_names_and_metadata_stay_data(hostile):
    result, page = hostile
    assert (result.documents["status"] == "error").sum() == 1  # the binary file, listed with its name

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.handlers, self.text = [], [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.handlers += [k for k, _ in attrs if k.startswith("on")]

        def handle_data(self, data):
            self.text.append(data)

    parser = Collect()
    parser.feed(page)
    # the page's own elements only: no img, svg, b or a second script came from the scan
    assert set(parser.tags) <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "nav", "a",
                                "noscript", "main", "section", "table", "tr", "th", "td", "div", "label", "select", "option",
                                "input", "datalist", "button", "span", "code", "details", "summary", "script"}
    assert parser.tags.count("script") == 2 and parser.handlers == []
    text = "".join(parser.text)
    # the static overview shows the failed file's name, the title and the command as text
    assert HOSTILE_NAMES["failed_file"] in text
    assert HOSTILE_TEXT["script"] in text
    assert HOSTILE_NAMES["img_file"] in text
    # the data block holds the rest as data, and nothing in it can close its script element
    block = re.search(r'id="pw-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block and "\u2028" not in block
    data = payload(page)
    sentences = " ".join(r[4] + r[5] + r[6] for r in data["kwic"]["rows"])
    for piece in HOSTILE_TEXT.values():
        assert piece in sentences
    docs = frame(data["docs"])
    assert HOSTILE_META["title"] in set(docs["title"]) and HOSTILE_META["actor"] in set(docs["actor"])
    # links to documents are relative paths with every special character encoded: javascript: is no scheme
    for href in docs["href"]:
        assert href.startswith("./") and ":" not in href and "<" not in href and '"' not in href


def test_tables_saved_by_scan_give_the_same_report(tmp_path, seeds):
    write_table(seeds.matches, tmp_path / "m.csv")
    write_table(seeds.documents, tmp_path / "m.documents.csv")
    from_files = payload(html(tmp_path / "m.csv", tmp_path / "m.documents.csv", lexicon=seeds.lexicon))
    from_scan = payload(html(seeds))
    for name in ("adoption", "first", "diffusion"):
        assert_same_table(frame(from_files["scores"][name]), frame(from_scan["scores"][name]))
    assert len(from_files["kwic"]["rows"]) == len(from_scan["kwic"]["rows"])


def test_extra_and_missing_columns_are_tolerated(seeds):
    matches = seeds.matches.assign(licence="CC0", gloss="x").drop(columns=["stance_cue", "strength_cue"])
    documents = seeds.documents.assign(licence="CC0")
    data = payload(html(matches, documents, lexicon=seeds.lexicon))
    assert len(data["kwic"]["rows"]) == payload(html(seeds))["kwic"]["total"]


def test_kwic_samples_above_the_limit_keeping_every_first_adoption(seeds):
    data = report_data(seeds)
    full = kwic(data, limit=None)
    assert not full.sampled and len(full.rows) == full.total
    limit = len(data.first.drop_duplicates(["doc_id", "formula_id", "sentence"])) + 10
    small = kwic(data, limit=limit)
    assert small.sampled and small.total == full.total and len(small.rows) == limit
    keys = set(zip(small.rows["doc_id"], small.rows["formula_id"], small.rows["sentence"], strict=True))
    assert set(zip(data.first["doc_id"], data.first["formula_id"], data.first["sentence"], strict=True)) <= keys
    assert kwic(data, limit=limit, seed=0).rows.equals(small.rows)  # the same sample every time
    assert len(kwic(data, limit=5).rows) == 5  # fewer than the first adoptions: still the limit
    page = html(seeds, kwic_limit=limit)
    assert f"show {limit:,} of the {full.total:,} matches" in page


def test_kwic_cuts_the_sentence_around_the_match(seeds):
    rows = kwic(report_data(seeds), limit=None).rows
    found = rows[rows["match"] != ""]
    assert len(found) >= 0.9 * len(rows)

    def letters(text):
        return re.sub(r"[\s\-]", "", text)

    for row in found.itertuples():
        assert letters(row.match) == letters(row.surface)
        if not row.left.startswith("…") and not row.right.endswith("…"):
            assert row.left + row.match + row.right == row.sentence


def test_report_command_from_a_scan_and_from_saved_tables(tmp_path, seeds):
    out = tmp_path / "seeds.html"
    result = CliRunner().invoke(main, ["report", "-o", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "report ->" in result.stderr
    scanned = payload(out.read_text(encoding="utf-8"))
    assert_same_table(frame(scanned["scores"]["adoption"]), phrasewatch.score_table("adoption", seeds))

    write_table(seeds.matches, tmp_path / "m.parquet")
    write_table(seeds.documents, tmp_path / "m.documents.parquet")
    out2 = tmp_path / "saved.html"
    result = CliRunner().invoke(main, ["report", "--matches", str(tmp_path / "m.parquet"), "--documents",
                                       str(tmp_path / "m.documents.parquet"), "-o", str(out2), "--include-china-voice"])
    assert result.exit_code == 0, result.output
    saved = payload(out2.read_text(encoding="utf-8"))
    assert_same_table(frame(saved["scores"]["adoption"]), phrasewatch.score_table("adoption", seeds, include_china_voice=True))


def test_report_command_refuses_what_it_cannot_write(tmp_path):
    result = CliRunner().invoke(main, ["report", "-o", str(tmp_path / "r.csv")])
    assert result.exit_code == 2 and "name it .html" in result.output
    assert not (tmp_path / "r.csv").exists()
    result = CliRunner().invoke(main, ["report", "--matches", str(tmp_path), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2


def test_a_failed_file_makes_the_report_exit_3_and_still_written(tmp_path):
    write_hostile_corpus(tmp_path / "corpus")
    result = CliRunner().invoke(main, ["report", str(tmp_path / "corpus"), "-o", str(tmp_path / "r.html"), "--no-progress"])
    assert result.exit_code == 3
    assert (tmp_path / "r.html").stat().st_size > 10_000


def test_the_report_loads_no_plotting_library():
    # the HTML report draws in the browser: matplotlib (an extra) is for phrasewatch plot only
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("import sys, phrasewatch; phrasewatch.report.html(phrasewatch.scan_text('We support the GDI.'));"
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    assert out.strip() == "False"


def test_a_scan_with_nothing_found_scores_empty_and_still_reports(tmp_path):
    result = phrasewatch.scan_text("Nothing to see here.", actor="IDN", date="2024")
    assert len(result.matches) == 0
    for name in ("adoption", "index", "first", "diffusion", "mentions"):
        assert len(phrasewatch.score_table(name, result)) == 0
    data = payload(html(result))
    assert data["kwic"]["rows"] == [] and data["adopters"]["rows"] == []


def test_the_sentence_tables_list_what_the_scores_count(seeds):
    # borrowed wording (the seeds hold some) is left out unless asked for, in scores and sentences alike
    assert seeds.matches["borrowed"].any()
    for options in ({}, {"include_borrowed": True}, {"include_anachronistic": True}):
        shown = kwic(report_data(seeds, **options), limit=None)
        counted = matches_in_scope(seeds.matches, seeds.documents, **options)
        assert shown.total == len(counted) == len(shown.rows)
    assert kwic(report_data(seeds, include_borrowed=True)).total > kwic(report_data(seeds)).total


def test_report_command_takes_the_new_score_flags(tmp_path, seeds):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", "-o", str(out), "--include-borrowed", "--include-glosses", "--no-progress"])
    assert result.exit_code == 0, result.output
    expected = phrasewatch.score_table("adoption", seeds, include_borrowed=True, include_glosses=True)
    assert_same_table(frame(payload(out.read_text(encoding="utf-8"))["scores"]["adoption"]), expected)


def test_plot_without_matplotlib_says_how_to_get_it_before_scanning(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if the plot extra were not installed
    scanned = []
    monkeypatch.setattr(importlib.import_module("phrasewatch.scan"), "scan", lambda *a, **k: scanned.append(a))  # imported when the command runs
    result = CliRunner().invoke(main, ["plot", "diffusion", "-o", str(tmp_path / "fig.svg")])
    assert result.exit_code == 2 and 'pip install "phrasewatch[plot]"' in result.output
    assert scanned == []  # it said so before scanning the seeds
    assert not (tmp_path / "fig.svg").exists()


def test_numeric_document_ids_from_a_saved_table_still_link():
    # ids such as 1, 2 can come back from a saved table as numbers; the page must still find their documents
    frame_in = pd.DataFrame({"text": ["Kenya supports the Belt and Road Initiative.", "Peru welcomes the Global Development Initiative."],
                             "doc_id": ["1", "2"], "actor": ["KEN", "PER"], "year": [2023, 2024]})
    result = phrasewatch.scan_frame(frame_in)
    matches = result.matches.assign(doc_id=result.matches["doc_id"].astype(int))
    documents = result.documents.assign(doc_id=result.documents["doc_id"].astype(int))
    data = payload(html(matches, documents, lexicon=result.lexicon))
    docs = frame(data["docs"])
    assert sorted(docs["doc_id"]) == ["1", "2"] and set(docs["actor"]) == {"KEN", "PER"}

"""The report of a real corpus: making it costs less than the scan it reports (so
``phrasewatch report`` takes under twice the scan's time), and it stays small. The UN
General Debates of the last ten sessions stand in for the whole corpus, which takes
minutes to scan here; the README gives the whole corpus's figures."""

from __future__ import annotations

import time

import pytest

import phrasewatch
from tests.report_fixtures import payload

pytestmark = pytest.mark.corpus


def test_a_ungdc_report_costs_less_than_its_scan_and_stays_small(corpora, lexicon):
    txt = corpora / "ungdc" / "TXT"
    sessions = sorted(p for p in txt.iterdir() if p.is_dir() and int(p.name.rsplit(" ", 1)[-1]) >= 2015)
    assert len(sessions) == 10
    result = phrasewatch.scan(sessions, lexicon=lexicon, jobs=None)  # as the command scans: every core
    started = time.perf_counter()
    page = phrasewatch.report.html(result)
    seconds = time.perf_counter() - started
    assert seconds < result.seconds, f"report {seconds:.1f} s, scan {result.seconds:.1f} s"
    data = payload(page)
    assert not data["kwic"]["sampled"] and len(data["kwic"]["rows"]) == data["kwic"]["total"] > 1000
    # about a kilobyte a match, whatever the corpus's size: the text of documents is not in it
    assert len(page.encode()) < 1_500 * data["kwic"]["total"] + 500_000

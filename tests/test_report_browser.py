"""The HTML report in a real browser (headless Chromium): the seeds' report draws its
charts and tables with no console error, its heat map sorts and leads to the sentences
behind a number, and a hostile corpus's report shows its markup as text and runs none
of it. Skipped, saying why, where no Chromium can be found."""

from __future__ import annotations

import pytest

import phrasewatch
from tests.browser import Browser, BrowserError, find_chromium
from tests.report_fixtures import HOSTILE_META, HOSTILE_NAMES, HOSTILE_TEXT, payload, write_hostile_corpus

READY = "document.documentElement.dataset.ready === '1'"


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        pytest.skip("headless Chromium not found: install Debian's chromium package (apt-get install chromium) "
                    "or set PHRASEWATCH_CHROMIUM to a Chromium or Chrome binary")
    try:
        b = Browser(executable, width=1280, height=1000)
    except (BrowserError, OSError, StopIteration) as exc:
        pytest.skip(f"Chromium at {executable} did not start headless: {exc}")
    yield b
    b.close()


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory):
    result = phrasewatch.scan()
    out = tmp_path_factory.mktemp("report") / "seeds.html"
    page = phrasewatch.report.html(result, output=out)
    return out, payload(page)


def open_report(browser, path):
    browser.events.clear()
    browser.open(path.resolve().as_uri(), ready=READY)


def assert_a_real_picture(png: bytes, min_height: int = 2000):
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pil = pytest.importorskip("PIL.Image", reason="Pillow (with matplotlib, in the test extra) reads the screenshot")
    import io

    image = pil.open(io.BytesIO(png)).convert("RGB")
    assert image.size[0] == 1280 and image.size[1] > min_height
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 100  # charts, text and tables, not a blank page


def test_the_seeds_report_draws_its_charts_without_errors(browser, seeds_report, tmp_path):
    path, data = seeds_report
    open_report(browser, path)
    assert browser.problems() == []
    adopters = len(data["adopters"]["rows"])
    formulae = len({row[1] for row in data["adopters"]["rows"]})
    charts = browser.evaluate("""Array.from(document.querySelectorAll('#formula-cards svg.chart')).map(s => ({
        dots: s.querySelectorAll('circle.dot').length,
        curve: (s.querySelector('path.curve') || {getAttribute: () => ''}).getAttribute('d').length,
        box: s.getBoundingClientRect().height}))""")
    assert len(charts) == formulae > 0
    assert sum(c["dots"] for c in charts) == adopters
    assert all(c["curve"] > 10 and c["box"] > 100 for c in charts)
    actors = {row[0] for row in data["heat"]["cells"]["rows"]} - {"CHN"}
    assert browser.evaluate("document.querySelectorAll('#heat-table tbody tr').length") == len(actors)
    assert browser.evaluate("document.querySelectorAll('#kwic-table tbody tr').length") == min(50, len(data["kwic"]["rows"]))
    assert browser.evaluate("document.querySelectorAll('#score-table tr').length") > 10
    assert_a_real_picture(browser.screenshot(tmp_path / "seeds.png"))


def test_the_heat_map_sorts_and_a_cell_leads_to_its_sentences(browser, seeds_report):
    path, data = seeds_report
    open_report(browser, path)
    cells = data["heat"]["cells"]
    rows = [dict(zip(cells["columns"], r, strict=True)) for r in cells["rows"]]
    kaz = [r["count"] for r in rows if r["actor"] == "KAZ" and r["formula_id"] == "bri"][0]
    most = max(r["count"] for r in rows if r["formula_id"] == "bri" and r["actor"] != "CHN")
    browser.evaluate("document.querySelector('#heat-table th[data-formula=\"bri\"]').click()")
    first = browser.evaluate("document.querySelector('#heat-table tbody tr td[data-formula=\"bri\"]').textContent")
    assert int(first) == most
    browser.evaluate("document.querySelector('#heat-table tr[data-actor=\"KAZ\"] td[data-formula=\"bri\"]').click()")
    shown = browser.evaluate("document.querySelectorAll('#kwic-table tbody tr').length")
    assert shown == kaz > 0
    status = browser.evaluate("document.getElementById('kwic-status').textContent")
    assert f"of {kaz}" in status and "filtered" in status
    assert browser.problems() == []


def test_a_hostile_corpus_shows_its_markup_as_text_and_runs_none_of_it(browser, tmp_path):
    folder = write_hostile_corpus(tmp_path / "corpus")
    out = tmp_path / "hostile.html"
    phrasewatch.report.html(phrasewatch.scan(folder), output=out, title=HOSTILE_TEXT["script"],
                            command=f"phrasewatch report '{HOSTILE_NAMES['img_file']}'")
    open_report(browser, out)
    browser.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    # nothing ran: no payload set its flag, opened a dialog or broke the policy (a violation logs an error)
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.problems() == []
    assert browser.evaluate("document.images.length") == 0
    assert browser.evaluate("document.scripts.length") == 2
    assert browser.evaluate("Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes))"
                            ".filter(a => a.name.startsWith('on')).length") == 0
    protocols = browser.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.protocol)")
    assert protocols and set(protocols) == {"file:"}
    # and everything shows, as text
    shown = browser.evaluate("document.body.innerText")
    for piece in [*HOSTILE_TEXT.values(), HOSTILE_NAMES["failed_file"], HOSTILE_NAMES["img_file"], HOSTILE_META["actor"]]:
        assert piece in shown, piece
    assert browser.evaluate("document.querySelector('h1').textContent") == HOSTILE_TEXT["script"]
    # clicking through the charts and filters runs nothing either
    browser.evaluate("document.querySelectorAll('svg circle.dot').forEach(c => c.dispatchEvent(new MouseEvent('click')))")
    browser.evaluate("document.querySelectorAll('#heat-table th.col').forEach(th => th.click())")
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.problems() == []
    assert_a_real_picture(browser.screenshot(tmp_path / "hostile.png"), min_height=1000)

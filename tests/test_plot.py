"""Figures for papers: what they draw is the score tables, and phrasewatch plot writes
them as SVG, PDF or PNG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from click.testing import CliRunner

import phrasewatch
from phrasewatch.cli import main

pytest.importorskip("matplotlib", reason="the figures need matplotlib (pip install 'phrasewatch[plot]', in the test extra)")

from phrasewatch.report import diffusion_figure, heatmap_figure, report_data, save_figure, timeline_figure  # noqa: E402


@pytest.fixture(scope="module")
def data():
    return report_data(phrasewatch.scan())


def test_diffusion_lines_are_the_diffusion_table(data):
    fig = diffusion_figure(data, formulae=["gdi", "bri"])
    ax = fig.axes[0]
    steps = [line for line in ax.get_lines() if line.get_drawstyle().startswith("steps")]
    assert [line.get_label() for line in steps] == ["Global Development Initiative (gdi)",
                                                    "Silk Road Economic Belt and the 21st-Century Maritime Silk Road (bri)"]
    for line, formula in zip(steps, ["gdi", "bri"], strict=True):
        table = data.diffusion[data.diffusion["formula_id"] == formula]
        xs, ys = line.get_xdata(), line.get_ydata()
        assert ys[0] == 0  # from zero at China's first use
        assert list(ys[1:len(table) + 1]) == list(table["cumulative"])
        assert list(xs[1:len(table) + 1]) == list(table["year"])


def test_heat_map_cells_are_endorsements_by_actor(data):
    fig = heatmap_figure(data, formulae=["gdi", "bri"], top=5)
    ax = fig.axes[0]
    actors = [t.get_text() for t in ax.get_yticklabels()]
    assert len(actors) == 5 and "CHN" not in actors
    values = np.ma.filled(ax.images[0].get_array(), np.nan)
    by_actor = phrasewatch.score_table("adoption", phrasewatch.scan(), by="actor").set_index(["actor", "formula_id"])
    for r, actor in enumerate(actors):
        for c, formula in enumerate(["gdi", "bri"]):
            expected = by_actor["count"].get((actor, formula), np.nan)
            assert (np.isnan(values[r, c]) and np.isnan(expected)) or values[r, c] == expected
    # rows by adoption index, highest first
    index = data.actor_index.set_index("actor")["index"]
    assert list(index[actors]) == sorted(index[actors], reverse=True)
    named = heatmap_figure(data, formulae=["gdi"], top=3, names=True)
    assert "Kazakhstan" in [t.get_text() for t in named.axes[0].get_yticklabels()]


def test_timeline_has_a_dot_per_first_adopter(data):
    fig = timeline_figure(data, formulae=["gdi", "gsi"])
    ax = fig.axes[0]
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    adopters = data.adopters
    assert dots == int(adopters["formula_id"].isin(["gdi", "gsi"]).sum()) > 0


def test_an_unknown_formula_is_refused(data):
    with pytest.raises(ValueError, match="no formula nonesuch"):
        diffusion_figure(data, formulae=["nonesuch"])


@pytest.mark.parametrize("kind,suffix,magic", [("diffusion", "svg", b"<?xml"), ("heatmap", "pdf", b"%PDF"),
                                               ("timeline", "png", b"\x89PNG")])
def test_plot_command_writes_each_format(tmp_path, kind, suffix, magic):
    out = tmp_path / f"fig.{suffix}"
    result = CliRunner().invoke(main, ["plot", kind, "-o", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:len(magic)] == magic
    if suffix == "svg":  # text stays text, so an editor or a journal can change the font
        texts = [t for t in ET.parse(out).getroot().iter() if t.tag.endswith("text")]
        assert any("Global Development Initiative" in "".join(t.itertext()) for t in texts)


def test_plot_command_refuses_an_unknown_format_before_scanning(tmp_path):
    result = CliRunner().invoke(main, ["plot", "diffusion", "-o", str(tmp_path / "fig.jpg"), str(tmp_path / "missing")])
    assert result.exit_code == 2 and "use .svg, .pdf or .png" in result.output


def test_save_figure_writes_atomically_and_checks_the_name(data, tmp_path):
    fig = diffusion_figure(data)
    with pytest.raises(ValueError, match="figure format"):
        save_figure(fig, tmp_path / "fig.txt")
    assert not list(tmp_path.iterdir())
    path = save_figure(fig, tmp_path / "fig.svg")
    assert path.stat().st_size > 5_000 and [p.name for p in tmp_path.iterdir()] == ["fig.svg"]

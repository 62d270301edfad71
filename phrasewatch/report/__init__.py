"""Reports: what a person reads of a scan.

- :func:`summarize`: the lines ``phrasewatch scan`` prints (and :func:`show_table`,
  :func:`describe_formula`, :func:`kwic_lines` for the other commands' screens);
- :func:`html`: a self-contained HTML report (``phrasewatch report``);
- :func:`diffusion_figure`, :func:`heatmap_figure`, :func:`timeline_figure`: figures
  for papers (``phrasewatch plot``; matplotlib, ``pip install "phrasewatch[plot]"``).

All draw on :func:`report_data`, which scores a scan with the calls ``phrasewatch
score`` makes. Tables and files are :mod:`phrasewatch.tables`.
"""

from __future__ import annotations

__all__ = ["KWIC_LIMIT", "ReportData", "describe_formula", "diffusion_figure", "heatmap_figure", "html", "kwic_lines",
           "report_data", "save_figure", "show_table", "summarize", "timeline_figure"]

from .data import ReportData, report_data
from .page import KWIC_LIMIT, html
from .summary import describe_formula, kwic_lines, show_table, summarize


def __getattr__(name):
    # the figures need matplotlib, an extra: imported when first asked for
    if name in ("diffusion_figure", "heatmap_figure", "timeline_figure", "save_figure"):
        from . import figures

        return getattr(figures, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Reports: what a person reads of a scan.

- :func:`summarize`: the lines ``phrasewatch scan`` prints;
- :func:`html`: a self-contained HTML report (``phrasewatch report``);

All draw on :func:`report_data`, which scores a scan with the calls ``phrasewatch
score`` makes. Tables and files are :mod:`phrasewatch.tables`.
"""

from __future__ import annotations

__all__ = ["KWIC_LIMIT", "ReportData", "html", "report_data", "summarize"]

from .data import ReportData, report_data
from .page import KWIC_LIMIT, html
from .summary import summarize


"""Reports: what a person reads of a scan. :func:`summarize` gives the lines
``phrasewatch scan`` prints. Tables and files are :mod:`phrasewatch.tables`."""

from __future__ import annotations

__all__ = ["summarize"]

from .summary import summarize

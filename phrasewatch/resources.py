"""Where the bundled lexicons and sample documents live.

In a wheel they are packaged under ``phrasewatch/_bundled``; in a source checkout
(editable install, tests) they are the top-level ``lexicons/`` and ``seeds/`` folders.
"""

from __future__ import annotations

__all__ = ["lexicon_dir", "seeds_dir"]

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    packaged = _PACKAGE / "_bundled" / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"bundled folder {name!r} not found (looked in {packaged} and {checkout}); reinstall phrasewatch"
    )


def lexicon_dir() -> Path:
    """Folder of the bundled lexicons (``ccdm.yaml`` …)."""
    return _find("lexicons")


def seeds_dir() -> Path:
    """Folder of the bundled sample corpus scanned when no path is given."""
    return _find("seeds")

"""Shared fixtures. Real corpora live in ../shared/corpora beside the project, or
wherever the PHRASEWATCH_CORPORA environment variable points; tests that need them skip
with a reason when there are none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import phrasewatch

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# a clone elsewhere (CI, a laptop) names its copy of the corpora by the variable
CORPORA = Path(os.environ.get("PHRASEWATCH_CORPORA") or ROOT.parent / "shared" / "corpora")


@pytest.fixture(scope="session")
def mini_lexicon():
    """A small lexicon written for the tests (tests/fixtures/mini.yaml)."""
    return phrasewatch.load_lexicon(FIXTURES / "mini.yaml")


@pytest.fixture(scope="session")
def lexicon():
    """The bundled ccdm lexicon."""
    return phrasewatch.load_lexicon()


@pytest.fixture(scope="session")
def corpora() -> Path:
    """$PHRASEWATCH_CORPORA or ../shared/corpora, or a skip saying why it is needed."""
    if not CORPORA.is_dir():
        pytest.skip(f"real corpora not found at {CORPORA} (set PHRASEWATCH_CORPORA to their folder, "
                    "or put them beside the project in ../shared/corpora; a fresh clone has none)")
    return CORPORA

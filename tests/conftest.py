"""Shared fixtures. Real corpora live in ../shared/corpora beside the project; tests
that need them skip with a reason when a clone has none."""

from __future__ import annotations

from pathlib import Path

import pytest

import phrasewatch

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPORA = ROOT.parent / "shared" / "corpora"


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
    """../shared/corpora, or a skip saying why it is needed."""
    if not CORPORA.is_dir():
        pytest.skip(f"real corpora not found at {CORPORA} (they sit beside the project in ../shared; a fresh clone has none)")
    return CORPORA

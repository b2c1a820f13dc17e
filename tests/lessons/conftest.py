"""Fixtures for the lesson tests: the real analysis engine and the articles to analyse.

The engine builds its morphology database once into ``.cache/test-nlp`` (shared with the NLP
tests) and reuses it, so only the first run pays for the build.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from learn.nlp.engine import Engine, get_engine
from learn.nlp.types import AnalyzedText

ROOT = Path(__file__).resolve().parents[2]
NLP_TEST_DATA_DIR = ROOT / ".cache" / "test-nlp"
ARTICLES = Path(__file__).resolve().parent / "articles"
SEED = ROOT / "seeds" / "russia-iran-treaty.ar.txt"
# Articles written for these tests: an agreement signed by two ministers, sanctions
# announced, a summit, an election result, a ceasefire and a trade deal.
OWN_ARTICLES = ("ministers-agreement", "sanctions", "summit", "election", "ceasefire", "trade-deal")


@pytest.fixture(scope="session")
def engine() -> Engine:
    return get_engine(NLP_TEST_DATA_DIR).load()


@cache
def _analysis(engine: Engine, path: Path) -> AnalyzedText:
    return engine.analyze(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def analyse(engine: Engine) -> Callable[[str], AnalyzedText]:
    """Analyse an article by name ("seed" or one of OWN_ARTICLES), once per session."""

    def run(name: str) -> AnalyzedText:
        path = SEED if name == "seed" else ARTICLES / f"{name}.ar.txt"
        return _analysis(engine, path)

    return run


@pytest.fixture(scope="session")
def analyse_text(engine: Engine) -> Callable[[str], AnalyzedText]:
    return engine.analyze

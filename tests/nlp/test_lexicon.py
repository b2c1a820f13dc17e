"""The overlay lexicon file, its parser, multiword matching and correction precedence."""

from __future__ import annotations

import pytest

from learn.nlp.lexicon import Correction, LexEntry, Lexicon, OverlayFormatError, parse_overlay
from learn.nlp.morphology.arabic import canonical_marks as c


def test_bundled_overlay_covers_current_affairs_names() -> None:
    lexicon = Lexicon.load()
    assert len(lexicon) >= 300
    expected = {
        "بيزشكيان": ("Pezeshkian", "PERSON"),
        "ترامب": ("Trump", "PERSON"),
        "بيسكوف": ("Peskov", "PERSON"),
        "البريكس": ("BRICS", "ORGANIZATION"),
        "كازان": ("Kazan", "LOCATION"),
        "الكرملين": ("Kremlin", "ORGANIZATION"),
        "الناتو": ("NATO", "ORGANIZATION"),
        "أوبك": ("OPEC", "ORGANIZATION"),
    }
    for surface, (gloss, entity) in expected.items():
        entry = lexicon.lookup(surface)
        assert entry is not None, surface
        assert (entry.gloss, entry.entity, entry.source) == (gloss, entity, "overlay")
    assert Lexicon.load() is lexicon  # parsed once per process


def test_every_overlay_entry_is_well_formed() -> None:
    for entry in Lexicon.load().entries:
        assert entry.surface and entry.lemma and entry.pos and entry.gloss
        assert entry.entity in {None, "PERSON", "LOCATION", "ORGANIZATION"}
        assert entry.root is None or all(len(r) == 1 for r in entry.root.split("."))


def test_parser_skips_comments_and_accepts_missing_trailing_columns() -> None:
    entries = parse_overlay(
        [
            "# a comment",
            "",
            "زخم\tزَخَم\tnoun\tmomentum;  impetus\tز.خ.م",
            "بيونغ   يانغ\tبْيُونْغ يانْغ\tnoun_prop\tPyongyang\t\tlocation",
        ]
    )
    assert entries == [
        LexEntry("زخم", c("زَخَم"), "noun", "momentum; impetus", "ز.خ.م", None),
        LexEntry("بيونغ يانغ", c("بْيُونْغ يانْغ"), "noun_prop", "Pyongyang", None, "LOCATION"),
    ]


@pytest.mark.parametrize(
    "line", ["زخم\tزَخَم\tnoun", "زخم\t\tnoun\tmomentum", "زخم\tزَخَم\tnoun\tmomentum\t\tPLACE"]
)
def test_parser_rejects_malformed_lines(line: str) -> None:
    with pytest.raises(OverlayFormatError):
        parse_overlay([line])


def test_lookup_ignores_diacritics_hamza_spelling_and_proclitics() -> None:
    lexicon = Lexicon((LexEntry("الكرملين", "الكْرِمْلِين", "noun_prop", "Kremlin"),
                       LexEntry("أوبك", "أُوبِك", "noun_prop", "OPEC")))  # fmt: skip
    for word in ("الكرملين", "بالكرملين", "للكرملين", "والكرملين", "الكِرْمِلِين"):
        assert lexicon.lookup(word) is not None, word
    for word in ("اوبك", "وأوبك", "لأوبك"):
        assert lexicon.lookup(word) is not None, word
    assert lexicon.lookup("كرملينات") is None


def test_longest_multiword_entry_wins_and_its_first_word_may_carry_clitics() -> None:
    nations = LexEntry("الأمم", "أُمَم", "noun", "nations")
    united = LexEntry("الأمم المتحدة", "الأُمَم المُتَّحِدَة", "noun_prop", "United Nations")
    lexicon = Lexicon((nations, united))
    words = ["قالت", "والأمم", "المتحدة", "أمس"]
    entry, size = lexicon.match(words, 1) or (None, 0)
    assert entry is not None and (entry.gloss, size) == ("United Nations", 2)
    assert lexicon.match(["الأمم", "الفقيرة"], 0) == (nations, 1)
    assert lexicon.match(words, 0) is None


def test_corrections_override_the_overlay_by_surface_and_by_lemma() -> None:
    base = Lexicon((LexEntry("ترامب", "تْرامْب", "noun_prop", "Trump", None, "PERSON"),))
    fixed = base.with_corrections(
        [{"surface": "ترامب", "gloss": "Donald Trump"}, {"match_lemma": "وَقَّع", "gloss": "sign"}]
    )
    entry = fixed.lookup("وترامب")
    assert entry is not None
    assert (entry.gloss, entry.lemma, entry.entity, entry.source) == (
        "Donald Trump", c("تْرامْب"), "PERSON", "correction",
    )  # fmt: skip
    assert fixed.lemma_correction("وَقَّع") == Correction(match_lemma="وَقَّع", gloss="sign")
    assert fixed.lemma_correction("وقع") is not None  # diacritics are ignored
    assert base.lookup("ترامب").source == "overlay"  # type: ignore[union-attr]
    assert base.lemma_correction("وقع") is None


def test_a_correction_for_an_unknown_word_creates_an_entry() -> None:
    fixed = Lexicon().with_corrections(
        [Correction(surface="سناب", lemma="سْناب", pos="noun_prop", gloss="Snap")]
    )
    entry = fixed.lookup("سناب")
    assert entry is not None and (entry.lemma, entry.pos, entry.source) == (
        "سْناب",
        "noun_prop",
        "correction",
    )

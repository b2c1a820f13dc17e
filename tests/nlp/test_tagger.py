"""The tagger on real analyses from the built DB: senses in context, clitics, odd input,
overlay and correction precedence, and the per-surface cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from learn.nlp.lexicon import Correction, Lexicon
from learn.nlp.morphology.arabic import canonical_marks as c
from learn.nlp.morphology.arabic import dediac
from learn.nlp.tagger import Tagger, WordAnalysis, transliterate, word_kind

SEED = Path(__file__).resolve().parents[2] / "seeds" / "russia-iran-treaty.ar.txt"


def tokenize(text: str) -> list[str]:
    from camel_tools.tokenizers.word import simple_word_tokenize

    return list(simple_word_tokenize(text))


def by_surface(analyses: list[WordAnalysis]) -> dict[str, WordAnalysis]:
    return {a.surface: a for a in analyses}


def test_waqqa_before_a_treaty_means_sign_in_the_seed(tagger: Tagger) -> None:
    first_sentence = SEED.read_text(encoding="utf-8").split("\n")[0]
    words = tokenize(first_sentence)
    result = tagger.tag(words)
    assert len(result) == len(words)
    signed = by_surface(result)["وقع"]
    assert signed.pos == "verb"
    assert signed.gloss.split(";")[0] == "sign"
    assert signed.lemma == c("وَقَّع")
    assert signed.root == "و.ق.ع"


def test_waqa_without_a_document_object_keeps_its_commonest_sense(tagger: Tagger) -> None:
    happened = tagger.tag(["وقع", "الحادث", "في", "المدينة"])[0]
    assert happened.lemma == c("وَقَع")
    assert "take place" in happened.gloss


def test_treaty_is_a_noun_with_its_vocalized_lemma(tagger: Tagger) -> None:
    treaty = tagger.tag(["اتفاقية"])[0]
    assert treaty.pos == "noun"
    assert treaty.lemma == c("اِتِّفاقِيَّة")
    assert "treaty" in treaty.gloss
    assert treaty.root == "و.ف.ق"
    assert treaty.source == "lex"


@pytest.mark.parametrize(
    ("word", "lemma", "pos"),
    [
        ("وبالاتفاقية", "اِتِّفاقِيَّة", "noun"),  # and + with + the + treaty
        ("شراكتهما", "شِراكَة", "noun"),  # partnership + their (dual)
        ("ويقول", "قال", "verb"),  # and + he says: the perfective 3ms lemma
        ("والتعليم", "تَعْلِيم", "noun"),
    ],
)
def test_clitic_words_get_the_lemma_of_their_content_part(
    tagger: Tagger, word: str, lemma: str, pos: str
) -> None:
    analysis = tagger.tag([word])[0]
    assert (analysis.lemma, analysis.pos) == (c(lemma), pos)


def test_adjective_agrees_with_the_noun_before_it(tagger: Tagger) -> None:
    result = tagger.tag(["الرئيس", "الروسي"])
    assert [a.pos for a in result] == ["noun", "adj"]
    assert result[1].gloss == "Russian"


def test_verb_after_lam_and_nominal_after_a_preposition(tagger: Tagger) -> None:
    assert tagger.tag(["لم", "يوقع"])[1].pos == "verb"
    assert tagger.tag(["في", "مواجهة"])[1].pos == "noun"


def test_empty_input_gives_no_analyses(tagger: Tagger) -> None:
    assert tagger.tag([]) == []


@pytest.mark.parametrize(
    ("word", "pos"),
    [("2022", "digit"), ("٢٠٢٢", "digit"), ("22،15", "digit"), ("ب300", "digit"),
     ("وبـ٥", "digit"), ("Reuters", "foreign"), ("،", "punc"), ("«", "punc"), ("...", "punc")],
)  # fmt: skip
def test_non_arabic_tokens_are_classified(tagger: Tagger, word: str, pos: str) -> None:
    analysis = tagger.tag([word])[0]
    assert (analysis.surface, analysis.pos, analysis.source) == (word, pos, "rule")
    assert analysis.lemma == ("" if pos == "punc" else word)
    assert word_kind(word) == {"digit": "digit", "foreign": "foreign", "punc": "punc"}[pos]


def test_fully_diacritized_input_selects_the_matching_analysis(tagger: Tagger) -> None:
    signed = tagger.tag(["وَقَّعَ"])[0]
    assert signed.lemma == c("وَقَّع") and signed.gloss == "sign"
    fell = tagger.tag(["وَقَعَ"])[0]
    assert fell.lemma == c("وَقَع")


def test_unknown_arabic_word_backs_off_to_a_proper_noun(tagger: Tagger) -> None:
    analysis = tagger.tag(["وكاتزنبرغ"])[0]
    assert analysis.pos == "noun_prop" and analysis.is_proper
    assert analysis.source == "backoff"
    assert analysis.lemma == "كاتزنبرغ"  # the conjunction is split off
    assert analysis.gloss == transliterate("كاتزنبرغ") and analysis.gloss[0].isupper()


def test_overlay_names_win_over_bama_and_carry_entity_types(tagger: Tagger) -> None:
    result = by_surface(tagger.tag(["بيزشكيان", "بالكرملين", "ترامب"]))
    assert (result["بيزشكيان"].gloss, result["بيزشكيان"].entity) == ("Pezeshkian", "PERSON")
    assert result["بالكرملين"].gloss == "Kremlin" and result["بالكرملين"].source == "overlay"
    assert result["ترامب"].pos == "noun_prop"


def test_multiword_overlay_entries_cover_every_word(tagger: Tagger) -> None:
    result = tagger.tag(["مع", "بيونغ", "يانغ", "."])
    assert [a.gloss for a in result[1:3]] == ["Pyongyang", "Pyongyang"]
    assert all(a.entity == "LOCATION" for a in result[1:3])
    assert [a.pos for a in (result[0], result[3])] == ["prep", "punc"]


def test_corrections_win_over_overlay_and_bama(tagger: Tagger) -> None:
    corrected = tagger.with_corrections(
        [
            {"surface": "بيزشكيان", "gloss": "Masoud Pezeshkian (president of Iran)"},
            Correction(match_lemma="اتفاقية", gloss="agreement; treaty"),
        ]
    )
    result = by_surface(corrected.tag(["بيزشكيان", "اتفاقية", "بوتين"]))
    assert result["بيزشكيان"].source == "correction"
    assert result["بيزشكيان"].gloss == "Masoud Pezeshkian (president of Iran)"
    assert result["بيزشكيان"].entity == "PERSON"  # kept from the overlay entry
    assert (result["اتفاقية"].gloss, result["اتفاقية"].source) == (
        "agreement; treaty",
        "correction",
    )
    assert result["بوتين"].source == "overlay"
    assert tagger.tag(["بيزشكيان"])[0].source == "overlay"  # the original tagger is unchanged


def test_a_tagger_with_an_empty_lexicon_falls_back_to_bama(tagger: Tagger) -> None:
    bare = tagger.with_lexicon(Lexicon())
    assert bare.tag(["بوتين"])[0].source != "overlay"


def test_repeated_words_are_served_from_the_cache(tagger: Tagger) -> None:
    first = tagger.candidates("المعاهدة")
    assert tagger.candidates("المعاهدة") is first
    a, b = tagger.tag(["المعاهدة", "المعاهدة"])
    assert a == b and a.lemma == c("مُعاهَدَة")


def test_every_seed_word_gets_an_analysis(tagger: Tagger) -> None:
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        words = tokenize(line)
        result = tagger.tag(words)
        assert [a.surface for a in result] == words
        for analysis in result:
            if analysis.pos not in {"punc", "digit", "foreign"}:
                assert analysis.lemma and analysis.gloss, analysis


def test_tagger_uses_the_given_data_folder(nlp_data_dir: Path) -> None:
    assert Tagger(nlp_data_dir).data_dir == nlp_data_dir
    assert dediac(c("وَقَّع")) == "وقع"


def test_an_installed_official_db_and_mle_model_are_preferred(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in for camel-tools' own data folder: its catalogue, a calima-msa-r13 DB (our
    # DB file, as the real one cannot be downloaded here) and a one-word MLE model.
    root = tmp_path / "camel_tools_home"
    official = root / "data" / "morphology_db" / "calima-msa-r13" / "morphology.db"
    model = root / "data" / "disambig_mle" / "calima-msa-r13" / "model.json"
    official.parent.mkdir(parents=True)
    model.parent.mkdir(parents=True)
    shutil.copy(db_path, official)
    (root / "catalogue.json").write_text("{}", encoding="utf-8")
    model.write_text(json.dumps({"وقع": {"lex": "وَقْع_1", "pos": "noun"}}), encoding="utf-8")
    monkeypatch.setenv("CAMELTOOLS_DATA", str(root))

    tagger = Tagger(tmp_path / "app_data").load()
    assert tagger.db_path == official
    assert not (tmp_path / "app_data" / "sahifa-bama").exists()  # nothing built
    impact = tagger.tag(["وقع"])[0]
    assert (impact.lemma, impact.pos) == (c("وَقْع"), "noun")  # the model's reading wins


def test_the_next_word_puts_the_fitting_sense_first(tagger: Tagger) -> None:
    firing = tagger.tag(["إطلاق", "النار"])[0]
    release = tagger.tag(["إطلاق", "سراح", "الرهائن"])[0]
    assert firing.lemma == release.lemma == c("إِطْلاق")
    assert firing.gloss.startswith("firing")
    assert release.gloss.startswith("release")


def test_the_cache_is_bounded(tagger: Tagger, monkeypatch: pytest.MonkeyPatch) -> None:
    import learn.nlp.tagger as tagger_module

    fresh = tagger.with_lexicon(tagger.lexicon)
    fresh._cache = {}
    monkeypatch.setattr(tagger_module, "CACHE_LIMIT", 3)
    for word in ("كتاب", "قلم", "بيت", "باب", "شمس"):
        assert fresh.candidates(word)
        assert len(fresh._cache) <= 3


@pytest.mark.parametrize(
    ("word", "lemma", "pos"),
    [
        ("لكن", "لٰكِن", "conj"),  # not li + kunna "for you (fem. pl.)"
        ("لكنها", "لٰكِنَّ", "conj"),  # not la + kunna + ha "they would be it"
        ("سوف", "سَوْفَ", "part_fut"),
        ("أيضا", "أَيْضًا", "adv"),  # overlay: the priors favour a rare noun
    ],
)
def test_frequent_function_words_get_their_common_reading(
    tagger: Tagger, word: str, lemma: str, pos: str
) -> None:
    analysis = tagger.tag([word])[0]
    assert (analysis.lemma, analysis.pos) == (c(lemma), pos)


def test_year_is_a_noun_in_last_year(tagger: Tagger) -> None:
    year = tagger.tag(["في", "العام", "الماضي"])[1]
    assert (year.lemma, year.pos, year.gloss) == ("عام", "noun", "year")


def test_overlay_words_show_their_own_letters_with_their_vowels(tagger: Tagger) -> None:
    # The overlay vocalizes lemmas only: an inflected form takes the vowels of BAMA's
    # analysis with the same lemma (never another word's letters); a word written as its
    # lemma gets the lemma's vowels, with its proclitics vocalized.
    plural, name, with_and = tagger.tag(["العقوبات", "بوتين", "وبوتين"])
    assert (plural.diac, plural.lemma) == (c("العُقُوبَات"), "عُقُوبَة")
    assert dediac(plural.diac) == "العقوبات"
    assert name.diac == name.lemma != "بوتين"
    assert with_and.diac == "وَ" + name.lemma

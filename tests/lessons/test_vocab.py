"""Vocabulary lists and the people & places list, on real articles through the real engine."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from learn.lessons.names import clean_analysis
from learn.lessons.text import bare, first_sense
from learn.lessons.vocab import (
    FrequencyBands,
    RankingConfig,
    build_people_places,
    build_vocab,
    load_domains,
    parse_domain_lines,
)
from learn.nlp.types import CONTENT_POS
from tests.lessons.conftest import OWN_ARTICLES

ALL = ("seed", *OWN_ARTICLES)


@pytest.mark.parametrize("name", ALL)
def test_one_entry_per_lemma_with_its_forms_and_examples(analyse, name) -> None:  # type: ignore[no-untyped-def]
    analyzed = analyse(name)
    vocab = build_vocab(analyzed)
    assert len(vocab) > 30
    keys = [(bare(v.lemma), v.pos) for v in vocab]
    assert len(keys) == len(set(keys)), "a lemma is listed twice"
    assert [v.rank for v in vocab] == list(range(1, len(vocab) + 1))
    for v in vocab:
        assert v.pos in CONTENT_POS and v.pos not in {"noun_prop", "noun_num", "noun_quant"}
        assert v.count >= len(set(v.forms)) >= 1
        assert all(f in analyzed.text for f in v.forms)
        assert 1 <= len(v.examples) <= 2
        for ex in v.examples:
            assert ex.covered in v.forms  # the span is the word in its sentence
            assert ex.text in analyzed.text


@pytest.mark.parametrize("name", ALL)
def test_function_words_numbers_and_names_are_left_out(analyse, name) -> None:  # type: ignore[no-untyped-def]
    analyzed = analyse(name)
    lemmas = {bare(v.lemma) for v in build_vocab(analyzed)}
    for function_word in ("في", "من", "على", "الى", "ان", "الذي", "كل", "بعد", "هذا"):
        assert function_word not in lemmas
    vocab = build_vocab(analyzed)
    forms = {f for v in vocab for f in v.forms}
    assert not any(any(c.isdigit() for c in f) for f in forms)
    cleaned = clean_analysis(analyzed).entities
    names = [
        (e.sentence, e.start, e.end)
        for e in cleaned
        if e.type in {"PERSON", "LOCATION", "ORGANIZATION"}
    ]
    sentences = analyzed.sentences
    for v in vocab:
        for ex in v.examples:
            at = sentences[ex.sentence].start + ex.start
            assert not any(s == ex.sentence and a <= at < b for s, a, b in names), v.lemma


def test_counts_add_up_to_the_content_tokens(analyse) -> None:  # type: ignore[no-untyped-def]
    from learn.lessons.vocab import is_vocab_token

    analyzed = analyse("seed")
    vocab = build_vocab(analyzed)
    kinds = {"PERSON", "LOCATION", "ORGANIZATION"}
    names = [(e.start, e.end) for e in clean_analysis(analyzed).entities if e.type in kinds]
    expected = sum(
        1 for t in analyzed.tokens if is_vocab_token(t, any(s <= t.start < e for s, e in names))
    )
    assert sum(v.count for v in vocab) == expected


def test_seed_words_of_political_arabic_are_tagged_and_ranked_high(analyse) -> None:  # type: ignore[no-untyped-def]
    vocab = build_vocab(analyse("seed"))
    by_lemma = {bare(v.lemma): v for v in vocab}
    treaty = by_lemma["معاهده"]
    assert treaty.domain == "politics"
    assert treaty.count >= 5 and "treaty" in treaty.gloss
    assert by_lemma["عقوبه"].domain == "politics"
    # Domain and mid-frequency words come before very common general words.
    top = vocab[:15]
    assert all(v.domain != "general" or v.band == "mid" for v in top)
    common_general = [v for v in vocab if v.domain == "general" and v.band == "very_common"]
    assert common_general and min(v.rank for v in common_general) > 30


def test_gloss_puts_the_sense_used_in_the_article_first(analyse) -> None:  # type: ignore[no-untyped-def]
    analyzed = analyse("seed")
    vocab = build_vocab(analyzed)
    for v in vocab[:30]:
        token_firsts = [
            first_sense(t.gloss)
            for t in analyzed.tokens
            if t.lemma and bare(t.lemma) == bare(v.lemma) and t.pos == v.pos
        ]
        # Most often chosen first; on a tie, the one seen first.
        assert first_sense(v.gloss) == Counter(token_firsts).most_common(1)[0][0]


def test_frequency_bands_follow_zipf(analyse) -> None:  # type: ignore[no-untyped-def]
    bands = FrequencyBands()
    assert [bands.band(z) for z in (6.0, 4.5, 3.5, 2.0)] == ["very_common", "common", "mid", "rare"]
    for v in build_vocab(analyse("sanctions")):
        assert v.band == bands.band(v.zipf)
        assert 0 <= v.zipf < 8


def test_ranking_is_configurable(analyse) -> None:  # type: ignore[no-untyped-def]
    analyzed = analyse("election")
    default = build_vocab(analyzed)
    # A teacher who only cares about frequency: domains weigh nothing, very common words first.
    config = RankingConfig.from_dict(
        {
            "domain_weights": dict.fromkeys(("politics", "military", "economy", "law"), 0.0),
            "band_weights": {"very_common": 5.0, "common": 0.0, "mid": 0.0, "rare": 0.0},
        }
    )
    plain = build_vocab(analyzed, config)
    assert [v.lemma for v in plain] != [v.lemma for v in default]
    assert plain[0].band == "very_common"
    assert default[0].domain != "general"


def test_teachers_extend_the_domain_list(analyse, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    analyzed = analyse("election")
    before = {bare(v.lemma): v.domain for v in build_vocab(analyzed)}
    general = next(k for k, d in before.items() if d == "general")
    extra = tmp_path / "my-domains.tsv"
    extra.write_text(f"# my list\nlaw\tlemma\t{general}\n", encoding="utf-8")
    after = {
        bare(v.lemma): v.domain
        for v in build_vocab(analyzed, RankingConfig(extra_domains=(str(extra),)))
    }
    assert after[general] == "law"


def test_domain_lines_are_validated() -> None:
    assert parse_domain_lines(["# c", "", "economy\tgloss\ttariff"]) == [
        ("economy", "gloss", "tariff")
    ]
    with pytest.raises(ValueError, match="line 1"):
        parse_domain_lines(["sports\tgloss\tfootball"])
    domains = load_domains()
    assert domains.domain_of("جَيْش", "army") == "military"
    assert domains.domain_of("كِتاب", "book") == "general"
    assert domains.domain_of("x", "levy; customs duty") == "economy"


@pytest.mark.parametrize("name", ALL)
def test_people_and_places_are_listed_apart(analyse, name) -> None:  # type: ignore[no-untyped-def]
    analyzed = analyse(name)
    people = build_people_places(analyzed)
    assert people
    assert {p.type for p in people} <= {"PERSON", "LOCATION", "ORGANIZATION"}
    names = [(p.type, bare(p.name)) for p in people]
    assert len(names) == len(set(names))
    for p in people:
        assert p.count >= 1 and p.forms
        for ex in p.examples:
            assert ex.covered in p.forms


def test_seed_people_are_named_in_full(analyse) -> None:  # type: ignore[no-untyped-def]
    people = {p.name: p for p in build_people_places(analyse("seed"))}
    assert "فلاديمير بوتين" in people and people["فلاديمير بوتين"].count >= 4
    assert people["فلاديمير بوتين"].type == "PERSON"
    assert "مسعود بيزشكيان" in people
    assert "بوتين" not in people  # the short mention is the same person

"""The Engine end to end, with the real tagger and database (no mocks)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learn.nlp import ENTITY_TYPES, AnalyzedText, Engine, TextError, get_engine
from learn.nlp.morphology.arabic import normalize_key
from learn.nlp.text import has_arabic
from tests.conftest import NLP_TEST_DATA_DIR

SEED = Path(__file__).resolve().parents[2] / "seeds" / "russia-iran-treaty.ar.txt"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return get_engine(NLP_TEST_DATA_DIR).load()


@pytest.fixture(scope="module")
def seed(engine: Engine) -> AnalyzedText:
    return engine.analyze(SEED.read_text(encoding="utf-8"))


def assert_consistent(analysed: AnalyzedText) -> None:
    """Every offset refers to the text as given; indices are dense and ordered."""
    text = analysed.text
    last_end = 0
    for s_index, sent in enumerate(analysed.sentences):
        assert sent.index == s_index
        assert text[sent.start : sent.end] == sent.text
        for t_index, tok in enumerate(sent.tokens):
            assert (tok.sentence, tok.index) == (s_index, t_index)
            assert text[tok.start : tok.end] == tok.surface
            assert tok.start >= last_end
            last_end = tok.end
    for ent in analysed.entities:
        assert text[ent.start : ent.end] == ent.text
    for quote in analysed.quotations:
        assert text[quote.start : quote.end] == quote.text


# ------------------------------------------------------------------ the seed


def test_seed_offsets_and_dateline(seed: AnalyzedText) -> None:
    assert_consistent(seed)
    first = seed.sentences[0]
    assert first.dateline_end is not None
    assert seed.text[first.start : first.dateline_end] == "موسكو (أ ف ب) –"
    assert seed.meta["dateline"] == "موسكو (أ ف ب) –"


@pytest.mark.parametrize(
    "name",
    ["بوتين", "بيزشكيان", "ترامب", "بيسكوف", "الأسد", "بوش", "جون جامبريل", "ناصر كريمي"],
)
def test_seed_people_are_persons(seed: AnalyzedText, name: str) -> None:
    people = [e for e in seed.entities if e.type == "PERSON"]
    assert any(name in e.text for e in people), f"{name} not found among {people}"
    # Every token of the name is labelled PERSON too.
    for ent in people:
        if name in ent.text:
            covered = [t for t in seed.tokens if ent.start < t.end and t.start < ent.end]
            assert covered and all(t.entity == "PERSON" for t in covered)


def test_seed_later_mentions_share_the_full_names_key(seed: AnalyzedText) -> None:
    putin = [e for e in seed.entities if e.type == "PERSON" and "بوتين" in e.text]
    assert len(putin) >= 4
    assert {e.key for e in putin} == {"فلاديمير بوتين"}
    assert putin[0].title == "الرئيس الروسي" and putin[0].gloss == "Vladimir Putin"
    pezeshkian = {e.key for e in seed.entities if "بيزشكيان" in e.text}
    assert pezeshkian == {"مسعود بيزشكيان"}  # including the clitic form ببيزشكيان
    assert {e.key for e in seed.entities if e.text == "الأسد"} == {"بشار الاسد"}


def test_seed_counterpart_gets_the_office(seed: AnalyzedText) -> None:
    first = next(e for e in seed.entities if e.text == "مسعود بيزشكيان")
    assert first.title == "الرئيس الإيراني"


def test_seed_twenty_year_treaty_is_a_duration(seed: AnalyzedText) -> None:
    durations = [e for e in seed.entities if e.type == "DURATION"]
    assert [(e.text, e.key) for e in durations] == [("العشرين عاما", "20 year")]


def test_seed_dates(seed: AnalyzedText) -> None:
    dates = {(e.text, e.key) for e in seed.entities if e.type == "DATE"}
    assert {
        ("يوم الجمعة", "friday"),
        ("يوم الاثنين", "monday"),
        ("العام الماضي", "last year"),
        ("فبراير 2022", "2022-02"),
        ("عام 1991", "1991"),
    } <= dates


def test_seed_places_and_organisations(seed: AnalyzedText) -> None:
    places = {e.key for e in seed.entities if e.type == "LOCATION"}
    assert {"موسكو", "طهران", "روسيا", "ايران", "اوكرانيا", "غزه"} <= places
    orgs = {e.key for e in seed.entities if e.type == "ORGANIZATION"}
    assert {"الكرملين", "حماس", "حزب الله", "البريكس"} <= orgs
    # Clitics stay out of names: "لروسيا" and "وطهران" are Russia and Tehran as written.
    for ent in seed.entities:
        if ent.type in {"LOCATION", "ORGANIZATION"}:
            assert normalize_key(ent.text) == ent.key


def test_seed_quotation_speakers(seed: AnalyzedText) -> None:
    by_start = {q.text.split()[0]: q for q in seed.quotations}
    breakthrough = next(q for q in seed.quotations if q.text.startswith("اختراق حقيقي"))
    assert breakthrough.speaker is not None
    assert breakthrough.speaker.key == "فلاديمير بوتين"
    # "وقال الرئيس الإيراني: “…”" — a title the text gave Pezeshkian.
    chapter = next(q for q in seed.quotations if q.text.startswith("إننا نشهد"))
    assert chapter.speaker is not None and chapter.speaker.key == "مسعود بيزشكيان"
    # "وقال: «…»" after Pezeshkian spoke: the same speaker.
    assert by_start["نحن"].speaker is not None
    assert by_start["نحن"].speaker.key == "مسعود بيزشكيان"
    # A name for a treaty, quoted after "officials say", has no speaker.
    treaty = next(q for q in seed.quotations if q.text.startswith("معاهدة الشراكة"))
    assert treaty.speaker is None


def test_seed_sign_is_glossed_sign(seed: AnalyzedText) -> None:
    waqqa = next(t for t in seed.sentences[0].tokens if t.surface == "وقع")
    assert waqqa.pos == "verb"
    assert waqqa.gloss.split(";")[0].strip() == "sign"


def test_token_fields_follow_the_contract(seed: AnalyzedText) -> None:
    for tok in seed.tokens:
        assert tok.pos
        assert tok.root is None or all(len(r) == 1 for r in tok.root.split("."))
        assert tok.entity is None or tok.entity in ENTITY_TYPES
        if tok.pos == "punc":
            assert tok.lemma == "" and tok.entity is None


# --------------------------------------------------------------- edge cases


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("Only Latin text here.", "no Arabic"),
        ("وقع".encode() + b"\xc3\x28", "not valid UTF-8"),
    ],
)
def test_bad_input_raises_text_error(engine: Engine, data: str | bytes, message: str) -> None:
    with pytest.raises(TextError, match=message):
        engine.analyze(data)


def test_one_megabyte_is_refused_clearly(engine: Engine) -> None:
    text = ("وقع الرئيس اتفاقية جديدة. " * 40_000)[:1_000_000]
    with pytest.raises(TextError, match=r"too long \(1,000,000 characters"):
        engine.analyze(text)


def test_a_small_limit_is_configurable(engine: Engine) -> None:
    small = Engine(NLP_TEST_DATA_DIR, max_chars=10)
    with pytest.raises(TextError, match="too long"):
        small.analyze("وقع الرئيس اتفاقية جديدة")


def test_mixed_latin_arabic(engine: Engine) -> None:
    analysed = engine.analyze("قالت وكالة Reuters إن NATO اجتمعت في بروكسل.")
    assert_consistent(analysed)
    pos = {t.surface: t.pos for t in analysed.tokens}
    assert pos["Reuters"] == "foreign" and pos["NATO"] == "foreign"
    assert pos["."] == "punc"
    assert any(e.type == "LOCATION" and e.text == "بروكسل" for e in analysed.entities)


def test_fully_diacritized_text(engine: Engine) -> None:
    text = "وَقَّعَ الرَّئِيسُ الاتِّفَاقِيَّةَ فِي مُوسْكُو."
    analysed = engine.analyze(text)
    assert_consistent(analysed)
    assert analysed.tokens[0].surface == "وَقَّعَ"
    assert analysed.tokens[0].pos == "verb"
    assert any(e.type == "LOCATION" and e.text == "مُوسْكُو" for e in analysed.entities)


def test_arabic_indic_digits_are_numbers_and_dates(engine: Engine) -> None:
    text = "وقعت ١٢ دولة الاتفاق في ١٥ يوليو ٢٠٢٤ لمدة ١٠ سنوات."
    analysed = engine.analyze(text)
    assert_consistent(analysed)
    found = {(e.type, e.text, e.key) for e in analysed.entities}
    assert ("NUMBER", "١٢", "12") in found
    assert ("DATE", "١٥ يوليو ٢٠٢٤", "2024-07-15") in found
    assert ("DURATION", "لمدة ١٠ سنوات", "10 year") in found
    digits = next(t for t in analysed.tokens if t.surface == "١٢")
    assert digits.pos == "digit" and digits.entity == "NUMBER"


def test_tatweel_and_bidi_marks_do_not_shift_offsets(engine: Engine) -> None:
    text = "\u200fقال الرئيـــس الروسي فلاديمير بوتين إن الاتفاق مهم."
    analysed = engine.analyze(text)
    assert_consistent(analysed)
    putin = next(e for e in analysed.entities if e.type == "PERSON")
    assert putin.text == "فلاديمير بوتين"
    assert putin.title == "الرئيـــس الروسي"  # the title as written, tatweel included


def test_corrections_apply_to_one_call_only(engine: Engine) -> None:
    text = "وقع الرئيس الاتفاقية."
    fixed = engine.analyze(text, corrections=[{"surface": "الاتفاقية", "gloss": "the pact"}])
    assert next(t for t in fixed.tokens if t.surface == "الاتفاقية").gloss == "the pact"
    plain = engine.analyze(text)
    assert next(t for t in plain.tokens if t.surface == "الاتفاقية").gloss != "the pact"


def test_get_engine_is_one_per_data_dir_and_thread_safe(tmp_path: Path) -> None:
    assert get_engine(NLP_TEST_DATA_DIR) is get_engine(str(NLP_TEST_DATA_DIR))
    assert get_engine(tmp_path) is not get_engine(NLP_TEST_DATA_DIR)
    engine = get_engine(NLP_TEST_DATA_DIR)
    text = SEED.read_text(encoding="utf-8")
    results: list[AnalyzedText] = []
    threads = [
        threading.Thread(target=lambda: results.append(engine.analyze(text))) for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 3
    assert results[0] == results[1] == results[2]


def test_engine_reads_the_data_dir_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SAHIFA_DATA_DIR", str(tmp_path))
    assert Engine().data_dir == tmp_path
    assert get_engine().data_dir == tmp_path


_WORDS = [
    "قال", "وقال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "ونظيره", "إن", "“", "”", "«", "»",
    ":", "،", ".", "؟", "\n", "يوم", "الجمعة", "15", "١٥", "يوليو", "/", "تموز", "2024", "عام",
    "لمدة", "ثلاثة", "أشهر", "العشرين", "عاما", "مليار", "3.5", "طهران", "وطهران", "حزب", "الله",
    "المتحدث", "باسم", "الكرملين", "أبو", "بن", "عبد", "محمد", "موسكو", "(", ")", "أ", "ف", "ب",
    "–", "وأضاف", "قائلا", "الماضي", "US", "ـ", "\u200f", "وَقَّعَ",
]  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40))
def test_any_news_like_text_analyses_consistently(engine: Engine, words: list[str]) -> None:
    text = " ".join(words)
    if not has_arabic(text):
        return
    analysed = engine.analyze(text)
    assert_consistent(analysed)
    for ent in analysed.entities:
        assert ent.type in ENTITY_TYPES and ent.start < ent.end
    for quote in analysed.quotations:
        assert quote.speaker is None or quote.speaker.type in {"PERSON", "ORGANIZATION"}

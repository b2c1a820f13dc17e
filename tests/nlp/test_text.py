"""Input checks, cleanup with offsets, sentence splitting and tokenization (learn.nlp.text)."""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learn.nlp.text import (
    MAX_CHARS,
    TextError,
    clean,
    decode,
    find_dateline,
    prepare,
    segment,
    split_sentences,
)

SEED = Path(__file__).resolve().parents[2] / "seeds" / "russia-iran-treaty.ar.txt"


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def assert_offsets(text: str) -> None:
    for seg in segment(text):
        assert text[seg.start : seg.end].strip() == text[seg.start : seg.end]
        for tok in seg.tokens:
            assert text[tok.start : tok.end] == tok.surface
            assert seg.start <= tok.start < tok.end <= seg.end


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize("bad", ["", "   \n\t ", b"", b"  "])
def test_empty_text_is_rejected(bad: str | bytes) -> None:
    with pytest.raises(TextError, match="empty"):
        prepare(bad)


@pytest.mark.parametrize("latin", ["Hello world.", "12345", b"Only ASCII here"])
def test_text_without_arabic_is_rejected(latin: str | bytes) -> None:
    with pytest.raises(TextError, match="no Arabic"):
        prepare(latin)


def test_invalid_utf8_is_a_clear_error() -> None:
    data = "وقع الرئيس".encode() + b"\xff\xfe" + "اتفاقية".encode()
    with pytest.raises(TextError, match="not valid UTF-8") as info:
        prepare(data)
    assert "position 19" in str(info.value)


def test_valid_utf8_bytes_are_decoded_unchanged() -> None:
    text = "وقّع الرئيس اتفاقية"
    assert decode(text.encode()) == text
    assert prepare(text.encode()) == text


def test_text_over_the_limit_is_rejected_with_sizes() -> None:
    megabyte = ("وقع الرئيس اتفاقية جديدة. " * 40_000)[:1_000_000]
    with pytest.raises(TextError, match="too long") as info:
        prepare(megabyte)
    assert "1,000,000" in str(info.value) and f"{MAX_CHARS:,}" in str(info.value)
    with pytest.raises(TextError, match="too long"):
        prepare(megabyte.encode())


def test_mixed_latin_and_arabic_is_accepted() -> None:
    assert prepare("قالت وكالة Reuters إن NATO اجتمعت") == "قالت وكالة Reuters إن NATO اجتمعت"


# --------------------------------------------------------------------- cleanup


def test_cleanup_removes_tatweel_and_bidi_marks_but_keeps_offsets() -> None:
    text = "\u200fقال الرئـــيس\u200e إن"
    view = clean(text)
    assert view.text == "قال الرئيس إن"
    start = view.text.index("الرئيس")
    o_start, o_end = view.span(start, start + len("الرئيس"))
    assert text[o_start:o_end] == "الرئـــيس"


def test_cleanup_maps_arabic_indic_digits_and_composes_hamza() -> None:
    text = "عام ٢٠٢٤ و\u0627\u0654حمد"  # alif + combining hamza above -> أ
    view = clean(text)
    assert "2024" in view.text
    assert "أحمد" in view.text
    tokens = [t for seg in segment(text) for t in seg.tokens]
    by_form = {t.form: t for t in tokens}
    assert by_form["2024"].surface == "٢٠٢٤"
    assert text[by_form["وأحمد"].start : by_form["وأحمد"].end] == "و\u0627\u0654حمد"


def test_presentation_forms_are_unfolded() -> None:
    text = "\ufefb\ufe8e"  # lam-alef ligature + alef final form
    view = clean(text + " قال")
    assert view.text.startswith("لاا")
    assert view.span(0, 3) == (0, 2)


def test_fully_diacritized_text_keeps_marks_and_offsets() -> None:
    text = "وَقَّعَ الرَّئِيسُ الرُّوسِيُّ اتِّفَاقِيَّةً جَدِيدَةً."
    assert clean(text).text == text
    tokens = [t.surface for seg in segment(text) for t in seg.tokens]
    assert tokens == ["وَقَّعَ", "الرَّئِيسُ", "الرُّوسِيُّ", "اتِّفَاقِيَّةً", "جَدِيدَةً", "."]


# ---------------------------------------------------------------- sentences


def test_split_on_arabic_and_latin_punctuation() -> None:
    text = "هل وقع الرئيس؟ نعم وقع! ثم سافر؛ وعاد إلى بلاده. انتهى"
    assert sentences(text) == [
        "هل وقع الرئيس؟",
        "نعم وقع!",
        "ثم سافر؛",
        "وعاد إلى بلاده.",
        "انتهى",
    ]


def test_newlines_split_paragraphs() -> None:
    assert sentences("السطر الأول بلا نقطة\nالسطر الثاني\n\nفقرة جديدة.") == [
        "السطر الأول بلا نقطة",
        "السطر الثاني",
        "فقرة جديدة.",
    ]


def test_short_quotation_is_not_split_inside() -> None:
    text = "وقال الوزير: «لن نتراجع. سنواصل العمل» ثم غادر القاعة. وبدأ الاجتماع."
    assert sentences(text) == [
        "وقال الوزير: «لن نتراجع. سنواصل العمل» ثم غادر القاعة.",
        "وبدأ الاجتماع.",
    ]


def test_quotation_ending_a_sentence_keeps_its_closing_mark() -> None:
    text = "وأضاف: “إنهم يأتون من بعيد”. “هذه العلاقات قوية.” وانتهى اللقاء."
    assert sentences(text) == [
        "وأضاف: “إنهم يأتون من بعيد”.",
        "“هذه العلاقات قوية.”",
        "وانتهى اللقاء.",
    ]


def test_straight_quotes_are_paired() -> None:
    text = 'قال إن "الحرب ليست حلا. والسلام ممكن" وغادر. ثم عاد.'
    assert sentences(text) == ['قال إن "الحرب ليست حلا. والسلام ممكن" وغادر.', "ثم عاد."]


def test_abbreviations_and_decimals_do_not_end_sentences() -> None:
    text = "وقال د. أحمد إن النمو بلغ 3.5 في المئة حسب U.S. officials. وأكد ذلك."
    assert sentences(text) == [
        "وقال د. أحمد إن النمو بلغ 3.5 في المئة حسب U.S. officials.",
        "وأكد ذلك.",
    ]


def test_dotted_agency_in_dateline_is_kept_with_first_sentence() -> None:
    text = "القاهرة (أ.ف.ب) - أعلنت الحكومة خطة جديدة. وقال وزير المالية إنها ضرورية."
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == [
        "القاهرة (أ.ف.ب) - أعلنت الحكومة خطة جديدة.",
        "وقال وزير المالية إنها ضرورية.",
    ]
    assert spans[0].dateline_end is not None
    assert text[spans[0].start : spans[0].dateline_end] == "القاهرة (أ.ف.ب) -"
    assert spans[1].dateline_end is None


def test_dateline_on_its_own_line_joins_the_first_sentence() -> None:
    text = "واشنطن (رويترز) -\nفرضت الولايات المتحدة عقوبات جديدة. ورد الطرف الآخر."
    spans = split_sentences(text)
    assert text[spans[0].start : spans[0].end].startswith("واشنطن (رويترز) -\nفرضت")
    assert len(spans) == 2


def test_dateline_after_a_headline() -> None:
    text = "عنوان الخبر هنا\nالقاهرة 15-7 (اف ب)- أعلنت الحكومة خطة. وقال الوزير إنها جيدة."
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == [
        "عنوان الخبر هنا",
        "القاهرة 15-7 (اف ب)- أعلنت الحكومة خطة.",
        "وقال الوزير إنها جيدة.",
    ]
    assert spans[0].dateline_end is None
    assert text[spans[1].start : spans[1].dateline_end] == "القاهرة 15-7 (اف ب)-"
    # A first line that ends a sentence is not a headline.
    assert find_dateline("جملة كاملة.\nالقاهرة (اف ب)- خبر") is None


def test_parenthesis_without_dash_is_not_a_dateline() -> None:
    assert find_dateline("الرئيس جو بايدن (81 عاما) قال إن") is None
    assert find_dateline("قال الوزير (وهو غاضب) إن الأمر انتهى") is None
    assert find_dateline("موسكو (أ ف ب) – وقع الرئيس") == (0, 15)
    assert find_dateline("موسكو 15-7 (اف ب)- علم ان القصف") == (0, 18)


def test_sentence_may_end_with_a_decimal_number() -> None:
    assert sentences("بلغ النمو 3.5. وتراجع التضخم.") == ["بلغ النمو 3.5.", "وتراجع التضخم."]


def test_era_mark_can_end_a_sentence() -> None:
    assert sentences("انهار الاتحاد عام 1991 م. وبعدها تغير كل شيء.") == [
        "انهار الاتحاد عام 1991 م.",
        "وبعدها تغير كل شيء.",
    ]


# -------------------------------------------------------------------- tokens


def test_numbers_stay_whole() -> None:
    text = "بلغ العجز 3.5 مليار و1,000 دولار في ٢٠٢٤."
    forms = [t.form for seg in segment(text) for t in seg.tokens]
    assert "3.5" in forms and "و1,000" in forms and "2024" in forms


def test_mixed_latin_arabic_offsets() -> None:
    text = "قالت وكالة Reuters إن NATO (حلف الناتو) اجتمعت، “وقررت” الرد."
    assert_offsets(text)
    surfaces = [t.surface for seg in segment(text) for t in seg.tokens]
    assert "Reuters" in surfaces and "NATO" in surfaces and "“" in surfaces


def test_seed_article_segments_with_exact_offsets() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert_offsets(text)
    segs = segment(text)
    first = text[segs[0].start : segs[0].end]
    assert first.startswith("موسكو (أ ف ب) – وقع الرئيس الروسي")
    assert first.endswith("اللاذعة.")
    assert segs[0].dateline_end == segs[0].start + len("موسكو (أ ف ب) –")
    # The one-line quotation after وأضاف closes before its own sentence end.
    texts = [text[s.start : s.end] for s in segs]
    assert "“هذه العلاقات سوف تنزع فتيل مؤامرتهم بالتأكيد.”" in texts
    assert len(segs) > 30


def test_a_megabyte_segments_correctly() -> None:
    # segment() itself has no size limit (prepare() enforces one): it must stay correct.
    para = "وقع الرئيس اتفاقية جديدة\u0640 في ١٥ يوليو. وقال: «نحن مستعدون».\n"
    text = para * (1_000_000 // len(para))
    segs = segment(text)
    assert len(segs) == 2 * (1_000_000 // len(para))
    last = segs[-1]
    assert text[last.start : last.end] == "وقال: «نحن مستعدون»."
    assert all(text[t.start : t.end] == t.surface for t in segs[-3].tokens)


# Arabic letters and marks, tatweel, digits of both kinds, Latin, punctuation, quotation
# marks, spaces and newlines, and the invisible characters the cleanup removes.
_ALPHABET = (
    "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئىة"
    "\u064b\u064e\u064f\u0650\u0651\u0652\u0654\u0640"
    "0123456789٠١٢٣٤٥٦٧٨٩abcXYZ"
    ".!?؟؛،,:-–()“”«»\"' \n\u200f\u200e\ufeff\u00a0\ufefb"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=200))
def test_offsets_always_refer_to_the_original(text: str) -> None:
    assert_offsets(text)
    tokens = [t for seg in segment(text) for t in seg.tokens]
    assert all(t.start < t.end for t in tokens)
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))
    # Nothing but whitespace and removed invisible characters is left out of the tokens.
    covered = {i for t in tokens for i in range(t.start, t.end)}
    for i, ch in enumerate(text):
        if i not in covered:
            assert ch.isspace() or ch in "\u200f\u200e\ufeff\u0640" or unicodedata.combining(ch)


def test_a_long_quotation_may_be_split_at_its_sentence_ends() -> None:
    inner = "وهذه جملة طويلة داخل الاقتباس تتحدث عن الاقتصاد والسياسة والمجتمع. " * 6
    text = f"وقال الوزير: «{inner.strip().rstrip('.')}» ثم انصرف."
    parts = sentences(text)
    assert len(parts) > 1 and parts[0].startswith("وقال الوزير: «")
    assert parts[-1].endswith("» ثم انصرف.")


def test_bom_and_crlf_keep_offsets() -> None:
    text = "\ufeffوقع الرئيس الاتفاق.\r\nوعاد إلى بلاده.\r\n"
    segs = segment(text)
    assert [text[s.start : s.end] for s in segs] == ["وقع الرئيس الاتفاق.", "وعاد إلى بلاده."]
    assert_offsets(text)


def test_marks_reordered_by_nfc_keep_the_base_character_apart() -> None:
    # A dot with hamza-above then fathatan: NFC swaps the marks, the tokenizer splits the dot.
    text = ".\u0654\u064b"
    tokens = [t for seg in segment(text) for t in seg.tokens]
    assert [(t.start, t.end) for t in tokens] == [(0, 1), (1, 3)]

"""Names no list knows: people, organisations and places recognised from the sentence.

Every sentence here was written for these tests, with names that are in no lexicon of the
project (or that the lexicon reads as common words), so each rule is tested on its own
evidence: titles, apposition, particles, organisation heads, gazetteer places, descriptors,
and links between mentions. They run through the real engine and the real gazetteer.
"""

from __future__ import annotations

import pytest

from learn.nlp import AnalyzedText, Engine, Entity, get_engine
from tests.conftest import NLP_TEST_DATA_DIR


@pytest.fixture(scope="module")
def engine() -> Engine:
    return get_engine(NLP_TEST_DATA_DIR).load()


def names(analysed: AnalyzedText, type_: str) -> list[Entity]:
    return [e for e in analysed.entities if e.type == type_]


def texts(analysed: AnalyzedText, type_: str) -> list[str]:
    return [e.text for e in names(analysed, type_)]


# ----------------------------------------------------------------- titles and names


def test_names_after_titles_whatever_the_lexicon_reads(engine: Engine) -> None:
    analysed = engine.analyze(
        "والتقى وزير الخارجية الياباني يوشيماسا هاياشي نظيره الكوري الجنوبي بارك جين في طوكيو."
    )
    hayashi, park = names(analysed, "PERSON")
    assert (hayashi.text, hayashi.title) == ("يوشيماسا هاياشي", "وزير الخارجية الياباني")
    # The counterpart holds the same office for the other country (two adjectives here).
    assert (park.text, park.title) == ("بارك جين", "وزير الخارجية الكوري الجنوبي")
    assert texts(analysed, "LOCATION") == ["طوكيو"]


def test_a_word_read_as_a_verb_is_a_name_right_after_a_title(engine: Engine) -> None:
    # وانج is read "and save!" by the lexicon; يي is known only as a name.
    analysed = engine.analyze("واستقبل الرئيس وزير الخارجية الصيني وانج يي في العاصمة.")
    (wang,) = names(analysed, "PERSON")
    assert (wang.text, wang.title, wang.gloss) == ("وانج يي", "وزير الخارجية الصيني", "Wang Yi")


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        # Honorific chains, name particles and a family with آل: the whole name, one span.
        (
            "وصل أمير قطر الشيخ تميم بن حمد آل ثاني إلى الرياض مساء الأحد.",
            "تميم بن حمد آل ثاني",
            "أمير قطر الشيخ",
        ),
        (
            "واستقبل ولي العهد الأمير منصور بن زايد آل نهيان رئيس الوزراء الهندي.",
            "منصور بن زايد آل نهيان",
            "ولي العهد الأمير",
        ),
        # عبد + a divine name, and family names with the article after it.
        (
            "وصرح سعادة السفير ماجد عبد الرحمن العتيبي بأن العلاقات ممتازة.",
            "ماجد عبد الرحمن العتيبي",
            "سعادة السفير",
        ),
        (
            "وقال الأمين العام لحزب الله حسن نصر الله إن المقاومة مستمرة.",
            "حسن نصر الله",
            "الأمين العام لحزب الله",
        ),
        # A title with a ل-complement and its adjectives, a woman's office.
        (
            "وقالت الممثلة الخاصة للأمين العام كارولين ماير في بيان إن الوضع خطير.",
            "كارولين ماير",
            "الممثلة الخاصة للأمين العام",
        ),
        (
            "وأكدت وزيرة الخارجية الألمانية أنالينا بيربوك أن برلين تدعم الحوار.",
            "أنالينا بيربوك",
            "وزيرة الخارجية الألمانية",
        ),
        # A title, a comma, then the name.
        (
            "وقال نائب رئيس الوزراء وزير الطاقة والمعادن، فيصل العمري، إن الإنتاج ارتفع.",
            "فيصل العمري",
            "نائب رئيس الوزراء وزير الطاقة والمعادن",
        ),
        # A regnal number belongs to a monarch's name.
        (
            "واستقبل جلالة الملك محمد السادس الوفد الفرنسي.",
            "محمد السادس",
            "جلالة الملك",
        ),
        # A prince's name may have the article; an office word can be a given name.
        ("واستقبل الأمير الوليد بن طلال الوفد في الرياض.", "الوليد بن طلال", "الأمير"),
        # A rank of two words; علي the name, not the preposition; a verb ends the name.
        (
            "وقال رئيس الأركان الفريق أول محمد علي الحداد زار مدينة مصراتة أمس.",
            "محمد علي الحداد",
            "رئيس الأركان الفريق أول",
        ),
        # A country's adjective as a family name after two names.
        (
            "وقال رئيس الحكومة اللبنانية نجيب عزمي الليبي إن الحكومة ستجتمع غدا.",
            "نجيب عزمي الليبي",
            "رئيس الحكومة اللبنانية",
        ),
        # Three family names with the article, and the object after them.
        (
            "واستقبل أمير الكويت الشيخ صباح الأحمد الجابر الصباح الوفد.",
            "صباح الأحمد الجابر الصباح",
            "أمير الكويت الشيخ",
        ),
    ],
)
def test_long_names_come_out_whole(engine: Engine, text: str, name: str, title: str) -> None:
    people = names(engine.analyze(text), "PERSON")
    assert [(p.text, p.title) for p in people] == [(name, title)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # و + another title ends the name.
        (
            "وقال الرئيس التركي رجب طيب أردوغان والرئيس الروسي إن المحادثات كانت مثمرة.",
            "رجب طيب أردوغان",
        ),
        # A definite common noun after a foreign surname is the object.
        ("واستقبل رئيس الوزراء الإسباني بيدرو سانشيز الوفد في مدريد.", "بيدرو سانشيز"),
        # A definite object after a name the lexicon knows.
        ("وأعلن وزير المالية المغربي فوزي لقجع الميزانية الجديدة أمام البرلمان.", "فوزي لقجع"),
        # A preposition ends the name.
        ("وقال المتحدث باسم الجيش الإسرائيلي دانيال هاغاري إن العملية مستمرة.", "دانيال هاغاري"),
    ],
)
def test_a_name_stops_where_the_name_stops(engine: Engine, text: str, name: str) -> None:
    assert texts(engine.analyze(text), "PERSON") == [name]


@pytest.mark.parametrize(
    "text",
    [
        "وقع الرئيس الروسي اتفاقية تعاون مع نظيره.",  # an indefinite object is no name
        "وقال وزير الخارجية إن بلاده ترفض القرار.",
        "ودعا الرئيس الفرنسي الدول الأوروبية إلى الوحدة.",
        "وأعلن الرئيس الأمريكي أمس فرض عقوبات جديدة.",
        "والتقى الرئيس المصري وفدا من رجال الأعمال.",
        "ووصل الرئيس صباح اليوم إلى المطار.",  # a time of day, not Sabah
        "وأكد الرئيس الإيراني أن المنطقة تحتاج إلى الاستقرار.",  # وأكد is no name before a title
    ],
)
def test_a_title_without_a_name_names_nobody(engine: Engine, text: str) -> None:
    assert names(engine.analyze(text), "PERSON") == []


def test_a_name_before_its_title(engine: Engine) -> None:
    analysed = engine.analyze(
        "وقال هشام الفلاحي، المتحدث باسم وزارة الصحة المغربية، إن الوضع مستقر.\n"
        "ووقع الاتفاق سامي الحداد وزير النقل الأردني."
    )
    people = {p.text: p.title for p in names(analysed, "PERSON")}
    assert people == {
        "هشام الفلاحي": "المتحدث باسم وزارة الصحة المغربية",
        "سامي الحداد": "وزير النقل الأردني",
    }


def test_names_without_titles_need_two_pieces_of_evidence(engine: Engine) -> None:
    analysed = engine.analyze('وقال سمير جعجع إن الحزب لن يشارك في معاهدة "نيو ستارت" الجديدة.')
    assert texts(analysed, "PERSON") == ["سمير جعجع"]  # quoted words name a thing


def test_english_forms_of_arabic_names(engine: Engine) -> None:
    analysed = engine.analyze(
        "وقال الملك عبد الله الثاني والشيخ صباح الأحمد الجابر الصباح إن القمة ناجحة.\n"
        "وقال الأمين العام لحزب الله حسن نصر الله إن الحزب مستعد."
    )
    english = {p.text: p.gloss for p in names(analysed, "PERSON")}
    assert english["عبد الله الثاني"] == "Abdullah II"
    assert english["صباح الأحمد الجابر الصباح"].endswith("al-Ahmad al-Jabir al-Subah")
    assert english["حسن نصر الله"] == "Hassan Nasrallah"  # not "Nasrallah al-Nasrallah"


def test_a_word_with_his_or_her_is_no_name(engine: Engine) -> None:
    # تغريدته ("his tweet") is unknown to the lexicon, but a name never ends so.
    analysed = engine.analyze("ونشر الوزير فابيو روسيني تغريدته على المنصة.")
    assert texts(analysed, "PERSON") == ["فابيو روسيني"]


def test_short_mentions_link_to_the_full_name_even_before_it(engine: Engine) -> None:
    analysed = engine.analyze(
        "هاياشي يزور سيول الأسبوع المقبل\n"
        "أعلن وزير الخارجية الياباني يوشيماسا هاياشي أنه سيزور سيول.\n"
        "وقال هاياشي إن الزيارة مهمة، فيما رحب وزير الخارجية الكوري بارك جين بالزيارة."
    )
    people = names(analysed, "PERSON")
    assert {p.text: p.key for p in people} == {
        "هاياشي": "يوشيماسا هاياشي",
        "يوشيماسا هاياشي": "يوشيماسا هاياشي",
        "بارك جين": "بارك جين",
    }
    headline = people[0]
    assert (headline.sentence, headline.title) == (0, "وزير الخارجية الياباني")
    assert {p.gloss for p in people if p.key == "يوشيماسا هاياشي"} == {"Yushimasa Hayashi"}


# ---------------------------------------------------------------------- organisations


@pytest.mark.parametrize(
    ("text", "organisation", "english"),
    [
        ("ونفت وزارة الصحة المغربية وقوع إصابات جديدة.", "وزارة الصحة المغربية", None),
        ("وأعلنت حركة النهضة التونسية مقاطعة الانتخابات.", "حركة النهضة التونسية", None),
        # A construct chain, a ل-complement with a coordinated noun.
        ("ورحب جهاز تنظيم الاتصالات بالقرار.", "جهاز تنظيم الاتصالات", None),
        (
            "وقعت المؤسسة العامة للكهرباء والمياه عقدا جديدا.",
            "المؤسسة العامة للكهرباء والمياه",
            None,
        ),
        # A definite head needs its adjectives: national, central, a country's.
        ("وانتقد البنك المركزي الأردني قرار الحكومة.", "البنك المركزي الأردني", None),
        # A ministry named by its field and country, وزارة left out.
        (
            "ونقلت مصادر في الخارجية المصرية أن الاجتماع تأجل.",
            "الخارجية المصرية",
            "Egyptian Foreign Ministry",
        ),
        # A newspaper and a television channel, named after their kind.
        ('ونقلت صحيفة "الأهرام" الخبر.', "الأهرام", "al-Ahram"),
        # A company with a name of several words, and its adjective.
        (
            "ووقعت شركة سيمنز إنرجي الألمانية عقدا لبناء محطة كهرباء.",
            "شركة سيمنز إنرجي الألمانية",
            None,
        ),
        # A participle with its own complement describes the company; it is no part of it.
        ("ونشرت شركة الطيران المملوكة للدولة بيانا.", "شركة الطيران", None),
    ],
)
def test_organisations_from_their_heads(
    engine: Engine, text: str, organisation: str, english: str | None
) -> None:
    (org,) = names(engine.analyze(text), "ORGANIZATION")
    assert org.text == organisation
    assert org.gloss  # every organisation has an English form
    if english:
        assert org.gloss == english


@pytest.mark.parametrize(
    "text",
    [
        "وقال مجلس إدارة الشركة إن الأرباح ارتفعت.",  # no particular body
        "وناقشت اللجنة القرار.",  # the committee, named before
        "وتعاني السياسة الخارجية الأمريكية من التناقض.",  # a policy, not a ministry
    ],
)
def test_generic_bodies_are_not_organisations(engine: Engine, text: str) -> None:
    assert names(engine.analyze(text), "ORGANIZATION") == []


def test_short_names_of_organisations(engine: Engine) -> None:
    analysed = engine.analyze(
        "ووقعت الشركة مع مؤسسة كوريا للغاز كوغاس مذكرة تفاهم.\nوقالت كوغاس إن المذكرة تشمل التدريب."
    )
    orgs = names(analysed, "ORGANIZATION")
    assert [o.text for o in orgs] == ["مؤسسة كوريا للغاز", "كوغاس", "كوغاس"]
    assert {o.key for o in orgs} == {orgs[0].key}


def test_an_acronym_in_parentheses_is_the_short_name(engine: Engine) -> None:
    analysed = engine.analyze(
        "وأعلنت الهيئة العامة للاستثمار (جيدا) عن مشاريع جديدة.\nوقالت جيدا إن المشاريع كثيرة."
    )
    orgs = names(analysed, "ORGANIZATION")
    assert [o.text for o in orgs] == ["الهيئة العامة للاستثمار", "جيدا", "جيدا"]
    assert orgs[1].gloss == "Jida"  # a name, romanised: not the adverb "well"
    assert {o.key for o in orgs} == {orgs[0].key}


def test_a_company_named_after_its_place_and_field(engine: Engine) -> None:
    analysed = engine.analyze(
        'ووقعت "دبي للاستثمار" عقدا جديدا.\nوقال رئيس دبي للاستثمار إن العقد كبير.'
    )
    assert texts(analysed, "ORGANIZATION") == ["دبي للاستثمار", "دبي للاستثمار"]
    assert texts(analysed, "LOCATION") == []


# ----------------------------------------------------------------------------- places


def test_gazetteer_places_with_their_english(engine: Engine) -> None:
    analysed = engine.analyze(
        "ووصل إلى نيروبي الرئيس الكيني وليام روتو قادما من أديس أبابا، ثم توجه إلى ريو دي جانيرو."
    )
    places = {e.text: e.gloss for e in names(analysed, "LOCATION")}
    assert places == {
        "نيروبي": "Nairobi",
        "أديس أبابا": "Addis Ababa",
        "ريو دي جانيرو": "Rio de Janeiro",
    }
    assert texts(analysed, "PERSON") == ["وليام روتو"]


def test_a_place_that_is_also_a_word_needs_the_sentence_to_say_so(engine: Engine) -> None:
    city = engine.analyze("وتجددت الاشتباكات في مدينة صور جنوبي لبنان.")
    assert {e.text: e.gloss for e in names(city, "LOCATION")} == {"صور": "Tyre", "لبنان": "Lebanon"}
    pictures = engine.analyze("والتقطت الصور الأولى للقمر الصناعي بأمان.")
    assert names(pictures, "LOCATION") == []


def test_a_state_named_by_its_adjectives(engine: Engine) -> None:
    analysed = engine.analyze(
        "وزار الوفد المملكة الأردنية الهاشمية والجمهورية التونسية ثم جمهورية الكونغو"
        " الديمقراطية والولايات المتحدة الأمريكية ودولة قطر."
    )
    places = {e.text: e.gloss for e in names(analysed, "LOCATION")}
    assert places == {
        "المملكة الأردنية الهاشمية": "Jordan",
        "الجمهورية التونسية": "Tunisia",
        "جمهورية الكونغو الديمقراطية": "Congo",
        "الولايات المتحدة الأمريكية": "United States",
        "قطر": "Qatar",
    }


@pytest.mark.parametrize(
    "text",
    [
        "وعبر الرئيس عن أمل كبير في نجاح المفاوضات.",  # Amal, not the town of Amol
        "وتحدث الوزير عن جمال الطبيعة في البلاد.",  # Jamal, not Djemmal
        "وقال رئيس بلدية المدينة إن الأمن مستتب.",  # the city, not Medina
        "ويأمل كريم أن يعود إلى بلاده قريبا.",  # كريم is not ك + a town
        "وقال الوزير إن النتائج جاءت في بيان رسمي.",  # a statement, not the town of Bayan
    ],
)
def test_names_and_words_that_are_also_towns(engine: Engine, text: str) -> None:
    assert names(engine.analyze(text), "LOCATION") == []


def test_a_described_place_is_found_again(engine: Engine) -> None:
    analysed = engine.analyze(
        "وسقطت الصواريخ قرب مستوطنة نيريم الحدودية.\nوقال سكان نيريم إن الأضرار كبيرة."
    )
    assert texts(analysed, "LOCATION") == ["نيريم", "نيريم"]


def test_a_quoted_name_is_the_whole_quoted_phrase_there_and_where_it_is_repeated(
    engine: Engine,
) -> None:
    analysed = engine.analyze(
        'وقعت أنقرة اتفاقا مع "شمال قبرص" لتطوير ميناء.\nوقال مسؤول في شمال قبرص إن الاتفاق مهم.'
    )
    # Not Cyprus, which the gazetteer knows: the quotation marks say where the name ends.
    assert texts(analysed, "LOCATION") == ["أنقرة", "شمال قبرص", "شمال قبرص"]


def test_a_quoted_phrase_with_an_adjective_is_no_name(engine: Engine) -> None:
    analysed = engine.analyze('وندد الوزير بـ"التدخل التركي" في المنطقة وزار "الأراضي اللبنانية".')
    assert not [e for e in analysed.entities if e.text.startswith(("التدخل", "الأراضي"))]


# ------------------------------------------------------------------ names read as names


def test_name_words_become_proper_nouns_and_ordinary_words_keep_their_sense(
    engine: Engine,
) -> None:
    analysed = engine.analyze(
        "ووقع وزير الخارجية الصيني وانج يي مع مؤسسة كوريا للغاز كوغاس اتفاقا في جدة."
    )
    by_surface = {t.surface: t for t in analysed.tokens}
    wang = by_surface["وانج"]
    assert (wang.pos, wang.root, wang.source, wang.entity) == ("noun_prop", None, "name", "PERSON")
    assert wang.gloss == "Wang (in: Wang Yi)"  # not "escape"
    jeddah = by_surface["جدة"]
    assert (jeddah.pos, jeddah.entity) == ("noun_prop", "LOCATION")
    assert jeddah.gloss.startswith("Jeddah")
    # The organisation's ordinary words keep their meaning; its name word becomes a name.
    assert by_surface["مؤسسة"].pos == "noun" and "Corporation" not in by_surface["مؤسسة"].gloss
    assert by_surface["كوغاس"].pos == "noun_prop"
    # The title is no name.
    assert by_surface["وزير"].pos == "noun" and by_surface["وزير"].entity is None


def test_a_surname_after_and_is_the_person_the_text_introduced(engine: Engine) -> None:
    analysed = engine.analyze(
        "قال رئيس الوزراء الإيطالي ماريو دراجي إن الاتفاق مهم. "
        "ووقع المعاهدة في روما، ماكرون ودراجي، بحضور الرئيس."
    )
    assert texts(analysed, "PERSON")[-1] == "دراجي"
    word = next(t for t in analysed.tokens if t.surface == "ودراجي")
    # The name's English and lemma leave out the conjunction the analysis did not split off.
    assert word.pos == "noun_prop" and word.lemma == "دراجي"
    assert word.gloss is not None and not word.gloss.lower().startswith("wa")


@pytest.mark.parametrize("text", ["²:ء", "في ² مايو", "عام ²⁰²⁰ و٣ مايو"])
def test_digits_that_are_not_decimal_never_break_the_analysis(engine: Engine, text: str) -> None:
    # str.isdigit() accepts superscripts, int() does not (found by the API fuzzer).
    analysed = engine.analyze(text)
    assert all(e.type != "DATE" or "²" not in e.text for e in analysed.entities)

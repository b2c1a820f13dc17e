"""Entities and quotation speakers on short news texts written for these tests.

The texts are not the seed: the rules must generalise (names the lexicon does not know,
found through their titles; other dates, numbers and durations; other ways of quoting).
They run through the real engine (tagger, lexicon, database), nothing is mocked.
"""

from __future__ import annotations

import pytest

from learn.nlp import AnalyzedText, Engine, Entity, get_engine
from tests.conftest import NLP_TEST_DATA_DIR

AGREEMENT = (
    "الرباط (رويترز) - وقع وزير الخارجية المغربي ناصر بوريطة ونظيره الإسباني خوسيه مانويل"
    " ألباريس يوم الثلاثاء اتفاقا للتعاون في مجال الطاقة لمدة خمس سنوات.\n"
    "وقال بوريطة في مؤتمر صحفي: «هذا الاتفاق يفتح صفحة جديدة بين بلدينا».\n"
    "وأضاف أن البلدين سيستثمران 3.5 مليار دولار في مشاريع الطاقة المتجددة بحلول عام 2030.\n"
    "وقال ألباريس إن “التعاون مع المغرب أولوية لإسبانيا”."
)

SANCTIONS = (
    "واشنطن (أ ف ب) – فرضت الولايات المتحدة الخميس الماضي عقوبات جديدة على 12 شركة مرتبطة"
    " ببرنامج الصواريخ الإيراني.\n"
    "وقال وزير الخزانة الأمريكي سكوت بيسنت إن العقوبات تستهدف شبكة تمويل تعمل منذ عشر سنوات.\n"
    "وأوضح بيسنت: “سنواصل الضغط حتى تتوقف هذه الأنشطة”.\n"
    "وفي 15 مارس 2024، فرضت واشنطن عقوبات مماثلة استمرت ثلاثة أشهر."
)

SUMMIT = (
    "انطلقت في القاهرة يوم الأحد قمة عربية طارئة بحضور الرئيس المصري عبد الفتاح السيسي.\n"
    "وقال السيسي في كلمته الافتتاحية إن المنطقة تمر بمرحلة صعبة منذ عامين.\n"
    "ودعا الأمين العام لجامعة الدول العربية أحمد أبو الغيط إلى وقف فوري لإطلاق النار في غزة.\n"
    "وقال أبو الغيط: «لا بديل عن الحل السياسي».\n"
    "وتستمر القمة يومين، ويشارك فيها قادة 22 دولة."
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return get_engine(NLP_TEST_DATA_DIR).load()


def of_type(analysed: AnalyzedText, type_: str) -> list[Entity]:
    return [e for e in analysed.entities if e.type == type_]


def facts(analysed: AnalyzedText, type_: str) -> set[tuple[str, str]]:
    return {(e.text, e.key) for e in of_type(analysed, type_)}


# ----------------------------------------------------------------- agreement


def test_agreement_people_titles_and_links(engine: Engine) -> None:
    analysed = engine.analyze(AGREEMENT)
    people = of_type(analysed, "PERSON")
    bourita, albares = people[0], people[1]
    assert (bourita.text, bourita.title) == ("ناصر بوريطة", "وزير الخارجية المغربي")
    # The counterpart holds the same office, for the other country.
    assert (albares.text, albares.title) == ("خوسيه مانويل ألباريس", "وزير الخارجية الإسباني")
    assert {e.key for e in people if e.text == "بوريطة"} == {bourita.key}
    assert {e.key for e in people if e.text == "ألباريس"} == {albares.key}
    assert len(people) == 4


def test_agreement_time_and_numbers(engine: Engine) -> None:
    analysed = engine.analyze(AGREEMENT)
    assert facts(analysed, "DURATION") == {("لمدة خمس سنوات", "5 year")}
    assert ("يوم الثلاثاء", "tuesday") in facts(analysed, "DATE")
    assert ("عام 2030", "2030") in facts(analysed, "DATE")
    assert facts(analysed, "NUMBER") == {("3.5 مليار", "3500000000")}
    assert {"الرباط", "المغرب", "اسبانيا"} <= {e.key for e in of_type(analysed, "LOCATION")}
    assert analysed.meta["dateline"] == "الرباط (رويترز) -"


def test_agreement_quotations(engine: Engine) -> None:
    analysed = engine.analyze(AGREEMENT)
    speakers = {q.text: q.speaker.text if q.speaker else None for q in analysed.quotations}
    assert speakers == {
        "هذا الاتفاق يفتح صفحة جديدة بين بلدينا": "بوريطة",
        "التعاون مع المغرب أولوية لإسبانيا": "ألباريس",
    }


# ----------------------------------------------------------------- sanctions


def test_sanctions_entities(engine: Engine) -> None:
    analysed = engine.analyze(SANCTIONS)
    assert ("الولايات المتحدة", "الولايات المتحده") in facts(analysed, "LOCATION")
    assert ("ا ف ب") in {e.key for e in of_type(analysed, "ORGANIZATION")}
    assert facts(analysed, "NUMBER") == {("12", "12")}
    assert facts(analysed, "DURATION") == {
        ("منذ عشر سنوات", "10 year"),
        ("ثلاثة أشهر", "3 month"),
    }
    dates = facts(analysed, "DATE")
    assert ("15 مارس 2024", "2024-03-15") in dates
    assert ("الخميس الماضي", "thursday") in dates
    bessent = of_type(analysed, "PERSON")[0]
    assert (bessent.text, bessent.title) == ("سكوت بيسنت", "وزير الخزانة الأمريكي")


def test_sanctions_speaker_after_a_colon(engine: Engine) -> None:
    analysed = engine.analyze(SANCTIONS)
    (quote,) = analysed.quotations
    assert quote.text == "سنواصل الضغط حتى تتوقف هذه الأنشطة"
    assert quote.speaker is not None and quote.speaker.key == "سكوت بيسنت"


# -------------------------------------------------------------------- summit


def test_summit_names_with_article_surnames(engine: Engine) -> None:
    analysed = engine.analyze(SUMMIT)
    people = facts(analysed, "PERSON")
    assert ("عبد الفتاح السيسي", "عبد الفتاح السيسي") in people
    assert ("السيسي", "عبد الفتاح السيسي") in people
    assert ("أحمد أبو الغيط", "احمد ابو الغيط") in people
    assert ("أبو الغيط", "احمد ابو الغيط") in people
    aboul_gheit = next(e for e in of_type(analysed, "PERSON") if e.text == "أحمد أبو الغيط")
    assert aboul_gheit.title == "الأمين العام لجامعة الدول العربية"
    assert ("جامعة الدول العربية", "جامعه الدول العربيه") in facts(analysed, "ORGANIZATION")


def test_summit_time_and_speaker(engine: Engine) -> None:
    analysed = engine.analyze(SUMMIT)
    assert ("يوم الأحد", "sunday") in facts(analysed, "DATE")
    assert facts(analysed, "DURATION") == {("منذ عامين", "2 year")}
    assert facts(analysed, "NUMBER") == {("22", "22")}
    (quote,) = analysed.quotations
    assert quote.speaker is not None and quote.speaker.key == "احمد ابو الغيط"


# ---------------------------------------------------------------- precision


@pytest.mark.parametrize(
    "text",
    [
        "زأر الأسد في حديقة الحيوان أمام الزوار.",  # a lion, not a person nobody introduced
        "يمارس الشباب الرياضة في المساء.",  # no month in يمارس
        "ذهب المصلون إلى صلاة الجمعة.",  # a prayer's name, not a date
        "قرأ الطالب الكتاب الأول في المكتبة.",  # an ordinal is not a number fact
    ],
)
def test_no_entity_is_invented(engine: Engine, text: str) -> None:
    analysed = engine.analyze(text)
    assert analysed.entities == ()
    assert all(t.entity is None for t in analysed.tokens)


def test_a_year_is_a_date_and_years_are_a_duration(engine: Engine) -> None:
    analysed = engine.analyze("انهار الاتحاد السوفيتي عام 1991 بعد سبعين عاما من الحكم.")
    assert facts(analysed, "DATE") == {("عام 1991", "1991")}
    assert facts(analysed, "DURATION") == {("سبعين عاما", "70 year")}
    assert facts(analysed, "LOCATION") == {("الاتحاد السوفيتي", "الاتحاد السوفيتي")}


def test_a_range_of_years_after_a_period_word_is_a_term(engine: Engine) -> None:
    analysed = engine.analyze(
        "ووقع الجانبان خطة عمل للسنوات 2025 – 2028 وأخرى للفترة من 2029 إلى 2030."
    )
    assert facts(analysed, "DURATION") == {
        ("سنوات 2025 – 2028", "years 2025-2028"),
        ("فترة من 2029 إلى 2030", "years 2029-2030"),
    }
    # Without a word that says "period" a range is two numbers (a season, a score).
    assert facts(engine.analyze("فاز الفريق بلقب موسم 2023-2024."), "DURATION") == set()


def test_scare_quotes_have_no_speaker(engine: Engine) -> None:
    analysed = engine.analyze("وصلت الأزمة إلى ما يسميه المحللون “نقطة اللاعودة” في المنطقة.")
    (quote,) = analysed.quotations
    assert quote.text == "نقطة اللاعودة" and quote.speaker is None


def test_participle_quotes_the_subject(engine: Engine) -> None:
    text = "وانتقد الرئيس الفرنسي إيمانويل ماكرون القرار، قائلا إن “أوروبا لن تقبل ذلك”."
    analysed = engine.analyze(text)
    (quote,) = analysed.quotations
    assert quote.speaker is not None and quote.speaker.key == "ايمانويل ماكرون"
    macron = of_type(analysed, "PERSON")[0]
    assert macron.title == "الرئيس الفرنسي" and macron.gloss == "Emmanuel Macron"


def test_number_words_and_bare_years(engine: Engine) -> None:
    analysed = engine.analyze("وصل ثلاثة وزراء إلى بغداد في 2022 بعد حرب استمرت خمسة وعشرين عاما.")
    assert facts(analysed, "NUMBER") == {("ثلاثة", "3")}
    assert facts(analysed, "DATE") == {("2022", "2022")}
    assert facts(analysed, "DURATION") == {("خمسة وعشرين عاما", "25 year")}


def test_a_verb_is_not_a_number(engine: Engine) -> None:
    analysed = engine.analyze("ألف الكاتب كتابا عن تاريخ المدينة.")
    assert of_type(analysed, "NUMBER") == []


def test_given_name_takes_a_plain_surname_but_not_a_date(engine: Engine) -> None:
    khatami = engine.analyze("وقال الرئيس محمد خاتمي إن البلاد بخير.")
    assert facts(khatami, "PERSON") == {("محمد خاتمي", "محمد خاتمي")}
    friday = engine.analyze("التقى الرئيس محمد يوم الجمعة الوزراء.")
    assert facts(friday, "PERSON") == {("محمد", "محمد")}
    assert facts(friday, "DATE") == {("يوم الجمعة", "friday")}


def test_counterpart_of_the_person_named_in_the_same_sentence(engine: Engine) -> None:
    text = (
        "واستقبل الرئيس اللبناني جوزيف عون المندوب الفرنسي لدى الأمم المتحدة جان دوبون.\n"
        "واتصل عون بنظيره القبرصي نيكوس خريستودوليدس وبحث معه الأوضاع."
    )
    analysed = engine.analyze(text)
    titles = {e.text: e.title for e in of_type(analysed, "PERSON")}
    assert titles["جوزيف عون"] == "الرئيس اللبناني"
    assert titles["جان دوبون"] == "المندوب الفرنسي لدى الأمم المتحدة"
    assert titles["نيكوس خريستودوليدس"] == "الرئيس القبرصي"


def test_an_organisation_after_a_preposition_is_not_the_speaker(engine: Engine) -> None:
    text = "وصرح المندوب الإيراني لدى أوبك للصحفيين أن الاجتماع “كان مثمرا”."
    analysed = engine.analyze(text)
    (quote,) = analysed.quotations
    assert quote.speaker is None or quote.speaker.type == "PERSON"


def test_office_in_construct_before_a_country(engine: Engine) -> None:
    analysed = engine.analyze("وَوصل وزير خارجية إيران عباس عراقجي إلى مسقط يوم السبت.")
    (araghchi,) = of_type(analysed, "PERSON")
    assert (araghchi.text, araghchi.title) == ("عباس عراقجي", "وزير خارجية إيران")
    assert ("مسقط", "مسقط") in facts(analysed, "LOCATION")


def test_given_names_that_are_words_need_a_surname(engine: Engine) -> None:
    saied = engine.analyze("وأعلن الرئيس التونسي قيس سعيد الخميس حل البرلمان.")
    assert facts(saied, "PERSON") == {("قيس سعيد", "قيس سعيد")}  # الخميس is no surname
    happy = engine.analyze("وكان الوزير سعيدا بالنتائج.")
    assert of_type(happy, "PERSON") == []


def test_an_organisation_can_speak(engine: Engine) -> None:
    analysed = engine.analyze("وقال الكرملين في بيان إن “المحادثات كانت بناءة”.")
    (quote,) = analysed.quotations
    assert quote.speaker is not None
    assert (quote.speaker.type, quote.speaker.key) == ("ORGANIZATION", "الكرملين")


ECONOMY = (
    "بيروت (رويترز) - أعلن مصرف لبنان المركزي يوم الأربعاء أن احتياطياته تراجعت بنسبة 12 في"
    " المئة.\n"
    'وقال حاكم المصرف بالإنابة وسيم منصوري إن "الوضع صعب لكنه ليس ميؤوسا منه".\n'
    "وكان البرلمان قد أقر في ديسمبر الماضي موازنة تبلغ نحو 3 مليارات دولار.\n"
    "ويعاني لبنان من أزمة وصفت بأنها من الأسوأ منذ منتصف القرن التاسع عشر."
)


def test_economy_percentages_scales_and_ordinals(engine: Engine) -> None:
    analysed = engine.analyze(ECONOMY)
    assert facts(analysed, "NUMBER") == {
        ("12 في المئة", "12%"),
        ("3 مليارات", "3000000000"),
    }  # not المئة alone, not the "ten" of التاسع عشر
    assert ("ديسمبر الماضي", "--12") in facts(analysed, "DATE")
    (quote,) = analysed.quotations
    assert quote.speaker is not None and quote.speaker.text == "وسيم منصوري"
    assert quote.speaker.title == "حاكم المصرف بالإنابة"


@pytest.mark.parametrize(
    ("text", "date", "key"),
    [
        ("ووقع الوزيران، الخميس، اتفاقا للتعاون.", "الخميس", "thursday"),  # set off by commas
        ("ودخلت الهدنة حيز التنفيذ مساء الأحد.", "مساء الأحد", "sunday"),
        ("وأعلنت الهيئة ليل أمس الأول الاثنين النتائج.", "ليل أمس الأول الاثنين", "monday"),
        ("وتنطلق القمة غداً (الجمعة) في المنامة.", "غداً (الجمعة)", "friday"),
        (
            "وقالت الوزارة في بيان اليوم الثلاثاء إن الاتفاق دخل حيز التنفيذ.",
            "اليوم الثلاثاء",
            "tuesday",
        ),
        ("ووقعت الشركة اليوم، اتفاقية جديدة.", "اليوم", "today"),
        ("ووصل الوفد أول أمس الأربعاء إلى الجزائر.", "أول أمس الأربعاء", "wednesday"),
    ],
)
def test_day_phrases_are_dates(engine: Engine, text: str, date: str, key: str) -> None:
    assert (date, key) in facts(engine.analyze(text), "DATE")


@pytest.mark.parametrize(
    "text",
    [
        "وفي اليوم التالي غادر الوفد.",
        "وفي نهاية اليوم عاد الوزير.",
        "وأقيمت صلاة الجمعة في المسجد.",
    ],
)
def test_the_day_and_friday_prayer_are_not_dates(engine: Engine, text: str) -> None:
    assert facts(engine.analyze(text), "DATE") == set()


def test_a_name_ends_before_the_object_but_keeps_an_arabic_family_name(engine: Engine) -> None:
    people = facts(engine.analyze("ووقع الرئيس الفرنسي إيمانويل ماكرون اتفاقية سلام."), "PERSON")
    assert {p for p, _ in people} == {"إيمانويل ماكرون"}
    arabic = facts(
        engine.analyze("وقال المتحدث باسم الحزب محمد حسن نور إن الحوار مستمر."), "PERSON"
    )
    assert "محمد حسن نور" in {p for p, _ in arabic}

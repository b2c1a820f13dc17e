"""The question finders, one by one, on short texts written for these tests, and the rules
that hold across a lesson (no question gives another away, whole words in gap-fills)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from learn.lessons import build_lesson, generate_questions
from learn.lessons.context import Context, Draft
from learn.lessons.distractors import countries_of_adjective
from learn.lessons.finders import register, registered
from learn.lessons.text import bare
from learn.lessons.types import COMPREHENSION_TYPES, FALSE_AR, TRUE_AR, VOCABULARY_TYPES, Question
from learn.nlp.types import AnalyzedText
from tests.lessons.conftest import OWN_ARTICLES

Analyse = Callable[[str], AnalyzedText]
ALL = ("seed", *OWN_ARTICLES)


def _questions(analyse_text: Analyse, text: str, qtype: str) -> list[Question]:
    return [q for q in generate_questions(analyse_text(text)) if q.type == qtype]


# ---------------------------------------------------------------------------------------------
# The registry


def test_every_comprehension_type_has_one_registered_finder_in_lesson_order() -> None:
    order = [r.qtype for r in registered()]
    assert order == [*COMPREHENSION_TYPES, "true_false"]


def test_a_type_is_registered_once() -> None:
    def finder(ctx: Context) -> list[Draft]:
        return []

    with pytest.raises(ValueError, match="already registered"):
        register("who", order=99)(finder)


# ---------------------------------------------------------------------------------------------
# Finders on frames


def test_who_signed_countries_and_roles(analyse_text: Analyse) -> None:
    (q,) = _questions(
        analyse_text, "ووقعت مصر والأردن اتفاقية لمكافحة الإرهاب في القاهرة يوم الأحد.", "who"
    )
    assert bare(q.prompt_ar) == bare("مَن وقّع الاتفاقية؟")
    assert q.answer == "مصر والأردن"
    assert all(" و" in d for d in q.distractors)
    (role,) = _questions(analyse_text, "ووقع وزيرا خارجية مصر والأردن اتفاقية للتعاون.", "who")
    assert role.answer == "وزيرا خارجية مصر والأردن"
    assert len(role.distractors) == 3 and role.answer not in role.distractors


def test_when_and_where_of_the_signing_are_asked_without_giving_the_signers_away(
    analyse_text: Analyse,
) -> None:
    text = (
        "وقع الرئيس الروسي فلاديمير بوتين ونظيره الفرنسي إيمانويل ماكرون اتفاقية للتعاون "
        "يوم الأربعاء في باريس."
    )
    questions = generate_questions(analyse_text(text))
    by_type = {q.type: q for q in questions}
    assert bare(by_type["when"].prompt_ar) == bare("متى وُقِّعَت الاتفاقية؟")
    assert by_type["when"].answer == "يوم الأربعاء"
    assert bare(by_type["where"].prompt_ar) == bare("أين وُقِّعَت الاتفاقية؟")
    assert by_type["where"].answer == "باريس"
    assert "بوتين" in by_type["who"].answer and "ماكرون" in by_type["who"].answer


def test_what_is_asked_the_way_the_article_states_it(analyse_text: Analyse) -> None:
    text = (
        "ووقعت مصر والأردن اتفاقية لإنشاء منطقة صناعية مشتركة. "
        "وتشمل الاتفاقية الزراعة والسياحة والنقل. "
        "وتنص الاتفاقية على إلغاء الرسوم الجمركية بين البلدين."
    )
    prompts = {bare(q.prompt_ar): q.answer for q in _questions(analyse_text, text, "what")}
    assert prompts.get(bare("ما الهدف من الاتفاقية؟")) == "إنشاء منطقة صناعية مشتركة"
    assert prompts.get(bare("ماذا تشمل الاتفاقية؟")) == "الزراعة والسياحة والنقل"


def test_how_long_is_the_term_not_another_duration(analyse_text: Analyse) -> None:
    term = _questions(analyse_text, "ووقعت مصر والأردن اتفاقية لمدة عشر سنوات.", "how_long")
    assert [q.answer for q in term] == ["10 سنوات"]
    talks = "ووقعت مصر والأردن اتفاقية بعد مفاوضات استمرت ثلاث سنوات."
    assert _questions(analyse_text, talks, "how_long") == []


def test_reported_speech_is_asked_with_its_own_verb(analyse_text: Analyse) -> None:
    text = "وأعلن الرئيس الروسي فلاديمير بوتين أن بلاده ستزيد صادراتها من القمح إلى أفريقيا."
    (q,) = _questions(analyse_text, text, "who_said")
    assert q.prompt_ar.startswith("مَن أعلن أنّ بلاده ستزيد صادراتها")
    assert "بوتين" in q.answer


# ---------------------------------------------------------------------------------------------
# Rules across a lesson


@pytest.mark.parametrize("name", ALL)
def test_no_question_gives_another_ones_answer_away(analyse: Analyse, name: str) -> None:
    questions = build_lesson(analyse(name)).questions
    for asked in questions:
        if asked.type not in COMPREHENSION_TYPES:
            continue
        answer = {w for w in bare(asked.answer).replace(" و", " ").split() if len(w) > 2}
        for shown in questions:
            if shown is asked or shown.evidence.sentence != asked.evidence.sentence:
                continue
            visible = set(bare(f"{shown.prompt_ar} {shown.note or ''}").split())
            assert not answer or not answer <= visible, (asked.prompt_ar, shown.prompt_ar)


@pytest.mark.parametrize("name", ALL)
def test_gap_fill_excerpts_start_and_end_on_whole_words(analyse: Analyse, name: str) -> None:
    for q in build_lesson(analyse(name)).questions:
        excerpt = re.search(r"«(.*)»", q.prompt_ar)
        if excerpt is None or "____" not in excerpt.group(1):
            continue
        words = set(re.findall(r"[\u0621-\u064a]+", q.evidence.text))
        found = re.findall(r"[\u0621-\u064a]+", excerpt.group(1))
        assert found and found[0] in words and found[-1] in words, q.prompt_ar


@pytest.mark.parametrize("name", ALL)
def test_true_false_statements_are_whole_and_about_half_false(analyse: Analyse, name: str) -> None:
    statements = [q for q in build_lesson(analyse(name)).questions if q.type == "true_false"]
    for q in statements:
        body = q.prompt_ar.removeprefix("صح أم خطأ؟").strip().rstrip(".")
        last = bare(body.split()[-1])
        assert last not in {"ان", "الي", "علي", "في", "من"}, q.prompt_ar  # not half a clause
    false = sum(q.answer == FALSE_AR for q in statements)
    true = sum(q.answer == TRUE_AR for q in statements)
    assert abs(false - true) <= 2


@pytest.mark.parametrize("name", ALL)
def test_vocabulary_questions_carry_the_lemma_they_test(analyse: Analyse, name: str) -> None:
    lesson = build_lesson(analyse(name))
    lemmas = {v.lemma for v in lesson.vocab}
    for q in lesson.questions:
        if q.type in VOCABULARY_TYPES:
            assert q.lemma in lemmas
        else:
            assert q.lemma is None
        assert Question.from_dict(q.to_dict()).lemma == q.lemma


def test_relative_days_are_told_apart_word_by_word(analyse_text: Analyse) -> None:
    text = "ووقعت تونس والمغرب أمس اتفاقية للتبادل التجاري في الرباط، وقال الوزير إنها مهمة."
    (q,) = _questions(analyse_text, text, "when")
    assert q.answer == "أمس"
    assert "أول أمس" in q.distractors  # "أمس" is inside "أول أمس" but another day
    text = "قالت الحكومة اليوم الثلاثاء إن المفاوضات مع النقابات انتهت باتفاق على الأجور."
    (gap,) = _questions(analyse_text, text, "when")
    assert gap.answer == "اليوم الثلاثاء"
    assert sorted(gap.distractors) == sorted(["اليوم الأربعاء", "اليوم الاثنين", "اليوم الخميس"])


def test_a_date_after_the_relative_passive_dates_the_signing(analyse_text: Analyse) -> None:
    text = "نشرت الحكومة نص الاتفاق الذي تم توقيعه، أول أمس الأحد، مع شركة الكهرباء الوطنية."
    (q,) = _questions(analyse_text, text, "when")
    assert bare(q.prompt_ar) == bare("متى وُقِّعَ الاتفاق؟")
    assert q.answer == "أول أمس الأحد"


def test_where_a_speaker_spoke_names_them_by_title(analyse_text: Analyse) -> None:
    text = (
        "وقال وزير الخارجية المغربي ناصر بوريطة، في مؤتمر صحفي بالرباط، إن بلاده تدعم الحوار. "
        "وأضاف بوريطة أن المحادثات ستستمر."
    )
    where = _questions(analyse_text, text, "where")
    assert [(bare(q.prompt_ar), q.answer) for q in where] == [
        (bare("أين تحدّث وزير الخارجية المغربي؟"), "الرباط")
    ]
    assert len(where[0].distractors) == 3 and "الرباط" not in where[0].distractors


def test_where_someone_arrived(analyse_text: Analyse) -> None:
    text = "وصل رئيس الوزراء الماليزي، مساء الأحد، إلى مطار القاهرة في زيارة رسمية تستمر يومين."
    where = _questions(analyse_text, text, "where")
    assert [(bare(q.prompt_ar), q.answer) for q in where][:1] == [
        (bare("إلى أين وصل رئيس الوزراء الماليزي؟"), "القاهرة")
    ]


def test_people_who_signed_for_their_countries_and_the_countries(analyse_text: Analyse) -> None:
    text = (
        "ووقعت البرازيل والأرجنتين، أمس، اتفاقية للتجارة الحرة في ساو باولو. "
        "ووقع الاتفاقية في قصر الرئاسة، الرئيس البرازيلي جايير بولسونارو "
        "والرئيس الأرجنتيني خافيير ميلي."
    )
    who = _questions(analyse_text, text, "who")
    by_prompt = {bare(q.prompt_ar): q for q in who}
    people = by_prompt[bare("مَن وقّع الاتفاقية؟")]
    assert "ميلي" in people.answer and "بولسونارو" in people.answer
    countries = by_prompt[bare("ما البلدان اللذان وقّعا الاتفاقية؟")]
    assert countries.answer == "البرازيل والأرجنتين"
    # Wrong answers name countries too, never a city ("ساو باولو").
    assert all("باولو" not in d for d in countries.distractors)
    assert all(" و" in d for d in countries.distractors) and len(countries.distractors) == 3


def test_crown_prince_is_an_office_not_to_me(analyse_text: Analyse) -> None:
    analysed = analyse_text("وقّع ولي العهد الأمير سلمان اتفاقية مع الرئيس.")
    word = next(t for t in analysed.tokens if t.surface == "ولي")
    assert word.pos == "noun" and word.lemma is not None and word.lemma != "لِ"


def test_a_quotation_continued_after_wa_adaf_is_asked_with_its_speaker(
    analyse_text: Analyse,
) -> None:
    text = (
        "وقال وزير الخارجية الكندي مارك كارني إن «المحادثات مع الجانب الأوروبي كانت مثمرة جدا». "
        "وأضاف: «نأمل أن نوقع اتفاقا جديدا للتجارة قبل نهاية العام المقبل»."
    )
    said = _questions(analyse_text, text, "who_said")
    continued = next(q for q in said if "نأمل" in q.prompt_ar)
    assert continued.answer == "مارك كارني"
    # The evidence names the speaker; the feedback quotes the sentence the words come from.
    assert "كارني" in continued.evidence.text and "نأمل" in (continued.note or "")
    assert "مارك كارني" not in continued.distractors


def test_a_quotation_after_a_role_is_asked_with_the_role(analyse_text: Analyse) -> None:
    text = (
        "وقال وزير المالية خلال المؤتمر الصحفي في العاصمة: «الميزانية الجديدة ستخفض العجز "
        "وتدعم النمو في السنوات المقبلة»."
    )
    (q,) = _questions(analyse_text, text, "who_said")
    assert q.answer == "وزير المالية"
    assert q.prompt_ar.startswith("مَن قال: «الميزانية الجديدة")


def test_a_title_with_and_inside_goes_on_to_the_name(analyse_text: Analyse) -> None:
    text = (
        "قال الممثل الأعلى للشؤون الخارجية والسياسة الأمنية جوزيب بوريل إن الاتحاد "
        "سيفرض عقوبات جديدة على الشركات المعنية."
    )
    (q,) = _questions(analyse_text, text, "who_said")
    assert q.answer == "جوزيب بوريل"
    assert not any("الممثل" in d for d in q.distractors)


def test_the_term_after_a_relative_clause_and_of_an_extension(analyse_text: Analyse) -> None:
    text = (
        "قال الوزير إن اتفاق الهدنة الذي اقترحته الأمم المتحدة لمدة 30 يوما بين الطرفين سيبدأ غدا."
    )
    (q,) = _questions(analyse_text, text, "how_long")
    assert (bare(q.prompt_ar), q.answer) == (bare("ما مدة الاتفاق؟"), "30 يومًا")
    text = "وقال الرئيس إنه مستعد لتمديد المعاهدة لمدة عام واحد إذا وافق الطرف الآخر."
    (ext,) = _questions(analyse_text, text, "how_long")
    assert (bare(ext.prompt_ar), ext.answer) == (bare("ما مدة تمديد المعاهدة؟"), "عام واحد")


def test_coverage_on_ala_and_after_a_cosigner(analyse_text: Analyse) -> None:
    text = (
        "ووقعت شركة النفط الوطنية اتفاقية مع مؤسسة الطاقة الهندية لتوريد مليوني طن من الغاز سنويا."
    )
    (q,) = _questions(analyse_text, text, "what")
    assert q.answer.startswith("توريد مليوني طن من الغاز")
    (q,) = _questions(analyse_text, "ووقعت مصر والسودان اتفاقا على تطوير ميناء بورتسودان.", "what")
    assert q.answer.startswith("تطوير ميناء بورتسودان")


def test_what_an_agreement_aims_at_leaves_out_who_reported_it(analyse_text: Analyse) -> None:
    text = (
        "ووقعت تونس والجزائر اتفاقية جديدة يوم الأحد. "
        "وتشمل الاتفاقية الطاقة والنقل والتجارة، وفق رويترز."
    )
    (q,) = _questions(analyse_text, text, "what")
    assert q.answer == "الطاقة والنقل والتجارة"


def test_when_someone_arrived_and_no_who_without_the_object(analyse_text: Analyse) -> None:
    text = "وصل رئيس الوزراء الياباني فوميو كيشيدا، مساء الأحد، إلى مطار الرياض في زيارة رسمية."
    when = _questions(analyse_text, text, "when")
    assert [(bare(q.prompt_ar), q.answer) for q in when] == [
        (bare("متى وصل فوميو كيشيدا؟"), "مساء الأحد")
    ]
    text = "أعلنت لجنة الانتخابات في بغداد النتائج الأولية للانتخابات البرلمانية يوم الاثنين."
    assert all("أعلنت في" not in q.prompt_ar for q in _questions(analyse_text, text, "who"))


def test_what_was_said_ends_before_the_speakers_next_statement(analyse_text: Analyse) -> None:
    text = (
        "وقال رئيس اللجنة سمير الفاسي إن عدد الناخبين بلغ ثلاثة ملايين ناخب، "
        "وأكد أن نسبة المشاركة كانت مرتفعة في كل المحافظات."
    )
    said = _questions(analyse_text, text, "who_said")
    first = next(q for q in said if "عدد الناخبين" in q.prompt_ar)
    assert "وأكد" not in first.prompt_ar and first.answer == "سمير الفاسي"
    second = next(q for q in said if "نسبة المشاركة" in q.prompt_ar)
    assert bare(second.prompt_ar).startswith(bare("مَن أكد أنّ نسبة"))
    assert second.answer == "سمير الفاسي"


def test_a_copula_cut_from_its_predicate_is_no_statement(analyse_text: Analyse) -> None:
    text = "وكان وزير الخارجية الأمريكي جون كيري، قد صرح أن المفاوضات ستستأنف قريبا في جنيف."
    statements = _questions(analyse_text, text, "true_false")
    assert all(not bare(q.prompt_ar).endswith(bare("جون كيري.")) for q in statements)


def test_a_statement_after_wa_adaf_keeps_the_speaker_named_before(analyse_text: Analyse) -> None:
    text = (
        "وقال وزير الطاقة الجزائري محمد عرقاب إن الإنتاج سيرتفع العام المقبل. "
        "وأضاف أن الحكومة ستستثمر في مشاريع الطاقة الشمسية الجديدة في الجنوب."
    )
    said = _questions(analyse_text, text, "who_said")
    added = next(q for q in said if "الطاقة الشمسية" in q.prompt_ar)
    assert added.answer == "محمد عرقاب" and bare(added.prompt_ar).startswith(bare("مَن أضاف"))
    assert "عرقاب" in added.evidence.text and "الشمسية" in (added.note or "")


def test_a_place_inside_what_the_agreement_is_about_is_not_where_it_was_signed(
    analyse_text: Analyse,
) -> None:
    text = (
        "وقعت الهند وسريلانكا اتفاقا على تطوير مركز الصيانة التابع للبحرية الهندية في "
        "ترينكومالي لمدة 20 عاما."
    )
    assert _questions(analyse_text, text, "where") == []


def test_a_role_is_never_told_apart_from_the_same_persons_other_titles(
    analyse_text: Analyse,
) -> None:
    text = (
        "وقع الاتفاقية كل من الدكتور سالم العلي وزير النفط، الرئيس التنفيذي لشركة النفط "
        "الوطنية، والمهندس كريم الحسن رئيس مجلس إدارة شركة الغاز. "
        "وقال وزير النفط خلال المؤتمر: «إن الاتفاقية ستزيد صادرات الغاز إلى آسيا كثيرا»."
    )
    said = _questions(analyse_text, text, "who_said")
    assert said and said[0].answer == "وزير النفط"
    assert "الرئيس التنفيذي لشركة النفط الوطنية" not in said[0].distractors
    assert all(len(d.split()) > 1 for d in said[0].distractors)


def test_one_end_of_a_year_range_is_never_swapped(analyse_text: Analyse) -> None:
    text = (
        "ووقعت الحكومتان برنامجا تنفيذيا للتعاون في الشؤون الاجتماعية للأعوام 2026 – 2027 في تونس."
    )
    for q in _questions(analyse_text, text, "true_false"):
        assert "2026 – 2027" in q.prompt_ar or (
            "2026" not in q.prompt_ar and "2027" not in q.prompt_ar
        )


def test_what_is_not_asked_of_one_of_several_memoranda_by_name(analyse_text: Analyse) -> None:
    text = (
        "ووقع الجانبان مذكرة تفاهم للتعاون في مجالات الصحة والعلوم الطبية. "
        "كما تم توقيع مذكرة تفاهم لتعزيز التعاون في تنمية الصادرات."
    )
    assert _questions(analyse_text, text, "what") == []


def test_places_after_a_written_bi_and_after_fi_al_asima(analyse_text: Analyse) -> None:
    text = "دخلت الهدنة حيز التنفيذ بالخرطوم بعد أسابيع من المفاوضات بين الطرفين."
    (q,) = _questions(analyse_text, text, "where")
    assert q.answer == "بالخرطوم" and all(d.startswith("ب") for d in q.distractors)
    text = "والتقى الوزير نظيره المغربي بمقر وزارة الخارجية في العاصمة الرباط صباح اليوم."
    where = _questions(analyse_text, text, "where")
    assert any(q.answer == "الرباط" for q in where)


def test_the_agreements_own_adjective_is_not_part_of_its_topic(analyse_text: Analyse) -> None:
    text = "ووقع البلدان اتفاقية الدفاع الإستراتيجية بين الجانبين في واشنطن يوم الثلاثاء."
    (q,) = _questions(analyse_text, text, "what")
    assert q.answer == "الدفاع"


def test_an_arab_minister_is_no_wrong_answer_for_a_saudi_one(analyse_text: Analyse) -> None:
    from learn.lessons.distractors import is_nationality

    assert is_nationality("السعودي") and is_nationality("الإيرانية")
    assert not is_nationality("العربي") and not is_nationality("التحضيري")


def test_a_participle_of_saying_reports_the_subjects_words(analyse_text: Analyse) -> None:
    text = (
        "وفرضت وزارة الخزانة الأمريكية عقوبات على ثلاث شركات للشحن، قائلة: إن هذه الشركات "
        "ساعدت في نقل النفط بطرق غير قانونية."
    )
    (q,) = _questions(analyse_text, text, "who_said")
    assert bare(q.prompt_ar).startswith(bare("مَن قالت إنّ هذه الشركات"))
    assert q.answer == "وزارة الخزانة الأمريكية"
    text = "وقال وزير التجارة التونسي: إن الاتفاق الجديد “ممتاز”، مشيراً إلى أنه سيعزز التجارة."
    said = {q.prompt_ar: q.answer for q in _questions(analyse_text, text, "who_said")}
    assert said.get("مَن قال إنّ الاتفاق الجديد «ممتاز»؟") == "وزير التجارة التونسي"
    assert said.get("مَن أشار إلى أنه سيعزز التجارة؟") == "وزير التجارة التونسي"


def test_a_ministers_wrong_answers_are_not_other_ministries_by_default(
    analyse_text: Analyse,
) -> None:
    text = "وقال الوزير السعودي خلال الاجتماع: «المنطقة تمر بتحديات كبيرة تحتاج إلى عمل مشترك»."
    (q,) = _questions(analyse_text, text, "who_said")
    assert q.answer == "الوزير السعودي"
    # "وزير الخارجية" from the curated offices could be the same man.
    assert not any(bare(d).startswith(bare("وزير")) for d in q.distractors)


def test_an_office_with_wa_inside_and_its_holder_after_a_comma(analyse_text: Analyse) -> None:
    text = (
        "ووقع نائب رئيس الوزراء وزير الخارجية وشؤون المغتربين، محمد الهاشمي، ووزير الخارجية "
        "القطري خالد بن أحمد آل ثاني، أمس، اتفاقية للتعاون الاقتصادي."
    )
    (q,) = _questions(analyse_text, text, "who")
    assert q.answer == "محمد الهاشمي وخالد بن أحمد آل ثاني"


def test_a_quoted_party_after_with_is_a_signer_by_its_whole_name(analyse_text: Analyse) -> None:
    (q,) = _questions(
        analyse_text, 'وقعت أنقرة اتفاقا مع "شمال قبرص" لتطوير ميناء على البحر المتوسط.', "who"
    )
    assert q.answer == "أنقرة وشمال قبرص"
    assert "أنقرة وقبرص" not in q.distractors


def test_the_years_an_agreement_covers_are_asked_as_written(analyse_text: Analyse) -> None:
    (q,) = _questions(
        analyse_text,
        "ووقع وزيرا الزراعة في البلدين برنامجا تنفيذيا لتطوير الري للأعوام 2025 – 2027.",
        "how_long",
    )
    assert q.answer == "2025 – 2027"
    assert bare(q.prompt_ar) == bare("ما الفترة الزمنية للبرنامج؟")
    assert len(q.distractors) == 3 and all(" – " in d for d in q.distractors)


def test_where_the_occasion_was_held_leaves_the_speaker_out(analyse_text: Analyse) -> None:
    (q,) = _questions(
        analyse_text,
        "وقال وزير النقل خلال المؤتمر الصحفي الذي عقد أمس في عمان: "
        '"إن مشروع السكك الحديدية سيبدأ العام المقبل".',
        "where",
    )
    assert bare(q.prompt_ar) == bare("أين عُقد المؤتمر الصحفي؟")
    assert q.answer == "عمان" and "وزير" not in q.prompt_ar


def test_a_signing_with_only_the_other_party_named_is_not_asked_who(analyse_text: Analyse) -> None:
    text = (
        "وأكدت وزيرة الصناعة أن الاتفاقية التي وقّعتها مع وزير التجارة والصناعة الكيني "
        "موسى كاماو في نيروبي أمس ستفتح أسواقا جديدة."
    )
    assert _questions(analyse_text, text, "who") == []


def test_a_purpose_verb_is_not_what_the_agreement_covers(analyse_text: Analyse) -> None:
    text = "ووقع البلدان اتفاقا ينص على وقف إطلاق النار، وتوسيع بعثة المراقبة لتشمل مناطق جديدة."
    prompts = [bare(q.prompt_ar) for q in _questions(analyse_text, text, "what")]
    assert all("لتشمل" not in p for p in prompts)


def test_two_bodies_that_share_a_word_are_two_signers(analyse_text: Analyse) -> None:
    (q,) = _questions(
        analyse_text,
        "وجرى أمس في بروكسل توقيع اتفاقية بين الاتحاد الأفريقي والاتحاد الأوروبي لدعم الزراعة.",
        "who",
    )
    assert q.answer == "الاتحاد الأفريقي والاتحاد الأوروبي"


def test_the_country_an_adjective_names_is_known_for_the_wrong_places() -> None:
    # "في العاصمة الكوبية هافانا": كوبا would be a second right answer to "where".
    assert "كوبا" in countries_of_adjective("الكوبية")
    assert countries_of_adjective("العربية") == [] and countries_of_adjective("الثانية") == []

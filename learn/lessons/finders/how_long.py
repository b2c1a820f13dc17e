"""how_long: how long an agreement lasts — the duration its frames hold ("لمدة 27 عاما",
"معاهدة العشرين عاما"), or a duration that follows an agreement noun in its clause."""

from __future__ import annotations

import re
from collections.abc import Sequence

from learn.lessons.agreements import agreement_head, definite_noun, english_of
from learn.lessons.clauses import mentions_agreement
from learn.lessons.context import Context, Draft
from learn.lessons.distractors import (
    duration_en,
    format_duration,
    nearby_counts,
    parse_duration_key,
    pick,
    uses_sana,
)
from learn.lessons.finders.common import entities, entity_tokens, same_phrase, with_prefix
from learn.lessons.finders.registry import register
from learn.lessons.text import bare
from learn.nlp.entities.numeric import period_years
from learn.nlp.morphology.arabic import dediac
from learn.nlp.types import Entity, Token

_LEADS = frozenset({"لمده", "مدته", "مدتها", "طيله", "طوال", "لفتره", "مده"})


@register("how_long", order=30)
def how_long_questions(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    for agreement in ctx.agreements:
        found = agreement.first("duration")
        if found is not None and isinstance(found[0], Entity):
            draft = _draft(ctx, found[0], agreement.noun(), agreement.english)
            if draft is not None:
                drafts.append(draft)
    asked = {d.evidence.sentence for d in drafts}
    for view, ent in entities(ctx, ("DURATION",)):
        if view.sentence.index in asked:
            continue
        span = entity_tokens(view, ent)
        if span is None or span[0] == 0:
            continue
        first = span[0]
        toks = view.tokens
        # "معاهدة العشرين عاما", "اتفاق ... لمدة 60 يوما": an agreement noun before the duration
        # in its clause, the duration right after it or after a lead word.
        lead = ent.text.split()[0]
        noun = mentions_agreement(toks[max(0, first - _REACH) : first])
        right_after = mentions_agreement(toks[first - 1 : first]) is not None
        if noun is not None and toks.index(noun) > 0 and toks[toks.index(noun) - 1].pos == "prep":
            continue  # "مدة المرحلة الأولى من الاتفاقية": the duration of something else
        if noun is None or not (right_after or bare(lead) in _LEADS):
            continue
        between = toks[toks.index(noun) + 1 : first]
        if _another_verb(between) and not right_after:
            continue  # "الاتفاق … ثم سيستمر لمدة": another clause in between
        head = agreement_head(noun) or bare(noun.surface)
        phrase = definite_noun(noun.surface, head)
        at = toks.index(noun)
        if at > 0 and _verbal_noun_head(toks[at - 1]):
            # "لتمديد المعاهدة لمدة عام": the term of the extension, not of the treaty
            phrase = f"{dediac(toks[at - 1].lemma or '')} {phrase}"
        draft = _draft(ctx, ent, phrase, english_of(head))
        if draft is not None:
            drafts.append(draft)
    return drafts


_REACH = 12  # tokens between an agreement noun and its term ("اتفاق … الذي اقترحته … لمدة")


def _another_verb(between: Sequence[Token]) -> bool:
    """A verb between the agreement and the duration that is not in a relative clause about
    the agreement ("الاتفاق الذي اقترحته الولايات المتحدة لمدة 60 يوما" keeps its term)."""
    for tok in between:
        if tok.pos == "pron_rel":
            return False
        if tok.pos == "verb":
            return True
    return False


def _verbal_noun_head(tok: Token) -> bool:
    """A noun heading the agreement as its construct ("تمديد المعاهدة", "تجديد الاتفاق")."""
    return (
        tok.pos == "noun"
        and bool(tok.lemma)
        and not bare(tok.surface).lstrip("لب").startswith("ال")
    )


def _draft(ctx: Context, ent: Entity, noun: str, english: str) -> Draft | None:
    if period_years(ent.key) is not None:
        return _period_draft(ctx, ent, noun, english)
    parsed = parse_duration_key(ent.key)
    if parsed is None:
        return None
    n, unit = parsed
    others = []
    for other in ctx.analyzed.entities:
        p = parse_duration_key(other.key) if other.type == "DURATION" else None
        if p and p[1] == unit and p[0] != n:
            others.append(p[0])
    counts = list(dict.fromkeys([*others, *nearby_counts(n)]))
    sana = uses_sana(ent.text)
    answer = format_duration(n, unit, sana)
    distractors = pick(answer, (format_duration(c, unit, sana) for c in counts), same=same_phrase)
    return Draft(
        type="how_long",
        prompt_ar=f"ما مدة {noun}؟",
        prompt_en=f"How long does the {english} last?",
        answer=answer,
        distractors=distractors,
        evidence=ctx.span(ent.sentence, ent.start, ent.end),
        difficulty=0.35,
        answer_en=duration_en(n, unit),
        topic=f"how_long:{bare(noun)}",
    )


_RANGE = re.compile(r"(\d{4})(\D{1,9}?)(\d{4})")
# Other ranges of years for the wrong answers: shifted, longer, shorter.
_SHIFTS = ((-1, -1), (1, 1), (0, 1), (-1, 0), (0, 2), (-2, -2))


def _period_draft(ctx: Context, ent: Entity, noun: str, english: str) -> Draft | None:
    """ "للأعوام 2026 – 2027": which years the agreement covers, written as the text writes
    the range; the wrong answers are other ranges of about the same years."""
    found = _RANGE.search(ent.text)
    if found is None:
        return None
    first, between, last = int(found.group(1)), found.group(2), int(found.group(3))
    answer = found.group(0)
    script = str.maketrans(
        "0123456789", "".join(_digit_like(found.group(1)[0], d) for d in range(10))
    )
    others = (
        f"{first + a}{between}{last + b}".translate(script)
        for a, b in _SHIFTS
        if first + a < last + b
    )
    return Draft(
        type="how_long",
        prompt_ar=f"ما الفترة الزمنية {with_prefix('ل', noun)}؟",
        prompt_en=f"Which years does the {english} cover?",
        answer=answer,
        distractors=pick(answer, others, same=same_phrase),
        evidence=ctx.span(ent.sentence, ent.start, ent.end),
        difficulty=0.35,
        answer_en=f"{first}–{last}",
        topic=f"how_long:{bare(noun)}",
    )


def _digit_like(sample: str, digit: int) -> str:
    """The digit ``digit`` in the script of ``sample`` (ASCII, Arabic-Indic, Persian)."""
    return chr(ord(sample) - int(sample) + digit)

"""how_many: counts written in digits ("12 شركة", "500 مليون دولار", "90 في المئة") as gap-fill
questions over their clause, with numbers of the same style and size as wrong answers."""

from __future__ import annotations

import re

from learn.lessons.clauses import SentenceView
from learn.lessons.context import Context, Draft
from learn.lessons.distractors import (
    MONTHS,
    MONTHS_LEVANT,
    format_number,
    nearby_numbers,
    pick,
    scale_word,
)
from learn.lessons.finders.common import (
    Blank,
    blanked_clause,
    entities,
    entity_tokens,
    same_phrase,
)
from learn.lessons.finders.registry import register
from learn.lessons.text import bare
from learn.nlp.types import Entity


def _blank(view: SentenceView, ent: Entity) -> Blank | None:
    found = blanked_clause(view, ent)
    return found if found is not None and found.filler == ent.text else None


_COUNT_NOUN_POS = frozenset({"noun", "noun_quant", "noun_num"})
# A number before these is a day of the month ("من 8 الى 10 كانون الاول"), not a count.
_DATE_WORDS = frozenset(
    bare(w) for w in (*MONTHS, *(m.split()[0] for m in MONTHS_LEVANT), "الحالي", "الجاري", "المقبل")
)
_NUMBER_TEXT_RE = re.compile(r"([\d.,]*\d)\s*(.*)")
_PERCENT_WORDS = frozenset({"بالمئه", "بالمائه", "%", "٪"})
_PERCENT_SCALES = frozenset({"في المئه", "في المائه", "بالمئه", "بالمائه", "%", "٪"})


def _number_value(ent: Entity) -> float | None:
    try:
        return float((ent.key or ent.text).replace(",", "").replace("٬", ""))
    except ValueError:
        return None


def _counted(view: SentenceView, after: int) -> str | None:
    """What a number counts: "noun" ("12 شركة"), "percent" ("90 في المئة"), or None."""
    toks = view.tokens
    if after >= len(toks):
        return None
    nxt = toks[after]
    word = bare(nxt.surface)
    if word in _PERCENT_WORDS or (
        word == "في"
        and after + 1 < len(toks)
        and bare(toks[after + 1].surface) in {"المئه", "المائه"}
    ):
        return "percent"
    if word in _DATE_WORDS or nxt.entity == "DATE":
        return None
    if nxt.is_word and nxt.pos in _COUNT_NOUN_POS:
        return "noun"
    return None


@register("how_many", order=70)
def how_many_questions(ctx: Context) -> list[Draft]:
    """Counts written in digits ("12 شركة", "500 مليون دولار", "90 في المئة")."""
    drafts = []
    for view, ent in entities(ctx, ("NUMBER",)):
        m = _NUMBER_TEXT_RE.fullmatch(ent.text.strip())
        span = entity_tokens(view, ent)
        if m is None or span is None:
            continue
        base = float(m.group(1).replace(",", ""))
        scale = m.group(2).strip()  # "مليون", "ألف" or ""
        if base <= 0 or (not scale and 1900 <= base <= 2100):
            continue  # a year is a "when" fact, not a count
        if any(
            o.type in {"DATE", "DURATION"} and o.start <= ent.start < o.end for o in view.entities
        ):
            continue
        counted = "percent" if bare(scale) in _PERCENT_SCALES else _counted(view, span[1])
        blanked = _blank(view, ent) if counted else None
        if blanked is None:
            continue
        limit = 100 if counted == "percent" else float("inf")
        same_style = [
            o.text.strip()
            for o in ctx.analyzed.entities
            if o.type == "NUMBER"
            and (om := _NUMBER_TEXT_RE.fullmatch(o.text.strip())) is not None
            and om.group(2).strip() == scale
            and base / 10 <= float(om.group(1).replace(",", "")) <= min(base * 10, limit)
        ]
        generated = [
            f"{format_number(c)} {scale_word(scale, c)}".strip()
            for c in nearby_numbers(base)
            if c <= limit
        ]
        answer = ent.text.strip()
        distractors = pick(answer, [*same_style, *generated], same=same_phrase)
        prompts = [f"كم؟ أكمل بالعدد حسب النص: «{p}»" for p in blanked.prompts]
        drafts.append(
            Draft(
                type="how_many",
                prompt_ar=prompts[0],
                prompt_en="How many / how much? Fill the gap with the number in the article.",
                answer=answer,
                distractors=distractors,
                evidence=ctx.span(view.sentence.index, ent.start, ent.end),
                difficulty=0.45,
                topic=f"how_many:{bare(blanked.prompts[0])}",
                shorter=tuple(prompts[1:]),
            )
        )
    return drafts

"""when: the date an agreement was signed (its signing frame's date), and other dates of the
article as gap-fill questions over their clause."""

from __future__ import annotations

from learn.lessons.agreements import Agreement
from learn.lessons.context import Context, Draft
from learn.lessons.distractors import date_variants, pick
from learn.lessons.finders.common import blanked_clause, entities, event_question, same_date
from learn.lessons.finders.registry import register
from learn.lessons.text import bare
from learn.nlp.syntax.types import Frame
from learn.nlp.types import Entity

_DATED_EVENTS = frozenset({"sign"})


@register("when", order=40)
def when_questions(ctx: Context) -> list[Draft]:
    drafts = [d for a in ctx.agreements if (d := _signed_when(ctx, a)) is not None]
    drafts += [d for f in ctx.frames if (d := _event_when(ctx, f)) is not None]
    for view, ent in entities(ctx, ("DATE",)):
        variants = date_variants(ent.text)
        blanked = blanked_clause(view, ent)
        if variants is None or blanked is None:
            continue
        if blanked.filler != ent.text:
            continue  # "وبحلول الأحد": the blank would carry letters that are not the date
        prompts = [f"متى؟ أكمل حسب النص: «{p}»" for p in blanked.prompts]
        draft = _draft(
            ctx,
            ent,
            prompt_ar=prompts[0],
            prompt_en="When? Fill the gap with the date given in the article.",
            topic=f"when:{bare(blanked.prompts[0])}",
        )
        draft.shorter = tuple(prompts[1:])
        drafts.append(draft)
    return drafts


def signing_frame_with(agreement: Agreement, attribute: str) -> Frame | None:
    """The first signing frame (the one naming the signers first) that states ``attribute``."""
    order = sorted(
        (f for f in agreement.frames if f.event in _DATED_EVENTS),
        key=lambda f: f is not agreement.signing,
    )
    return next((f for f in order if getattr(f, attribute) is not None), None)


def signed_verb(agreement: Agreement) -> str:
    return "وُقِّعَت" if agreement.feminine else "وُقِّعَ"


def _signed_when(ctx: Context, agreement: Agreement) -> Draft | None:
    frame = signing_frame_with(agreement, "date")
    if frame is None or frame.date is None:
        return None
    if date_variants(frame.date.text) is None:
        return None
    noun = agreement.noun()
    return _draft(
        ctx,
        frame.date,
        prompt_ar=f"متى {signed_verb(agreement)} {noun}؟",
        prompt_en=f"When was the {agreement.english} signed?",
        topic=f"when:sign:{bare(noun)}",
    )


def _event_when(ctx: Context, frame: Frame) -> Draft | None:
    """When someone arrived, met or announced: "متى وصل الرئيس الأمريكي جو بايدن؟". (When a
    statement was made is left to the gap-fills: it is mostly the day of the report.)"""
    if frame.event == "say" or frame.date is None or date_variants(frame.date.text) is None:
        return None
    asked = event_question(ctx, frame, "متى")
    if asked is None:
        return None
    prompt_ar, doer = asked
    english = f"When did this happen ({frame.event}), according to the article?"
    return _draft(ctx, frame.date, prompt_ar, english, f"when:{frame.event}:{bare(doer)}")


def _draft(ctx: Context, ent: Entity, prompt_ar: str, prompt_en: str, topic: str) -> Draft:
    variants = date_variants(ent.text)
    kind, generated = variants if variants is not None else ("", [])
    view = ctx.views[ent.sentence]
    # Other dates of the article first, when written the same way ("يوم X").
    same_kind = [
        o.text
        for o in ctx.analyzed.entities
        if o.type == "DATE"
        and len(o.text.split()) == len(ent.text.split())
        and (dv := date_variants(o.text)) is not None
        and dv[0] == kind
    ]
    in_sentence = [o.text for o in view.entities if o.type == "DATE"]
    in_sentence += [t.surface for t in view.tokens if t.is_word]
    banned = [w for w in in_sentence if date_variants(w) is not None and w != ent.text]
    distractors = pick(ent.text, [*same_kind, *generated], same=same_date, banned=banned)
    return Draft(
        type="when",
        prompt_ar=prompt_ar,
        prompt_en=prompt_en,
        answer=ent.text,
        distractors=distractors,
        evidence=ctx.span(ent.sentence, ent.start, ent.end),
        difficulty=0.4,
        answer_en=ent.gloss,
        topic=topic,
    )

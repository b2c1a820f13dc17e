"""where: where an agreement was signed (its signing frame's place), and places after في in
other clauses as gap-fill questions."""

from __future__ import annotations

from collections.abc import Sequence

from learn.lessons.agreements import Agreement
from learn.lessons.clauses import SentenceView, clause_start
from learn.lessons.context import Context, Draft
from learn.lessons.distractors import countries_of_adjective, pick, places_linked
from learn.lessons.finders.common import (
    attached_prefix,
    blanked_clause,
    entities,
    entity_tokens,
    event_question,
    has_verb,
    name_candidates,
    names_in_sentence,
    same_phrase,
    with_prefix,
)
from learn.lessons.finders.registry import register
from learn.lessons.finders.when import signed_verb, signing_frame_with
from learn.lessons.text import bare
from learn.nlp.entities.namelists import PLACE_DESCRIPTORS
from learn.nlp.morphology.arabic import normalize_key
from learn.nlp.syntax.types import Frame, TextSpan
from learn.nlp.types import Entity

_MAX_VENUE_WORDS = 5


@register("where", order=50)
def where_questions(ctx: Context) -> list[Draft]:
    drafts = [d for a in ctx.agreements if (d := _signed_where(ctx, a)) is not None]
    drafts += [d for f in ctx.frames if (d := _event_where(ctx, f)) is not None]
    for view, ent in entities(ctx, ("LOCATION",)):
        span = entity_tokens(view, ent)
        if span is None or span[0] == 0:
            continue
        first = span[0]
        after_fi = bare(view.tokens[first - 1].surface) == "في" or _after_fi_descriptor(view, first)
        # "حيز التنفيذ بغزة", "بالعاصمة تونس": the preposition written on the place
        attached = bare(attached_prefix(view.tokens[first].surface, ent.text)).lstrip("و") == "ب"
        if not (after_fi or attached):
            continue
        # A verb must come before "في" in the clause: something happened in that place.
        if has_verb(view, clause_start(view, first), first) is None:
            continue
        blanked = blanked_clause(view, ent)
        if blanked is None:
            continue
        # The blank takes whole words: "والرياض" is answered "والرياض", not "الرياض".
        answer = blanked.filler if blanked.filler != ent.text else ctx.name_of(ent)
        if blanked.filler == ent.text and ent.text != ctx.name_of(ent):
            answer = ent.text
        prompts = [f"أين؟ أكمل حسب النص: «{p}»" for p in blanked.prompts]
        draft = _draft(
            ctx,
            view,
            ent,
            answer,
            prompt_ar=prompts[0],
            prompt_en="Where? Fill the gap with the place given in the article.",
            topic=f"where:{bare(blanked.prompts[0])}",
        )
        draft.shorter = tuple(prompts[1:])
        drafts.append(draft)
    return drafts


def _after_fi_descriptor(view: SentenceView, first: int) -> bool:
    """ "في العاصمة روما", "في مدينة جدة": في and a word that says what kind of place it is."""
    if first < 2 or bare(view.tokens[first - 2].surface) != "في":
        return False
    return normalize_key(view.tokens[first - 1].surface) in PLACE_DESCRIPTORS


def _signed_where(ctx: Context, agreement: Agreement) -> Draft | None:
    frame = signing_frame_with(agreement, "place")
    if frame is None or frame.place is None:
        return None
    view = ctx.views[frame.sentence]
    noun = agreement.noun()
    prompt_ar = f"أين {signed_verb(agreement)} {noun}؟"
    prompt_en = f"Where was the {agreement.english} signed?"
    topic = f"where:sign:{bare(noun)}"
    place = _named_place(ctx, frame.place)
    if place is not None:
        answer = ctx.name_of(place) if place.text == ctx.name_of(place) else place.text
        # Places of the agreement's other clauses may hold the answer ("في روما" and "في
        # قصر كويرينالي"): none of them is a wrong answer.
        sentences = {f.sentence for f in agreement.frames}
        also = [n for i in sentences for n in names_in_sentence(ctx, ctx.views[i])]
        return _draft(ctx, view, place, answer, prompt_ar, prompt_en, topic, also)
    return _venue_draft(ctx, view, frame.place, prompt_ar, prompt_en, topic)


def _event_where(ctx: Context, frame: Frame) -> Draft | None:
    """Where someone spoke, arrived, met or announced: "أين تحدّث وزير الخارجية المصري؟",
    "إلى أين وصل …؟"."""
    if frame.place is None:
        return None
    to = frame.event == "visit" and _after_to(ctx, frame.place)
    asked = _occasion_question(ctx, frame) or event_question(ctx, frame, "إلى أين" if to else "أين")
    if asked is None:
        return None
    prompt_ar, subject = asked
    view = ctx.views[frame.sentence]
    prompt_en = _ENGLISH.get(frame.event, "Where did this happen?")
    topic = f"where:{frame.event}:{bare(subject)}"
    place = _named_place(ctx, frame.place)
    if place is not None:
        answer = ctx.name_of(place) if place.text == ctx.name_of(place) else place.text
        return _draft(ctx, view, place, answer, prompt_ar, prompt_en, topic)
    return _venue_draft(ctx, view, frame.place, prompt_ar, prompt_en, topic)


def _occasion_question(ctx: Context, frame: Frame) -> tuple[str, str] | None:
    """ "أين عُقد المؤتمر الصحفي؟": the place of the occasion the speaker spoke at, asked
    without the speaker (who may be another question's answer)."""
    occasion = frame.occasion
    if occasion is None or not frame.asserted:
        return None
    name = occasion.text.strip()
    if not bare(name).startswith("ال") or len(name.split()) > _MAX_OCCASION_WORDS:
        return None
    after = bare(ctx.analyzed.text[occasion.end : occasion.end + 6]).split()
    held = "عُقدت" if after[:1] == ["التي"] else "عُقد"
    return f"أين {held} {name}؟", name


_MAX_OCCASION_WORDS = 3

_ENGLISH = {
    "say": "Where did they speak, according to the article?",
    "announce": "Where was the announcement made?",
    "visit": "Where did they arrive or go?",
    "meet": "Where did the meeting take place?",
    "host": "Where was it hosted?",
    "sanction": "Where were the sanctions announced?",
    "decide": "Where was the decision taken?",
}


def _after_to(ctx: Context, place: TextSpan) -> bool:
    before = ctx.analyzed.text[max(0, place.start - 5) : place.start]
    return bare(before).rstrip().endswith("الي")


def _venue_draft(
    ctx: Context, view: SentenceView, place: TextSpan, prompt_ar: str, prompt_en: str, topic: str
) -> Draft | None:
    venue = place.text.strip()
    if len(venue.split()) > _MAX_VENUE_WORDS:
        return None
    # Venues of one kind share a word ("قصر …"): told apart by the whole phrase, not a word.
    banned = names_in_sentence(ctx, view)
    distractors = pick(venue, ctx.fallbacks.venues, n=3, banned=banned, same=same_phrase)
    return Draft(
        type="where",
        prompt_ar=prompt_ar,
        prompt_en=prompt_en,
        answer=venue,
        distractors=distractors,
        evidence=ctx.span(place.sentence, place.start, place.end),
        difficulty=0.4,
        topic=topic,
    )


def _named_place(ctx: Context, place: TextSpan) -> Entity | None:
    """The most specific named place of a place phrase: "روما" of "مقر الوزارة في العاصمة روما"."""
    inside = [
        e
        for e in ctx.analyzed.entities
        if e.type == "LOCATION" and place.start <= e.start and e.end <= place.end
    ]
    return inside[-1] if inside else None


def _draft(
    ctx: Context,
    view: SentenceView,
    ent: Entity,
    answer: str,
    prompt_ar: str,
    prompt_en: str,
    topic: str,
    also_banned: Sequence[str] = (),
) -> Draft:
    banned = [*names_in_sentence(ctx, view), *related_places(ctx, ent.text, view), *also_banned]
    prefix = attached_prefix(answer, ent.text)
    candidates = (with_prefix(prefix, n) for n in name_candidates(ctx, "LOCATION"))
    distractors = pick(answer, candidates, n=3, banned=banned)
    return Draft(
        type="where",
        prompt_ar=prompt_ar,
        prompt_en=prompt_en,
        answer=answer,
        distractors=distractors,
        evidence=ctx.span(view.sentence.index, *_answer_span(view, ent, answer)),
        difficulty=0.4,
        answer_en=ent.gloss,
        topic=topic,
    )


def _answer_span(view: SentenceView, ent: Entity, answer: str) -> tuple[int, int]:
    """Where the answer is written: the whole word when it carries a preposition
    ("بالخرطوم" for the place الخرطوم)."""
    if answer == ent.text:
        return ent.start, ent.end
    at = view.token_at(ent.start)
    start = view.tokens[at].start if at is not None else ent.start
    return start, ent.end


def _core(name: str) -> str:
    w = bare(name)
    return w[2:] if w.startswith("ال") and len(w) > 4 else w


def related_places(ctx: Context, answer: str, view: SentenceView) -> list[str]:
    """Places that may contain or be inside the answer, judged from the article's own words.

    A place is related when it is mentioned near the answer or its adjective ("في العاصمة
    الأردنية عمّان" relates Amman to Jordan), so it cannot be a safe wrong answer.
    """
    related = []
    evidence = bare(view.text)
    for other in ctx.analyzed.entities:
        if other.type != "LOCATION":
            continue
        name = ctx.name_of(other)
        sentence = bare(ctx.views[other.sentence].text)
        if _core(name) in evidence or _core(answer) in sentence or places_linked(name, answer):
            related.append(name)
    # "في العاصمة الكوبية هافانا": the country of an adjective in the sentence holds the answer.
    for tok in view.tokens:
        if tok.pos == "adj":
            related += countries_of_adjective(tok.surface)
    related += [p for p in ctx.fallbacks.locations if places_linked(p, answer)]
    related += [p for p in ctx.pool.locations if places_linked(p, answer)]
    return related

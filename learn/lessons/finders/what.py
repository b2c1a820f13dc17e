"""what: what an agreement covers, from the phrases its frames hold (its own noun phrase,
"تشمل …", "تنص على …", "بموجب …")."""

from __future__ import annotations

import itertools
import re

from learn.lessons.agreements import Agreement
from learn.lessons.clauses import ALL_WORDS
from learn.lessons.context import Context, Draft
from learn.lessons.distractors import pick
from learn.lessons.finders.common import MAX_ANSWER_WORDS, same_phrase, word_count
from learn.lessons.finders.registry import register
from learn.lessons.text import bare, clean_span_text
from learn.lessons.types import Span
from learn.nlp.syntax.types import Frame, TextSpan

_MAX_ITEMS = 3


@register("what", order=20)
def what_questions(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    for agreement in ctx.agreements:
        if ctx.ambiguous(agreement):
            continue
        for span, frame in agreement.coverage:
            draft = _covers(ctx, agreement, span, frame)
            if draft is not None:
                drafts.append(draft)
    # The most telling first: "وقف دائم للقتال" before a one-word "سلام".
    return sorted(drafts, key=lambda d: word_count(d.answer) < 2)


def items(text: str) -> list[str]:
    """The items of a coverage list, in order: "A، وB، وC" -> [A, B, C]."""
    parts = [p.strip(" ،,") for p in re.split(r"\s*[،,]\s*", text) if p.strip(" ،,")]
    out = []
    for k, part in enumerate(parts):
        if k and part[:1] == "و" and len(part) > 3:
            part = part[1:]
        out.append(part)
    return out


def _answer(ctx: Context, span: TextSpan) -> str | None:
    """The coverage as an answer: whole items only, at most three, none a new clause."""
    kept = []
    text = clean_span_text(span.text)
    if text.startswith("لل"):
        text = "ا" + text[1:]  # "للتجارة الحرة" = لـ + التجارة الحرة
    text = _ATTRIBUTION.split(text)[0]  # "…، وفق بلومبرغ": who reported it, not what it covers
    for item in items(text):
        first = item.split()[0] if item.split() else ""
        if not first or _starts_clause(ctx, span, item):
            break
        kept.append(item)
        if len(kept) == _MAX_ITEMS:
            break
    answer = "، و".join(kept) if len(kept) > 1 else (kept[0] if kept else "")
    if not answer or word_count(answer) > MAX_ANSWER_WORDS:
        return None
    return answer


def _starts_clause(ctx: Context, span: TextSpan, item: str) -> bool:
    """Is this "item" a new clause ("أطلق عليه اسم …") rather than a noun phrase?"""
    view = ctx.views[span.sentence]
    at = view.text.find(item, span.start - view.sentence.start - 1)
    offset = view.sentence.start + at if at >= 0 else span.start
    token = view.token_at(offset)
    if token is None:
        return True
    tok = view.tokens[token]
    return tok.pos in {"verb", "pron_rel", "conj_sub", "part", "part_neg"}


def _covers(ctx: Context, agreement: Agreement, span: TextSpan, frame: Frame) -> Draft | None:
    answer = _answer(ctx, span)
    if answer is None:
        return None
    content = [w for w in bare(answer).split() if len(w) > 2]
    if not content or all(w in {"تعاون", "التعاون"} for w in content):
        return None  # "اتفاقية تعاون": says nothing of what the cooperation is in
    noun = agreement.noun()
    evidence = _evidence(ctx, span, answer)
    if evidence is None:
        return None
    is_all = bare(answer.split()[0]) in ALL_WORDS
    if is_all:
        parts = _parts_of_all(answer)
        distractors = pick(answer, parts, n=3, same=same_phrase)
        prompt_ar = f"أيّ عبارة تصف بدقة ما {_verb(agreement, 'تغطيه', 'يغطيه')} {noun}؟"
        prompt_en = f"Which phrase says exactly what the {agreement.english} covers?"
    else:
        distractors = _area_distractors(ctx, answer)
        prompt_ar, prompt_en = _prompt(ctx, agreement, span, frame, noun)
    return Draft(
        type="what",
        prompt_ar=prompt_ar,
        prompt_en=prompt_en,
        answer=answer,
        distractors=distractors,
        evidence=evidence,
        difficulty=0.5,
        topic=f"what:{'all' if is_all else 'part'}:{bare(noun)}:{bare(answer)}",
    )


def _prompt(
    ctx: Context, agreement: Agreement, span: TextSpan, frame: Frame, noun: str
) -> tuple[str, str]:
    """The question as the article states the fact: "على ماذا تنص …؟" after تنص على, "ماذا
    يتضمن …؟" after يتضمن, "ما الهدف من …؟" for a purpose (لتوريد …), else its subject."""
    english = agreement.english
    trigger = bare(frame.trigger.text)
    if frame.event == "cover" and trigger.removeprefix("و") in _PROVIDE:
        verb = _verb(agreement, "تنصّ", "ينصّ")
        return f"على ماذا {verb} {noun}؟", f"What does the {english} provide for?"
    if frame.event == "cover" and trigger.removeprefix("و") in _AIM:
        verb = frame.trigger.text.strip().removeprefix("و")
        return f"إلامَ {verb} {noun}؟", f"What does the {english} aim at?"
    if frame.event == "cover" and frame.trigger.text.strip() and " " not in frame.trigger.text:
        return f"ماذا {frame.trigger.text.strip()} {noun}؟", f"What does the {english} include?"
    before = ctx.analyzed.text[max(0, span.start - 1) : span.start]
    if before == "ل" or span.text.startswith("لل"):
        return f"ما الهدف من {noun}؟", f"What is the {english} for?"
    return f"ما موضوع {noun}؟", f"What is the {english} about?"


_PROVIDE = frozenset({"تنص", "ينص", "نصت", "نص"})
_AIM = frozenset({"تهدف", "يهدف", "هدفت", "هدف"})
_ATTRIBUTION = re.compile(r"\s*[،,]\s*(?:وفق|وفقا|حسب|بحسب|نقلا)(?=\s|$)")


def _evidence(ctx: Context, span: TextSpan, answer: str) -> Span | None:
    """The words of the sentence the answer comes from: the answer as written, or for
    "التجارة الحرة" the written "للتجارة الحرة" around it."""
    view = ctx.views[span.sentence]
    at = view.text.find(answer)
    if at >= 0:
        start = view.sentence.start + at
        return ctx.span(span.sentence, start, start + len(answer))
    if answer.startswith("ال") and ("ل" + answer[1:]) in view.text:
        start = view.sentence.start + view.text.find("ل" + answer[1:])
        return ctx.span(span.sentence, start, start + len(answer))
    return None


def _verb(agreement: Agreement, feminine: str, masculine: str) -> str:
    return feminine if agreement.feminine else masculine


def _parts_of_all(answer: str) -> list[str]:
    """For "all areas, from A and B to C and D": the narrower readings "A and B", "C and D",
    "B" — each wrong for a question that asks what the agreement covers exactly."""
    body = re.sub(r"^\S+\s+\S+\s*[–—-]?\s*", "", answer)  # drop "جميع المجالات –"
    body = re.sub(r"^من\s+", "", body)
    parts = [p.strip(" ،,") for p in re.split(r"\s+إلى\s+|\s+الى\s+|،", body) if p.strip(" ،,")]
    out = list(parts)
    for p in parts:
        pieces = [w.strip() for w in re.split(r"\s+و(?=\S)", p) if w.strip()]
        if len(pieces) > 1:
            last = pieces[-1]
            # "التعاون التجاري والعسكري": the adjective alone needs its noun back.
            if len(pieces[0].split()) > 1 and len(last.split()) == 1:
                last = f"{pieces[0].split()[0]} {last}"
            out.append(last)
    return out


def _area_distractors(ctx: Context, answer: str) -> list[str]:
    """Other agreements' subjects that this article never mentions, as many items each as the
    answer has, so that length and shape do not point at the right one."""
    n_items = len(items(answer))
    areas = [a for a in _unmentioned_areas(ctx) if len(items(a)) == 1]
    if n_items == 1:
        return pick(answer, areas, n=3, same=same_phrase)
    groups = ("، و".join(c) for c in itertools.combinations(areas[: 3 * n_items], n_items))
    return pick(answer, groups, n=3, same=_shares_item)


def _shares_item(a: str, b: str) -> bool:
    return bool({bare(i) for i in items(a)} & {bare(i) for i in items(b)})


def _unmentioned_areas(ctx: Context) -> list[str]:
    return [p for p in itertools.chain(ctx.pool.areas, ctx.fallbacks.areas) if not ctx.mentioned(p)]

"""who_said: who said a quotation («…»), or a reported statement ("قال X إن …"), when the
speaker is named in the same sentence."""

from __future__ import annotations

import re

from learn.lessons.context import Context, Draft
from learn.lessons.finders.common import name_groups, names_in_sentence, party_answer
from learn.lessons.finders.registry import register
from learn.lessons.finders.who import role_distractors
from learn.lessons.text import bare, clean_span_text
from learn.nlp.syntax.frames import SPEECH_EVENTS
from learn.nlp.syntax.types import GROUP, ORGANIZATION, ROLE, Frame, Party, TextSpan
from learn.nlp.types import Entity, Quotation

_MAX_QUOTE_WORDS = 20
_MIN_QUOTE_WORDS = 3
_BACK = 1  # a quotation's speaker may be named in the sentence before ("وأضاف: «…»")
_LINKS = frozenset({"انه", "انها", "انهم", "انهما", "اننا", "انني", "بانه", "بانها", "بانهم"})


@register("who_said", order=60)
def who_said_questions(ctx: Context) -> list[Draft]:
    drafts = []
    for quote in ctx.analyzed.quotations:
        speaker = quote.speaker
        if speaker is None:
            draft = _said_by_frame(ctx, quote)
            if draft is not None:
                drafts.append(draft)
            continue
        if speaker.type not in {"PERSON", "ORGANIZATION"}:
            continue
        speaker = _person_after_title(ctx, speaker)
        if ctx.is_partial(speaker) or not 0 <= quote.sentence - speaker.sentence <= _BACK:
            continue  # the answer must be in the evidence: this sentence or the one before
        draft = _draft(ctx, quote.text, quote.sentence, speaker.start, speaker.end, direct=True)
        if draft is not None:
            if speaker.sentence != quote.sentence:  # "وأضاف: «…»": named just before
                _named_before(ctx, draft, speaker.sentence, speaker.start, speaker.end)
            answer = ctx.name_of(speaker)
            if not set(bare(answer).split()) <= set(bare(draft.evidence.text).split()):
                answer = speaker.text
            drafts.append(_with_answer(ctx, draft, answer, speaker.type, speaker.gloss))
    for frame in ctx.frames:
        draft = _reported(ctx, frame)
        if draft is not None:
            drafts.append(draft)
    # In reading order: quoted and reported words of the same speaker alternate as written.
    return sorted(drafts, key=lambda d: (d.evidence.sentence, d.evidence.start))


def _said_by_frame(ctx: Context, quote: Quotation) -> Draft | None:
    """ "وقال وزير الدولة لشؤون الطاقة …: «…»": a quotation whose speaker is a role (or a
    name the quotation rules did not link), read off the verb of saying before it."""
    frame = next(
        (
            f
            for f in ctx.frames
            if f.event == "say"
            and f.sentence == quote.sentence
            and f.trigger.end <= quote.start
            and f.asserted
        ),
        None,
    )
    speakers = [p for p in frame.agents if p.kind != GROUP] if frame is not None else []
    if len(speakers) != 1:
        return None
    party = speakers[0]
    if party.name is not None and ctx.is_partial(party.name):
        return None
    draft = _draft(ctx, quote.text, quote.sentence, party.span.start, party.span.end, True)
    answer = _speaker_answer(ctx, party) if draft is not None else None
    if draft is None or answer is None:
        return None
    return _with_answer(ctx, draft, answer, _speaker_type(ctx, party, answer), _gloss(party))


def _speaker_type(ctx: Context, party: Party, answer: str) -> str:
    """What the wrong answers must be: organisations, people — or roles, when the answer is
    the role as written (the person who holds it, named elsewhere, must not be a choice)."""
    if party.kind == ORGANIZATION:
        return "ORGANIZATION"
    if party.kind == ROLE:
        holder = ctx.person_with_title(party.span.text)
        if holder is None or answer != ctx.name_of(holder):
            return "ROLE"
    return "PERSON"


def _gloss(party: Party) -> str | None:
    return party.name.gloss if party.name is not None else None


def _person_after_title(ctx: Context, speaker: Entity) -> Entity:
    """ "الأمين العام لجامعة الدول العربية أحمد أبو الغيط": the person, not the organisation."""
    if speaker.type == "PERSON":
        return speaker
    view = ctx.views[speaker.sentence]
    for ent in view.entities:
        if ent.type == "PERSON" and 0 <= ent.start - speaker.end <= 2:
            return ent
    return speaker


def _reported(ctx: Context, frame: Frame) -> Draft | None:
    """ "وقال شكري إنه تم التوصل لاتفاق …": what was said, without quotation marks."""
    if frame.content is None or not frame.asserted:
        return None
    speakers = [p for p in frame.agents if p.kind != GROUP]
    if not frame.agents:
        speakers = _previous_speaker(ctx, frame)  # "وأضاف: …", "، وأكد أن …"
    if len(speakers) != 1:
        return None
    party = speakers[0]
    if party.name is not None and ctx.is_partial(party.name):
        return None
    content = frame.content.text.strip()
    if any(mark in content for mark in _QUOTE_MARKS):
        if not _only_short_quotes(ctx, frame.content):
            return None  # a quotation follows: asked as such, with its own words
        content = _guillemets(content)  # "بأنه “يوم تاريخي”": too short alone
    verb = _finite_verb(frame.trigger.text)
    obj = frame.object
    if obj is not None and frame.trigger.end <= obj.start and obj.end <= frame.content.start:
        verb = f"{verb} {obj.text}"  # "وصف الاتفاق بأنه …": what was described
    draft = _draft(
        ctx, content, frame.sentence, party.span.start, party.span.end, direct=False, verb=verb
    )
    if draft is None:
        return None
    if party.span.sentence != frame.sentence:
        _named_before(ctx, draft, party.span.sentence, party.span.start, party.span.end)
    answer = _speaker_answer(ctx, party)
    if answer is None:
        return None
    return _with_answer(ctx, draft, answer, _speaker_type(ctx, party, answer), _gloss(party))


def _named_before(ctx: Context, draft: Draft, sentence: int, start: int, end: int) -> None:
    """Words continued after "وأضاف": the evidence is the sentence naming the speaker, and
    the feedback quotes the sentence the words come from."""
    said_in = draft.evidence.sentence
    draft.evidence = ctx.span(sentence, start, end)
    draft.note = ctx.views[said_in].text.strip()


def _guillemets(text: str) -> str:
    """Quotation marks of any kind as «…»; a mark left open where the words were cut is
    closed at the end."""
    text = _QUOTE_PAIRS.sub(r"«\1»", text)
    for mark in '“”"':
        text = text.replace(mark, "«" if text.count("«") <= text.count("»") else "")
    return text + "»" * (text.count("«") - text.count("»"))


# A participle of saying after a comma ("، مشيراً إلى أن …") asked with its verb.
_PARTICIPLE_VERBS = {
    "قائل": "قال", "مضيف": "أضاف", "مؤكد": "أكد", "مشير": "أشار إلى", "مشدد": "شدد على",
    "موضح": "أوضح", "لافت": "لفت إلى", "معتبر": "اعتبر",
}  # fmt: skip


def _finite_verb(trigger: str) -> str:
    """The verb a question asks with: the trigger itself, or for a participle its verb in
    the past, feminine when the participle is ("قائلة" -> "قالت")."""
    word = bare(trigger.strip()).removeprefix("و")
    for stem, verb in _PARTICIPLE_VERBS.items():
        if bare(stem) and word.startswith(bare(stem)) and len(word) <= len(bare(stem)) + 2:
            head, _, prep = verb.partition(" ")
            feminine = word.endswith("ه")
            return " ".join(p for p in (head + ("ت" if feminine else ""), prep) if p)
    return trigger


def _only_short_quotes(ctx: Context, span: TextSpan) -> bool:
    """Are the quotations inside ``span`` all too short to be asked on their own?"""
    inside = [q for q in ctx.analyzed.quotations if span.start <= q.start and q.end <= span.end]
    return bool(inside) and all(len(q.text.split()) < _MIN_QUOTE_WORDS for q in inside)


_QUOTE_MARKS = '«»“”"'
_QUOTE_PAIRS = re.compile(r'[“"«]([^“”"«»]{1,80})[”"»]')


def _previous_speaker(ctx: Context, frame: Frame) -> list[Party]:
    """The one named speaker of the statement just before, in this sentence or the one
    before: who "وأضاف" and "، وأكد أن" go on quoting."""
    before = [
        f
        for f in ctx.frames
        if f.event in SPEECH_EVENTS
        and f is not frame
        and 0 <= frame.sentence - f.sentence <= _BACK
        and (f.sentence, f.trigger.start) < (frame.sentence, frame.trigger.start)
    ]
    if not before:
        return []
    last = before[-1]
    return [p for p in last.agents if p.kind != GROUP] if len(last.agents) == 1 else []


def _speaker_answer(ctx: Context, party: Party) -> str | None:
    text = party_answer(ctx, party)
    if text is None:
        return None
    sentence = set(bare(ctx.views[party.span.sentence].text).split())
    if set(bare(text).split()) <= sentence:
        return text
    return party.name.text if party.name is not None else party.span.text


def _draft(
    ctx: Context,
    said: str,
    sentence: int,
    start: int,
    end: int,
    direct: bool,
    verb: str = "قال",
) -> Draft | None:
    words = clean_span_text(said).split()
    if words and " ".join(words).count("«") > " ".join(words).count("»"):
        words[-1] += "»"  # the closing mark the trimming took off
    if len(words) > 2 and words[-2].endswith(("،", ",")) and words[-1][:1] == "و":
        # "… 548 صوتاً، وأكد": the next clause's verb is not part of what was said
        words = [*words[:-2], words[-2].rstrip("،,")]
    if len(words) < _MIN_QUOTE_WORDS:
        return None
    shown = " ".join(words[:_MAX_QUOTE_WORDS]) + (" …" if len(words) > _MAX_QUOTE_WORDS else "")
    if direct:
        prompt = f"مَن قال: «{shown}»؟"
    elif bare(words[0]) in _LINKS:
        prompt = f"مَن {verb} {shown}؟"  # "إنه تم التوصل …": the link carries its pronoun
    else:
        # After قال the particle is إنّ; after the other verbs of saying it is أنّ.
        link = "إنّ" if bare(verb).startswith(("قال", "يقول", "تقول")) else "أنّ"
        prompt = f"مَن {verb} {link} {shown}؟"
    return Draft(
        type="who_said",
        prompt_ar=prompt,
        prompt_en="Who said this, according to the article?",
        answer="",
        distractors=[],
        evidence=ctx.span(sentence, start, end),
        difficulty=0.45 if direct else 0.5,
        topic=f"who_said:{bare(shown)}",
    )


def _with_answer(ctx: Context, draft: Draft, answer: str, etype: str, gloss: str | None) -> Draft:
    first = draft.evidence.sentence
    last = first + _BACK if draft.note else first
    banned = [n for v in ctx.views[first : last + 1] for n in names_in_sentence(ctx, v)]
    if etype == "ROLE":
        distractors = role_distractors(ctx, answer, banned)
    else:
        distractors = name_groups(ctx, [answer], etype, banned)
    draft.answer = answer
    draft.distractors = distractors
    draft.answer_en = gloss
    return draft

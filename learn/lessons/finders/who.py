"""who: who signed each agreement, and who did the article's other events (announced,
imposed, won, hosted, visited, met, accused, called for, warned, denied, praised, decided)."""

from __future__ import annotations

from learn.lessons.agreements import Agreement
from learn.lessons.clauses import SentenceView
from learn.lessons.context import Context, Draft
from learn.lessons.distractors import is_country, is_nationality, name_tokens, pick
from learn.lessons.finders.common import (
    PARTY_TYPES,
    name_candidates,
    name_groups,
    names_in_sentence,
    party_answer,
    titles_of,
)
from learn.lessons.finders.registry import register
from learn.lessons.text import bare
from learn.nlp.entities.namelists import HONORIFICS
from learn.nlp.morphology.arabic import normalize_key
from learn.nlp.syntax.types import COUNTRY, GROUP, PERSON, ROLE, VERBAL, Frame, Party
from learn.nlp.types import Entity

# Events whose doer makes a good question, with what the English prompt says.
_OTHER_EVENTS = {
    "announce": "announced this",
    "sanction": "imposed them",
    "win": "won",
    "host": "hosted it",
    "visit": "went there",
    "meet": "met",
    "accuse": "accused them",
    "call": "called for this",
    "warn": "warned",
    "deny": "denied it",
    "praise": "praised it",
    "decide": "decided this",
    "condemn": "condemned it",
    "ratify": "approved it",
}


@register("who", order=10)
def who_questions(ctx: Context) -> list[Draft]:
    drafts = [d for a in ctx.agreements if (d := _who_signed(ctx, a)) is not None]
    drafts += [d for a in ctx.agreements if (d := _countries_signed(ctx, a)) is not None]
    for frame in ctx.frames:
        if frame.event in _OTHER_EVENTS:
            draft = _who_did(ctx, frame)
            if draft is not None:
                drafts.append(draft)
    return drafts


def _parties(ctx: Context, frame: Frame) -> tuple[list[Party], list[str]] | None:
    """The named parties of a frame and their answers; None when a name may be cut short."""
    parties = [p for p in frame.agents if p.kind != GROUP]
    if not parties or frame.partial:
        return None
    if any(p.name is not None and ctx.is_partial(p.name) for p in parties):
        return None
    if any(p.kind == ROLE and _only_honorifics(p.span.text) for p in parties):
        return None  # "والدكتور" with its name unread: the list is not what the text says
    answers: list[str] = []
    for p in parties:
        text = _in_sentence(ctx, p)
        if text is None:
            return None
        if not any(_same_name(text, a) for a in answers):
            answers.append(text)
    return parties, answers


def _same_name(a: str, b: str) -> bool:
    """ "بوتين" and "فلاديمير بوتين" are one party; "الاتحاد الأفريقي" and "الاتحاد الأوروبي",
    which share a word, are two."""
    wa, wb = name_tokens(a), name_tokens(b)
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def _in_sentence(ctx: Context, party: Party) -> str | None:
    """The party's answer, kept to words its own sentence has (the evidence must hold it)."""
    text = party_answer(ctx, party)
    if text is None:
        return None
    sentence = set(bare(ctx.views[party.span.sentence].text).split())
    if set(bare(text).split()) <= sentence:
        return text
    return party.name.text if party.name is not None else party.span.text


def _who_signed(ctx: Context, agreement: Agreement) -> Draft | None:
    # The signing frame first; another signing frame when its parties cannot be read whole.
    frames = [f for f in (agreement.signing, agreement.signed_for) if f is not None]
    found = next((p for f in frames if (p := _parties(ctx, f)) is not None), None)
    if found is None:
        return None
    parties, answers = found
    frame = next(f for f in frames if _parties(ctx, f) == found)
    if len(parties) == 1 and parties[0].kind != ROLE and not parties[0].dual:
        return None  # one signer of a bilateral act: the other party is missing
    view = ctx.views[frame.sentence]
    noun = agreement.noun()
    answer = " و".join(answers)
    distractors = _distractors(ctx, parties, answers, view)
    return Draft(
        type="who",
        prompt_ar=f"مَن وقّع {noun}؟",
        prompt_en=f"According to the article, who signed the {agreement.english}?",
        answer=answer,
        distractors=distractors,
        evidence=ctx.span(frame.sentence, parties[0].span.start, parties[-1].span.end),
        difficulty=0.25,
        answer_en=_english(parties),
        topic=f"who:sign:{bare(noun)}",
    )


def _countries_signed(ctx: Context, agreement: Agreement) -> Draft | None:
    """ "ما البلدان اللذان وقّعا المعاهدة؟" when the signers are people who signed for two
    countries the article names in another clause."""
    frame = agreement.signed_for
    if frame is None:
        return None
    found = _parties(ctx, frame)
    if found is None:
        return None
    parties, answers = found
    view = ctx.views[frame.sentence]
    noun = agreement.noun()
    countries = parties[0].kind == COUNTRY
    which = "ما البلدان اللذان وقّعا" if countries else "ما الجهتان اللتان وقّعتا"
    return Draft(
        type="who",
        prompt_ar=f"{which} {noun}؟",
        prompt_en=f"Which two {'countries' if countries else 'bodies'} signed the "
        f"{agreement.english}?",
        answer=" و".join(answers),
        distractors=_distractors(ctx, parties, answers, view),
        evidence=ctx.span(frame.sentence, parties[0].span.start, parties[-1].span.end),
        difficulty=0.25,
        answer_en=_english(parties),
        topic=f"who:sign_for:{bare(noun)}",
    )


def _english(parties: list[Party]) -> str | None:
    glosses = [p.name.gloss if p.name is not None else None for p in parties]
    return " and ".join(g for g in glosses if g) if all(glosses) else None


def _distractors(
    ctx: Context, parties: list[Party], answers: list[str], view: SentenceView
) -> list[str]:
    banned = names_in_sentence(ctx, view)
    if all(p.kind == ROLE for p in parties) and all(p.name is None for p in parties):
        return role_distractors(ctx, " و".join(answers), banned)
    kinds = {PARTY_TYPES.get(p.kind, "PERSON") for p in parties}
    etype = kinds.pop() if len(kinds) == 1 else "PERSON"
    if parties[0].kind == COUNTRY:
        etype = "LOCATION"
    countries = all(p.kind == COUNTRY for p in parties) and all(is_country(a) for a in answers)
    return name_groups(ctx, answers, etype, banned, countries=countries)


def role_distractors(ctx: Context, role: str, banned: list[str]) -> list[str]:
    """Wrong answers for a role ("الرئيس الأذري", "وزيرا خارجية مصر واليونان"): other roles of
    the article, then the role with one of its countries or nationalities replaced."""
    candidates: list[str] = []
    for frame in ctx.frames:
        for p in frame.agents:
            if p.kind == ROLE and p.name is None:
                candidates.append(p.span.text)
    candidates += [e.title for e in ctx.analyzed.entities if e.type == "PERSON" and e.title]
    # "رئيسا وفدي التفاوض": the article's "رئيس …" may be one of the two, so also right.
    one_of_two = _dual_office(role)
    candidates = [c for c in candidates if not one_of_two or _office(c) != one_of_two]
    candidates += _swapped(ctx, role)
    # Offices every government has, when the article has few — not the answer's own kind of
    # office ("وزير الخارجية" may be the very "الوزير السعودي" the article quotes).
    head = _office(role)
    candidates += [r for r in ctx.fallbacks.roles if _office(r) != head]
    # The holder's other titles name the same person ("وزير الدولة لشؤون الطاقة، … والرئيس
    # التنفيذي لقطر للطاقة"); honorifics alone ("الأمير", "سعادة المهندس") fit anyone.
    banned = [*banned, *_titles_of_holder(ctx, role)]
    candidates = [c for c in candidates if not _too_general(c)]
    return pick(role, candidates, n=3, banned=banned, same=_same_role)


def _titles_of_holder(ctx: Context, role: str) -> list[str]:
    holder = ctx.person_with_title(role)
    # The parties read beside the holder's own mention may be more of their titles, which
    # the reader could not tell from a second person ("…، العضو المنتدب والرئيس التنفيذي").
    spans = [
        other.span.text
        for f in ctx.frames
        if any(bare(role) in bare(p.span.text) for p in f.agents)
        for other in f.agents
        if other.kind in {PERSON, ROLE}
    ]
    return spans if holder is None else [*spans, *titles_of(ctx, holder)]


def _only_honorifics(phrase: str) -> bool:
    words = [normalize_key(w) for w in phrase.split()]
    return bool(words) and all(w in HONORIFICS or w.removeprefix("ال") in HONORIFICS for w in words)


def _office(role: str) -> str:
    words = bare(role).split()
    return words[0].removeprefix("ال") if words else ""


def _dual_office(role: str) -> str:
    """The singular office of a role in the dual ("وزيرا خارجية …" -> "وزير"), else ""."""
    head = _office(role)
    return head[:-1] if head.endswith("ا") and len(head) >= 4 else ""


def _too_general(phrase: str) -> bool:
    """A title that fits anyone of rank: honorifics only, or one word ("الأمير")."""
    return len(phrase.split()) < 2 or _only_honorifics(phrase)


def _same_role(a: str, b: str) -> bool:
    """ "وزير الخارجية" and "وزير الخارجية المصري" may name the same office: one's words all
    in the other's."""
    wa, wb = set(bare(a).split()), set(bare(b).split())
    return wa <= wb or wb <= wa


def _swapped(ctx: Context, role: str) -> list[str]:
    """The role with one of its places, or one of its nationality adjectives, replaced by
    another one: "وزيرا خارجية مصر والأردن" -> "وزيرا خارجية مصر وتركيا"."""
    words = role.split()
    in_role = {bare(w).removeprefix("و") for w in words}
    places = [
        n
        for n in name_candidates(ctx, "LOCATION")
        if len(n.split()) == 1 and bare(n) not in in_role
    ]
    place_words = {bare(n) for n in ctx.names_in_order.get("LOCATION", [])}
    nisbas = sorted(
        {t.surface for t in ctx.analyzed.tokens if t.pos == "adj" and is_nationality(t.surface)}
    )
    out: list[str] = []
    for i, w in enumerate(words):
        stem = bare(w).removeprefix("و")
        conj = "و" if bare(w) != stem else ""
        if stem in place_words:
            out += [" ".join([*words[:i], conj + p, *words[i + 1 :]]) for p in places[:3]]
        elif any(bare(n) == stem for n in nisbas):
            out += [
                " ".join([*words[:i], n, *words[i + 1 :]])
                for n in nisbas
                if bare(n) != stem and bare(n).endswith("ه") == stem.endswith("ه")
            ]
    return out


def _who_did(ctx: Context, frame: Frame) -> Draft | None:
    """ "مَن أعلن وقف إطلاق النار؟": the clause after the doer, asked about its doer."""
    if frame.form != VERBAL or not frame.asserted:
        return None
    if frame.clause is None or not frame.agents or frame.content is not None:
        return None  # "أعلن X أن …" is reported speech: asked as who said it
    found = _parties(ctx, frame)
    if found is None:
        return None
    parties, answers = found
    view = ctx.views[frame.sentence]
    rests = _rest_of_clause(ctx, frame, parties[-1].span.end)
    if not rests:
        return None
    rest = rests[0]
    if frame.event in _TRANSITIVE and bare(rest.split()[0]) in _FREE_PREPOSITIONS:
        return None  # "مَن أعلنت في تونس؟": what was announced is missing
    verb = frame.trigger.text  # the chunk starts after a leading conjunction
    answer = " و".join(answers)
    return Draft(
        shorter=tuple(f"مَن {verb} {r}؟" for r in rests[1:]),
        type="who",
        prompt_ar=f"مَن {verb} {rest}؟",
        prompt_en=f"According to the article, who {_OTHER_EVENTS[frame.event]}?",
        answer=answer,
        distractors=_distractors(ctx, parties, answers, view),
        evidence=ctx.span(frame.sentence, parties[0].span.start, parties[-1].span.end),
        difficulty=0.3,
        answer_en=_english(parties),
        topic=f"who:{frame.event}:{bare(rest)}",
    )


_REST_WORDS = 12
# Events whose verb needs its object right after the doer, and the prepositions that show it
# is not there.
_TRANSITIVE = frozenset({"announce", "sanction", "decide", "condemn", "praise", "accuse", "ratify"})
_FREE_PREPOSITIONS = frozenset({"في", "من", "علي", "الي", "عن", "مع", "خلال", "لدي", "امام"})


def _rest_of_clause(ctx: Context, frame: Frame, after: int) -> list[str]:
    """What the doer did, as a short clause — up to the first comma, relative clause or date
    (which another question may ask), at most twelve words — and, shorter still, up to the
    first preposition (for when the longer one gives another question away)."""
    assert frame.clause is not None
    view = ctx.views[frame.sentence]
    toks = [t for t in view.tokens if t.start >= after and t.end <= frame.clause.end]
    words: list[str] = []
    first_prep = 0
    for tok in toks:
        if not tok.is_word and tok.surface.strip() in {"،", ","}:
            break
        if tok.pos == "pron_rel" or tok.entity == "DATE":
            break
        if tok.pos == "prep" and len(words) >= 2 and not first_prep:
            first_prep = len(words)
        words.append(tok.surface)
    text = " ".join(words).strip(" ،,")
    if len(text.split()) < 2 or _opens_speech(text):
        return []
    out = [text if len(words) <= _REST_WORDS else " ".join(words[:_REST_WORDS]) + " …"]
    if first_prep:
        out.append(" ".join(words[:first_prep]))
    return list(dict.fromkeys(out))


def _opens_speech(rest: str) -> bool:
    first = bare(rest.split()[0]) if rest.split() else ""
    return first in {"ان", "انه", "انها", "بان", "بانه", "بانها"} or rest[:1] in '“«":'


def speaker_entity(ctx: Context, party: Party) -> Entity | None:
    if party.name is not None:
        return party.name
    return ctx.person_with_title(party.span.text)

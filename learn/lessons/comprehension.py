"""Comprehension questions from the facts the engine found: who, what, how long, when, where,
how many, who said this, and true/false statements.

Each finder reads one kind of fact off the analysed sentences and returns drafts. A finder
returns nothing for a fact it is not sure of (negated, hedged, inside a quotation, subject not
found), because a wrong question teaches the wrong thing: precision comes first.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterator

from learn.lessons.clauses import (
    ALL_WORDS,
    COVER_VERBS,
    EVENT_BY_NAME,
    PROVIDE_VERBS,
    SentenceView,
    Subject,
    clause_end,
    clause_start,
    conj_length,
    event_kind,
    has_form,
    is_hedged,
    mentions_agreement,
    opens_speech,
    prefixes_stripped,
    strip_conjunction,
    subject_after,
    text_between,
    verb_first,
    without_conj,
)
from learn.lessons.context import Context, Draft
from learn.lessons.distractors import (
    MONTHS,
    MONTHS_LEVANT,
    date_variants,
    duration_en,
    format_duration,
    format_number,
    nearby_counts,
    nearby_numbers,
    parse_duration_key,
    pick,
    places_linked,
    uses_sana,
)
from learn.lessons.text import bare, clean_span_text
from learn.lessons.types import FALSE_AR, TRUE_AR
from learn.lessons.vocab import zipf_of
from learn.nlp.types import Entity, Token

BLANK = "____"
MAX_ANSWER_WORDS = 20
MAX_PROMPT_WORDS = 24

_AGREEMENT_EN = {
    "اتفاق": "agreement",
    "اتفاقيه": "agreement",
    "معاهده": "treaty",
    "مذكره": "memorandum",
    "وثيقه": "document",
    "بروتوكول": "protocol",
    "صفقه": "deal",
    "ميثاق": "charter",
    "هدنه": "truce",
    "اعلان": "declaration",
    "عقد": "contract",
}


# ---------------------------------------------------------------------------------------------
# Shared helpers


def _words(text: str) -> int:
    return len(text.split())


def _entity_tokens(view: SentenceView, ent: Entity) -> tuple[int, int] | None:
    """(first token, one past last token) of an entity."""
    first = view.token_at(ent.start)
    last = view.token_at(max(ent.start, ent.end - 1))
    if first is None or last is None:
        return None
    return first, last + 1


def _has_verb(view: SentenceView, lo: int, hi: int) -> int | None:
    for i in range(lo, hi):
        if view.tokens[i].pos == "verb":
            return i
    return None


def _blanked_clause(view: SentenceView, ent: Entity) -> str | None:
    """The clause around an entity with the entity replaced by a blank, or None if unusable."""
    span = _entity_tokens(view, ent)
    if span is None:
        return None
    first, end = span
    lo, hi = clause_start(view, first), clause_end(view, end)
    verb = _has_verb(view, lo, hi)
    if verb is None or is_hedged(view, verb) or opens_speech(view, hi):
        return None
    s, _ = view.rel(view.tokens[lo].start + conj_length(view.tokens[lo]), 0)
    _, e = view.rel(0, view.tokens[hi - 1].end)
    es, ee = view.rel(ent.start, ent.end)
    before, after = view.text[s:es], view.text[ee:e]
    if _words(before) + _words(after) < 4:
        return None
    # Keep more words before the blank: news sentences put the verb first.
    before_words, after_words = before.split(), after.split()
    if len(before_words) > 16:
        before = "… " + " ".join(before_words[-16:]) + " "
    if len(after_words) > 10:
        after = " " + " ".join(after_words[:10]) + " …"
    return f"{before}{BLANK}{after}".strip()


def _definite(surface: str) -> str:
    """ "ومعاهدة" -> "المعاهدة": the noun as it would stand alone in a question."""
    w = strip_conjunction(surface)
    for prep in ("ب", "ل"):
        if w.startswith(prep + "ال"):
            w = w[1:]
        elif w.startswith("لل"):
            w = "ال" + w[2:]
    w = w.strip('“”"«»')
    return w if w.startswith("ال") else "ال" + w


def _agreement_en(surface: str) -> str:
    for form in prefixes_stripped(surface):
        if form in _AGREEMENT_EN:
            return _AGREEMENT_EN[form]
    return "agreement"


def _stable_coin(*parts: str) -> int:
    return int(hashlib.sha1("\x00".join(parts).encode()).hexdigest()[:8], 16)


def _name_candidates(ctx: Context, etype: str) -> Iterator[str]:
    yield from ctx.names_in_order.get(etype, [])
    yield from ctx.pool.names(etype)
    yield from ctx.fallbacks.names(etype)


def _names_in_sentence(ctx: Context, view: SentenceView) -> list[str]:
    return [ctx.name_of(e) for e in view.entities] + [e.text for e in view.entities]


def _group_distractors(
    ctx: Context, answers: list[str], etype: str, banned: list[str]
) -> list[str]:
    """Wrong answers for a who-question: as many names per choice as the answer has."""
    singles = pick(" و".join(answers), _name_candidates(ctx, etype), n=9, banned=banned)
    if len(answers) == 1:
        return singles[:3]
    size = len(answers)
    groups = []
    for combo in itertools.combinations(range(len(singles)), size):
        groups.append(" و".join(singles[i] for i in combo))
        if len(groups) == 3:
            break
    return groups


# ---------------------------------------------------------------------------------------------
# who

# What the English prompt puts after the verb ("who signed the agreement?", "who won?").
_OBJECT_EN = {
    "sign": " the agreement",
    "agree": "",
    "win": "",
    "impose": " them",
    "host": " it",
    "visit": " there",
    "accuse": " them",
    "call": " for this",
    "warn": "",
    "deny": " it",
    "praise": " it",
    "announce": " this",
    "decide": " this",
    "say": " this",
}


def who_questions(ctx: Context) -> list[Draft]:
    drafts = []
    for view in ctx.views:
        for i, tok in enumerate(view.tokens):
            kind = event_kind(tok)
            if kind is None or view.in_quote(tok.start, tok.end) or is_hedged(view, i):
                continue
            if not verb_first(view, i):
                continue
            subj = subject_after(view, i, kind.subject_types)
            if subj is None or any(view.in_quote(e.start, e.end) for e in subj.entities):
                continue
            if any(ctx.is_partial(e) for e in subj.entities):
                continue
            draft = _who_draft(ctx, view, i, tok, kind.name, subj)
            if draft is not None:
                drafts.append(draft)
    return drafts


_CLAUSE_OPENERS = frozenset({"ان", "انه", "انها", "بان", "بانه", "بانها", "انهم"})


def _name_may_continue(subj: Subject, toks: tuple[Token, ...]) -> bool:
    """A one-word name followed by a bare noun ("ليلى بنعلي") was probably cut short."""
    if len(subj.entities) != 1:
        return False
    return _name_may_continue_at(toks, subj.entities[0], subj.end_token)


def _name_may_continue_at(toks: tuple[Token, ...], ent: Entity, after: int) -> bool:
    if len(ent.text.split()) > 1 or after >= len(toks):
        return False
    nxt = toks[after]
    word = bare(nxt.surface)
    return (
        nxt.pos in {"noun", "noun_prop"}
        and not word.startswith("ال")
        and (word not in _CLAUSE_OPENERS)
    )


def _who_draft(
    ctx: Context, view: SentenceView, i: int, verb: Token, kind: str, subj: Subject
) -> Draft | None:
    toks = view.tokens
    if subj.end_token < len(toks) and bare(toks[subj.end_token].surface).startswith("و"):
        return None  # another conjunct the engine did not name: the subject is not complete
    if _name_may_continue(subj, toks):
        return None
    rest_end = clause_end(view, subj.end_token)
    rest_toks = toks[subj.end_token : rest_end]
    if len([t for t in rest_toks if t.is_word]) < 2 or opens_speech(view, rest_end):
        return None
    # "say": indirect speech only ("قال X إن ..."); quoted speech is a who_said question.
    if kind == "say" and bare(rest_toks[0].surface) not in {"ان", "انه", "انها", "بان", "بانه"}:
        return None
    if kind == "sign" and mentions_agreement(rest_toks) is None:
        return None  # "وقع" also means "happened": only a signed agreement makes it "sign"
    rest = text_between(view, subj.end_token, rest_end)
    rest_words = rest.split()
    if len(rest_words) > MAX_PROMPT_WORDS:
        rest = " ".join(rest_words[:MAX_PROMPT_WORDS]) + " …"
    etype = subj.entities[0].type
    names = list(dict.fromkeys(ctx.name_of(e) for e in subj.entities))
    answer = " و".join(names)
    start, end = subj.entities[0].start, subj.entities[-1].end
    glosses = [e.gloss for e in subj.entities]
    answer_en = " and ".join(g for g in glosses if g) if all(glosses) else None
    verb_en = EVENT_BY_NAME[kind].verb_en
    obj_en = _OBJECT_EN.get(kind, "this")
    distractors = _group_distractors(ctx, names, etype, banned=_names_in_sentence(ctx, view))
    return Draft(
        type="who",
        prompt_ar=f"مَن {without_conj(verb)} {rest}؟",
        prompt_en=f"According to the article, who {verb_en}{obj_en}?",
        answer=answer,
        distractors=distractors,
        evidence=ctx.span(view.sentence.index, start, end),
        difficulty=0.25 + (0.1 if kind == "say" else 0.0),
        answer_en=answer_en,
        topic=f"who:{kind}:{bare(rest)}",
    )


# ---------------------------------------------------------------------------------------------
# what


def what_questions(ctx: Context) -> list[Draft]:
    drafts: list[Draft] = []
    for view in ctx.views:
        for i, tok in enumerate(view.tokens):
            if view.in_quote(tok.start, tok.end) or is_hedged(view, i):
                continue
            if has_form(tok.surface, COVER_VERBS) or has_form(tok.surface, PROVIDE_VERBS):
                draft = _covers_draft(ctx, view, i)
            elif (kind := event_kind(tok)) is not None and kind.name == "agree":
                draft = _agreed_on_draft(ctx, view, i)
            else:
                continue
            if draft is not None:
                drafts.append(draft)
    # When the article says an agreement covers *all* areas, any other area is covered too:
    # area distractors would be right answers, so keep only the "all" question.
    if any(d.topic.startswith("what:all") for d in drafts):
        drafts = [d for d in drafts if d.topic.startswith("what:all")]
    return drafts


def _covers_draft(ctx: Context, view: SentenceView, i: int) -> Draft | None:
    toks = view.tokens
    verb = toks[i]
    provides = has_form(verb.surface, PROVIDE_VERBS)
    # The agreement is the subject: before the verb (often in quotes) or right after it.
    noun = mentions_agreement(toks[max(0, i - 6) : i]) or mentions_agreement(toks[i + 1 : i + 2])
    if noun is None:
        return None
    j = i + 1
    if j < len(toks) and toks[j] is noun:
        j += 1
        while j < len(toks) and (toks[j].pos == "adj" or bare(toks[j].surface) == "ايضا"):
            j += 1
    if provides:
        k = j
        while k < len(toks) and k < j + 3 and bare(toks[k].surface) != "علي":
            k += 1
        if k >= len(toks) or bare(toks[k].surface) != "علي":
            return None
        j = k + 1
    end = clause_end(view, j, allow_dash=True)
    answer = clean_span_text(text_between(view, j, end))
    if not answer or _words(answer) > MAX_ANSWER_WORDS:
        return None
    start_abs = toks[j].start
    sent_text = view.text
    s, _ = view.rel(start_abs, 0)
    e = sent_text.find(answer, s)
    if e < 0:
        return None
    noun_def = _definite(noun.surface)
    noun_en = _agreement_en(noun.surface)
    verb_word = without_conj(verb)
    is_all = bare(answer.split()[0]) in ALL_WORDS
    if is_all:
        distractors = pick(answer, _only_variants(answer), n=3, same=_same_phrase)
        distractors += pick(
            answer,
            (f"{a} فقط" for a in _area_candidates(ctx)),
            n=3 - len(distractors),
            banned=distractors,
            same=_same_phrase,
        )
    else:
        distractors = pick(answer, _area_candidates(ctx), n=3, same=_same_phrase)
    if provides:
        prompt_ar = f"على ماذا {verb_word} {noun_def}؟"
        prompt_en = f"What does the {noun_en} provide for?"
    else:
        prompt_ar = f"ماذا {verb_word} {noun_def}؟"
        prompt_en = f"What does the {noun_en} cover?"
    return Draft(
        type="what",
        prompt_ar=prompt_ar,
        prompt_en=prompt_en,
        answer=answer,
        distractors=distractors,
        evidence=ctx.span(
            view.sentence.index, start_abs + (e - s), start_abs + (e - s) + len(answer)
        ),
        difficulty=0.5,
        topic=f"what:{'all' if is_all else 'part'}:{bare(noun_def)}:{bare(answer)}",
    )


def _agreed_on_draft(ctx: Context, view: SentenceView, i: int) -> Draft | None:
    toks = view.tokens
    kind = EVENT_BY_NAME["agree"]
    subj = subject_after(view, i, kind.subject_types)
    if subj is None:
        return None
    j = subj.end_token
    if j < len(toks) and toks[j].surface in {"،", ","}:  # skip one parenthetical ", اللتان ..., "
        k = j + 1
        while k < len(toks) and k < j + 14 and toks[k].surface not in {"،", ","}:
            k += 1
        if k >= len(toks) or toks[k].surface not in {"،", ","}:
            return None
        j = k + 1
    k = j
    while k < len(toks) and k < j + 4 and bare(toks[k].surface) != "علي" and toks[k].is_word:
        k += 1
    if k >= len(toks) or bare(toks[k].surface) != "علي":
        return None
    end = clause_end(view, k + 1, allow_dash=True)
    answer = clean_span_text(text_between(view, k + 1, end))
    if not answer or _words(answer) > MAX_ANSWER_WORDS:
        return None
    s, _ = view.rel(toks[k + 1].start, 0)
    pos = view.text.find(answer, s)
    if pos < 0:
        return None
    names = list(dict.fromkeys(ctx.name_of(e) for e in subj.entities))
    distractors = pick(answer, _area_candidates(ctx), n=3, same=_same_phrase)
    return Draft(
        type="what",
        prompt_ar=f"على ماذا {without_conj(toks[i])} {' و'.join(names)}؟",
        prompt_en="What did they agree on, according to the article?",
        answer=answer,
        distractors=distractors,
        evidence=ctx.span(
            view.sentence.index,
            view.sentence.start + pos,
            view.sentence.start + pos + len(answer),
        ),
        difficulty=0.55,
        topic=f"what:agree:{bare(answer)}",
    )


def _area_candidates(ctx: Context) -> Iterator[str]:
    """Pool and curated phrases the article never mentions (so they cannot be right)."""
    for phrase in itertools.chain(ctx.pool.areas, ctx.fallbacks.areas):
        if not ctx.mentioned(phrase):
            yield phrase


def _only_variants(answer: str) -> list[str]:
    """For "all areas, from A and B to C and D": the false choices "A and B only", "C only" ..."""
    body = re.sub(r"^\S+\s+\S+\s*[–—-]?\s*", "", answer)  # drop "جميع المجالات –"
    body = re.sub(r"^من\s+", "", body)
    parts = [p.strip(" ،,") for p in re.split(r"\s+إلى\s+|\s+الى\s+|،", body) if p.strip(" ،,")]
    out = [f"{p} فقط" for p in parts if p]
    # Single items of each part too ("العلوم والتعليم والثقافة" -> "الثقافة فقط").
    for p in parts:
        items = [w.strip() for w in re.split(r"\s+و(?=\S)", p) if w.strip()]
        if len(items) > 1:
            last = items[-1]
            # "التعاون التجاري والعسكري": the adjective alone needs its noun back.
            if len(items[0].split()) > 1 and len(last.split()) == 1:
                last = f"{items[0].split()[0]} {last}"
            out.append(f"{last} فقط")
    return out


def _same_phrase(a: str, b: str) -> bool:
    return bare(a) == bare(b)


def _same_date(a: str, b: str) -> bool:
    """ "الأربعاء" and "يوم الأربعاء" are the same day."""
    a, b = bare(a), bare(b)
    return a in b or b in a


# ---------------------------------------------------------------------------------------------
# how long


def how_long_questions(ctx: Context) -> list[Draft]:
    drafts = []
    extension = _extension_sentence(ctx)
    for view in ctx.views:
        for ent in view.entities:
            if ent.type != "DURATION" or view.in_quote(ent.start, ent.end):
                continue
            parsed = parse_duration_key(ent.key)
            span = _entity_tokens(view, ent)
            if parsed is None or span is None:
                continue
            n, unit = parsed
            first, _ = span
            toks = view.tokens
            # "معاهدة العشرين عاما", "مدة الاتفاقية خمس سنوات": the agreement noun right before
            # the duration, itself not after a preposition ("مدة المرحلة الأولى من الاتفاقية").
            noun = mentions_agreement(toks[first - 1 : first]) if first > 0 else None
            if noun is not None and first > 1 and toks[first - 2].pos == "prep":
                noun = None
            lead = bare(toks[first - 1].surface) if first > 0 else ""
            if noun is not None:
                prompt_ar = f"ما مدة {_definite(noun.surface)}؟"
                prompt_en = f"How long does the {_agreement_en(noun.surface)} last?"
                topic = f"how_long:{bare(_definite(noun.surface))}"
            elif lead in {"لمده", "مدته", "مدتها", "طيله", "خلال"}:
                blanked = _blanked_clause(view, ent)
                if blanked is None:
                    continue
                prompt_ar = f"ما المدة؟ أكمل حسب النص: «{blanked}»"
                prompt_en = "For how long? Fill the gap with the duration given in the article."
                topic = f"how_long:{bare(blanked)}"
            else:
                continue
            others = []
            for other in ctx.analyzed.entities:
                p = parse_duration_key(other.key) if other.type == "DURATION" else None
                if p and p[1] == unit and p[0] != n:
                    others.append(p[0])
            counts = list(dict.fromkeys([*others, *nearby_counts(n)]))
            sana = uses_sana(ent.text)
            answer = format_duration(n, unit, sana)
            distractors = pick(
                answer, (format_duration(c, unit, sana) for c in counts), same=_same_phrase
            )
            note = None
            answer_en = duration_en(n, unit)
            if noun is not None and extension is not None:
                note = "قابلة للتمديد (it can be extended)"
                answer_en += " (can be extended)"
            drafts.append(
                Draft(
                    type="how_long",
                    prompt_ar=prompt_ar,
                    prompt_en=prompt_en,
                    answer=answer,
                    distractors=distractors,
                    evidence=ctx.span(view.sentence.index, ent.start, ent.end),
                    difficulty=0.35,
                    answer_en=answer_en,
                    note=note,
                    topic=topic,
                )
            )
    if extension is not None and drafts:
        drafts.append(extension)
    return drafts


def _extension_sentence(ctx: Context) -> Draft | None:
    """ "ومن الممكن تمديد معاهدة ..." -> the true statement "يمكن تمديد المعاهدة"."""
    for view in ctx.views:
        toks = view.tokens
        for i, tok in enumerate(toks):
            forms = prefixes_stripped(tok.surface)
            if not forms & {"تمديد", "تجديد", "تمديدها", "تمديده", "تجديدها", "تجديده"}:
                continue
            if view.in_quote(tok.start, tok.end) or is_hedged(view, i):
                continue
            window = toks[max(0, i - 3) : i]
            if any(bare(t.surface) in {"لا", "لن", "غير", "ليس"} for t in window):
                continue
            # "تمديد المعاهدة", or "تجديدها" referring back to an agreement earlier in the sentence.
            noun = mentions_agreement(toks[i + 1 : i + 3]) or mentions_agreement(toks[:i])
            if noun is None:
                continue
            noun_def = _definite(noun.surface)
            verb = "تمديد" if any("تمديد" in f for f in forms) else "تجديد"
            return Draft(
                type="true_false",
                prompt_ar=f"صح أم خطأ؟ يمكن {verb} {noun_def}.",
                prompt_en=f"True or false: the {_agreement_en(noun.surface)} can be extended.",
                answer=TRUE_AR,
                distractors=[FALSE_AR],
                evidence=ctx.span(view.sentence.index, tok.start, tok.end),
                difficulty=0.3,
                topic=f"true_false:extend:{bare(noun_def)}",
            )
    return None


# ---------------------------------------------------------------------------------------------
# when, where, how many


def when_questions(ctx: Context) -> list[Draft]:
    drafts = []
    for view in ctx.views:
        for ent in view.entities:
            if ent.type != "DATE" or view.in_quote(ent.start, ent.end):
                continue
            variants = date_variants(ent.text)
            blanked = _blanked_clause(view, ent)
            if variants is None or blanked is None:
                continue
            kind, generated = variants
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
            candidates = [*same_kind, *generated]
            distractors = pick(ent.text, candidates, same=_same_date, banned=banned)
            drafts.append(
                Draft(
                    type="when",
                    prompt_ar=f"متى؟ أكمل حسب النص: «{blanked}»",
                    prompt_en="When? Fill the gap with the date given in the article.",
                    answer=ent.text,
                    distractors=distractors,
                    evidence=ctx.span(view.sentence.index, ent.start, ent.end),
                    difficulty=0.4,
                    answer_en=ent.gloss,
                    topic=f"when:{bare(blanked)}",
                )
            )
    return drafts


def where_questions(ctx: Context) -> list[Draft]:
    drafts = []
    for view in ctx.views:
        for ent in view.entities:
            if ent.type != "LOCATION" or view.in_quote(ent.start, ent.end):
                continue
            span = _entity_tokens(view, ent)
            if span is None or span[0] == 0:
                continue
            first = span[0]
            prev = view.tokens[first - 1]
            if bare(prev.surface) != "في":
                continue
            # A verb must come before "في" in the clause: something happened in that place.
            lo = clause_start(view, first)
            if _has_verb(view, lo, first) is None:
                continue
            blanked = _blanked_clause(view, ent)
            if blanked is None:
                continue
            answer = ctx.name_of(ent) if ent.text == ctx.name_of(ent) else ent.text
            banned = _names_in_sentence(ctx, view) + _related_places(ctx, answer, view)
            distractors = _group_distractors(ctx, [answer], "LOCATION", banned=banned)
            drafts.append(
                Draft(
                    type="where",
                    prompt_ar=f"أين؟ أكمل حسب النص: «{blanked}»",
                    prompt_en="Where? Fill the gap with the place given in the article.",
                    answer=answer,
                    distractors=distractors,
                    evidence=ctx.span(view.sentence.index, ent.start, ent.end),
                    difficulty=0.4,
                    answer_en=ent.gloss,
                    topic=f"where:{bare(blanked)}",
                )
            )
    return drafts


def _core(name: str) -> str:
    w = bare(name)
    return w[2:] if w.startswith("ال") and len(w) > 4 else w


def _related_places(ctx: Context, answer: str, view: SentenceView) -> list[str]:
    """Places that may contain or be inside the answer, judged from the article's own words.

    Without a gazetteer, a place is related when it is mentioned near the answer or its
    adjective ("في العاصمة الأردنية عمّان" relates Amman to Jordan), so it cannot be a safe
    wrong answer.
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
    related += [p for p in ctx.fallbacks.locations if places_linked(p, answer)]
    related += [p for p in ctx.pool.locations if places_linked(p, answer)]
    return related


_COUNT_NOUN_POS = frozenset({"noun", "noun_quant", "noun_num"})
# A number before these is a day of the month ("من 8 الى 10 كانون الاول"), not a count.
_DATE_WORDS = frozenset(
    bare(w) for w in (*MONTHS, *(m.split()[0] for m in MONTHS_LEVANT), "الحالي", "الجاري", "المقبل")
)
_NUMBER_TEXT_RE = re.compile(r"([\d.,]*\d)\s*(.*)")
_PERCENT_WORDS = frozenset({"بالمئه", "بالمائه", "%", "٪"})
_PERCENT_SCALES = frozenset({"في المئه", "في المائه", "بالمئه", "بالمائه", "%", "٪"})


# Thousand, million, billion: plural after 3-10, singular otherwise ("5 ملايين", "20 مليون").
_SCALES = (("ألف", "آلاف"), ("مليون", "ملايين"), ("مليار", "مليارات"))


def _scale_word(scale: str, count: float) -> str:
    for singular, plural in _SCALES:
        if bare(scale) in {bare(singular), bare(plural)}:
            return plural if 3 <= count <= 10 and float(count).is_integer() else singular
    return scale


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


def how_many_questions(ctx: Context) -> list[Draft]:
    """Counts written in digits ("12 شركة", "500 مليون دولار", "90 في المئة")."""
    drafts = []
    for view in ctx.views:
        for ent in view.entities:
            if ent.type != "NUMBER" or view.in_quote(ent.start, ent.end):
                continue
            m = _NUMBER_TEXT_RE.fullmatch(ent.text.strip())
            span = _entity_tokens(view, ent)
            if m is None or span is None:
                continue
            base = float(m.group(1).replace(",", ""))
            scale = m.group(2).strip()  # "مليون", "ألف" or ""
            if base <= 0 or (not scale and 1900 <= base <= 2100):
                continue  # a year is a "when" fact, not a count
            if any(
                o.type in {"DATE", "DURATION"} and o.start <= ent.start < o.end
                for o in view.entities
            ):
                continue
            counted = "percent" if bare(scale) in _PERCENT_SCALES else _counted(view, span[1])
            blanked = _blanked_clause(view, ent) if counted else None
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
                f"{format_number(c)} {_scale_word(scale, c)}".strip()
                for c in nearby_numbers(base)
                if c <= limit
            ]
            answer = ent.text.strip()
            distractors = pick(answer, [*same_style, *generated], same=_same_phrase)
            drafts.append(
                Draft(
                    type="how_many",
                    prompt_ar=f"كم؟ أكمل بالعدد حسب النص: «{blanked}»",
                    prompt_en="How many / how much? Fill the gap with the number in the article.",
                    answer=answer,
                    distractors=distractors,
                    evidence=ctx.span(view.sentence.index, ent.start, ent.end),
                    difficulty=0.45,
                    topic=f"how_many:{bare(blanked)}",
                )
            )
    return drafts


# ---------------------------------------------------------------------------------------------
# who said


def _person_after_title(ctx: Context, speaker: Entity) -> Entity:
    """ "الأمين العام لجامعة الدول العربية أحمد أبو الغيط": the person, not the organisation."""
    if speaker.type == "PERSON":
        return speaker
    view = ctx.views[speaker.sentence]
    for ent in view.entities:
        if ent.type == "PERSON" and 0 <= ent.start - speaker.end <= 2:
            return ent
    return speaker


def who_said_questions(ctx: Context) -> list[Draft]:
    drafts = []
    for quote in ctx.analyzed.quotations:
        speaker = quote.speaker
        if speaker is None or speaker.type not in {"PERSON", "ORGANIZATION"}:
            continue
        speaker = _person_after_title(ctx, speaker)
        if ctx.is_partial(speaker):
            continue
        if speaker.sentence != quote.sentence:
            continue  # the answer must be in the evidence sentence
        words = clean_span_text(quote.text).split()
        if len(words) < 3:
            continue
        shown = " ".join(words[:20]) + (" …" if len(words) > 20 else "")
        view = ctx.views[quote.sentence]
        answer = ctx.name_of(speaker)
        distractors = _group_distractors(
            ctx, [answer], speaker.type, banned=_names_in_sentence(ctx, view)
        )
        drafts.append(
            Draft(
                type="who_said",
                prompt_ar=f"مَن قال: «{shown}»؟",
                prompt_en="Who said this, according to the article?",
                answer=answer,
                distractors=distractors,
                evidence=ctx.span(quote.sentence, speaker.start, speaker.end),
                difficulty=0.45,
                answer_en=speaker.gloss,
                topic=f"who_said:{bare(shown)}",
            )
        )
    return drafts


# ---------------------------------------------------------------------------------------------
# true / false


def true_false_questions(ctx: Context) -> list[Draft]:
    drafts = []
    for view in ctx.views:
        for ent in view.entities:
            if ent.type not in {"PERSON", "NUMBER", "DATE"} or view.in_quote(ent.start, ent.end):
                continue
            if ent.type == "NUMBER" and not re.search(r"\d", ent.text):
                continue  # "من جانب واحد" is an idiom, not a count
            draft = _statement(ctx, view, ent)
            if draft is not None:
                drafts.append(draft)
                break  # one statement per sentence
    return drafts


def _statement(ctx: Context, view: SentenceView, ent: Entity) -> Draft | None:
    span = _entity_tokens(view, ent)
    if span is None:
        return None
    lo, hi = clause_start(view, span[0]), clause_end(view, span[1])
    verb = _has_verb(view, lo, hi)
    if verb is None or is_hedged(view, verb) or not 5 <= hi - lo <= 22:
        return None
    if opens_speech(view, hi) or not _independent_clause(view, lo):
        return None
    s, _ = view.rel(view.tokens[lo].start + conj_length(view.tokens[lo]), 0)
    _, e = view.rel(0, view.tokens[hi - 1].end)
    es, ee = view.rel(ent.start, ent.end)
    if any(c in view.text[s:e] for c in '“”«»"'):
        return None
    swap = _swap_for(ctx, view, ent)
    make_false = swap is not None and _stable_coin(view.text, ent.text) % 2 == 0
    if make_false and swap is not None:
        # Replace the title with the name: "الرئيس الروسي X" must not become "الرئيس الروسي Y".
        title = ent.title or ""
        if title and view.text[s:es].rstrip().endswith(title):
            es = view.text.rindex(title, s, es)
        middle = swap
    else:
        middle = view.text[es:ee]
    statement = (view.text[s:es] + middle + view.text[ee:e]).strip() + "."
    return Draft(
        type="true_false",
        prompt_ar=f"صح أم خطأ؟ {statement}",
        prompt_en="True or false, according to the article?",
        answer=FALSE_AR if make_false else TRUE_AR,
        distractors=[TRUE_AR if make_false else FALSE_AR],
        evidence=ctx.span(view.sentence.index, ent.start, ent.end),
        difficulty=0.5 if make_false else 0.4,
        note=view.text[s:e].strip() if make_false else None,
        topic=f"true_false:stmt:{bare(view.text[s:e])}",
    )


_PRONOUNS = frozenset({"هو", "هي", "هم", "هما", "هن", "ذلك", "هذا", "هذه", "الذي", "التي"})


def _independent_clause(view: SentenceView, lo: int) -> bool:
    """A statement must stand alone: the sentence's first clause or a "و + verb" clause,
    not starting with a pronoun whose referent the learner cannot see."""
    toks = view.tokens
    first_word = next((k for k in range(len(toks)) if toks[k].is_word), 0)
    head = toks[lo]
    if bare(head.surface)[conj_length(head) :] in _PRONOUNS:
        return False
    return lo == first_word or (head.pos == "verb" and conj_length(head) == 1)


def _content_stems(ctx: Context, view: SentenceView) -> set[str]:
    """Stems of the sentence's less common content words (its topic, not "قال" or "رئيس")."""
    key = ("stems", view.sentence.index)
    if key not in ctx.memo:
        ctx.memo[key] = _compute_stems(view)
    return ctx.memo[key]  # type: ignore[return-value]


def _compute_stems(view: SentenceView) -> set[str]:
    spans = [(e.start, e.end) for e in view.entities]
    return {
        s
        for t in view.tokens
        if t.is_word
        and not any(a <= t.start < b for a, b in spans)
        and t.pos in {"noun", "verb", "adj"}
        and zipf_of(t.lemma) < 5.3
        for s in prefixes_stripped(t.surface)
        if len(s) >= 4
    }


def _same_context_names(ctx: Context, view: SentenceView, ent: Entity) -> list[str]:
    """Names that another sentence links to this sentence's topic: swapping one in might
    make a true statement ("شارك في القمة X" where X chaired the summit elsewhere)."""
    mine = _content_stems(ctx, view)
    out = []
    for other in ctx.views:
        if other.sentence.index == view.sentence.index or not (_content_stems(ctx, other) & mine):
            continue
        out += [ctx.name_of(e) for e in other.entities if e.type == ent.type]
    return out


def _swap_for(ctx: Context, view: SentenceView, ent: Entity) -> str | None:
    """Another value of the same type that the sentence does not mention, or None."""
    if ent.type == "NUMBER":
        m = _NUMBER_TEXT_RE.fullmatch(ent.text.strip())
        if m is None:
            return None
        value = float(m.group(1).replace(",", ""))
        scale = m.group(2).strip()
        if not scale and 1900 <= value <= 2100:
            return format_number(value + 1)
        other = nearby_numbers(value)[0]
        return f"{format_number(other)} {_scale_word(scale, other)}".strip()
    if ent.type == "DATE":
        # Another day, month or year that the article never mentions.
        found = date_variants(ent.text)
        article = bare(ctx.analyzed.text)
        for variant in found[1] if found else ():
            if bare(variant) not in article:
                return variant
        return None
    answer = ctx.name_of(ent)
    span = _entity_tokens(view, ent)
    if ctx.is_partial(ent) or span is None or _name_may_continue_at(view.tokens, ent, span[1]):
        return None  # replacing half a name leaves the other half behind
    banned = _names_in_sentence(ctx, view) + _same_context_names(ctx, view, ent)
    # Only full names swap in: a one-word name may be a name the engine cut short.
    full = [n for n in ctx.names_in_order.get(ent.type, []) if len(n.split()) > 1]
    others = pick(answer, full, n=1, banned=banned)
    return others[0] if others else None

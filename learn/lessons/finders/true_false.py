"""true_false: statements about the article, about half of them false.

A statement is one whole clause of the article — its verb, its subject and what completes
it — never half a sentence (a clause that stops before «أن …» or a colon is not one). A false
statement differs from the article in exactly one checkable fact: a person swapped for another
person of the article, a number changed, a date the article never gives. Two statements come
from the agreements themselves: "it can be extended" when the article says so, and "it is
limited to X" when the article says it covers every area.
"""

from __future__ import annotations

import re

from learn.lessons.agreements import Agreement, agreement_head, definite_noun, english_of
from learn.lessons.clauses import (
    ALL_WORDS,
    SentenceView,
    clause_end,
    clause_start,
    conj_length,
    is_hedged,
    mentions_agreement,
    opens_speech,
    prefixes_stripped,
)
from learn.lessons.context import Context, Draft
from learn.lessons.distractors import (
    date_variants,
    format_number,
    nearby_numbers,
    pick,
    scale_word,
)
from learn.lessons.finders.common import (
    entities,
    entity_tokens,
    has_verb,
    names_in_sentence,
    stable_coin,
)
from learn.lessons.finders.registry import register
from learn.lessons.finders.what import items
from learn.lessons.text import bare
from learn.lessons.types import FALSE_AR, TRUE_AR
from learn.lessons.vocab import zipf_of
from learn.nlp.syntax.frames import SPEECH_EVENTS
from learn.nlp.syntax.lexicon import lexicon
from learn.nlp.syntax.words import piece
from learn.nlp.types import Entity, Token

_NUMBER_TEXT_RE = re.compile(r"([\d.,]*\d)\s*(.*)")
_EXTEND = frozenset({"تمديد", "تجديد", "تمديدها", "تمديده", "تجديدها", "تجديده"})
_NEGATIONS = frozenset({"لا", "لن", "غير", "ليس"})
# Words that open a clause completing the one before: a statement must not stop before them.
_COMPLETIONS = frozenset({"ان", "انه", "انها", "بان", "بانه", "بانها", "انهم", "الي", "علي"})
_PRONOUNS = frozenset({"هو", "هي", "هم", "هما", "هن", "ذلك", "هذا", "هذه", "الذي", "التي"})
_CLAUSE_OPENERS = frozenset({"ان", "انه", "انها", "بان", "بانه", "بانها", "انهم"})


@register("true_false", order=80)
def true_false_questions(ctx: Context) -> list[Draft]:
    drafts = [d for a in ctx.agreements if (d := _limited_to(ctx, a)) is not None]
    extension = _extension(ctx)
    if extension is not None:
        drafts.append(extension)
    candidates: list[tuple[SentenceView, Entity, str | None]] = []
    for view in ctx.views:
        for _, ent in entities_in(ctx, view):
            if ent.type == "NUMBER" and not re.search(r"\d", ent.text):
                continue  # "من جانب واحد" is an idiom, not a count
            if _clause(view, ent) is None:
                continue
            candidates.append((view, ent, _swap_for(ctx, view, ent)))
            break  # one statement per sentence
    # About half false: every other statement that has a checkable swap is made false.
    swappable = 0
    for view, ent, swap in candidates:
        make_false = swap is not None and swappable % 2 == stable_coin(ctx.analyzed.text) % 2
        if swap is not None:
            swappable += 1
        draft = _statement(ctx, view, ent, swap if make_false else None)
        if draft is not None:
            drafts.append(draft)
    return drafts


def entities_in(ctx: Context, view: SentenceView) -> list[tuple[SentenceView, Entity]]:
    return [
        (v, e)
        for v, e in entities(ctx, ("PERSON", "NUMBER", "DATE"))
        if v.sentence.index == view.sentence.index
    ]


def _clause(view: SentenceView, ent: Entity) -> tuple[int, int] | None:
    """The whole clause holding the entity, as (first token, end token), or None."""
    span = entity_tokens(view, ent)
    if span is None:
        return None
    lo, hi = clause_start(view, span[0]), clause_end(view, span[1])
    verb = has_verb(view, lo, hi)
    if verb is None or is_hedged(view, verb) or not 5 <= hi - lo <= 22:
        return None
    if opens_speech(view, hi) or not _independent_clause(view, lo):
        return None
    toks = view.tokens
    if _continues(view, hi) or _needs_content(view, verb, hi):
        return None
    if not _has_subject(view, lo, verb, hi):
        return None
    if _copula_alone(view, verb, hi):
        return None  # "وكان المستشار جيك سوليفان، قد صرح …": "كان X." says nothing
    if bare(toks[hi - 1].surface) in _COMPLETIONS or toks[hi - 1].pos in {"prep", "conj"}:
        return None  # "أكد X ونظيره Y" + "، أن …": the clause is only half a statement
    s, _ = view.rel(toks[lo].start, 0)
    _, e = view.rel(0, toks[hi - 1].end)
    if any(c in view.text[s:e] for c in '“”«»"'):
        return None
    if span[1] >= hi and toks[verb].index > span[0]:
        return None  # the entity ends the clause after its verb: an object with nothing after
    return lo, hi


def _statement(ctx: Context, view: SentenceView, ent: Entity, swap: str | None) -> Draft | None:
    if _in_range(ctx, ent):
        return None  # "للأعوام 2026 – 2027": one end of a range swapped makes nonsense
    found = _clause(view, ent)
    if found is None:
        return None
    lo, hi = found
    toks = view.tokens
    s, _ = view.rel(toks[lo].start + conj_length(toks[lo]), 0)
    _, e = view.rel(0, toks[hi - 1].end)
    es, ee = view.rel(ent.start, ent.end)
    if swap is not None:
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
        answer=FALSE_AR if swap is not None else TRUE_AR,
        distractors=[TRUE_AR if swap is not None else FALSE_AR],
        evidence=ctx.span(view.sentence.index, ent.start, ent.end),
        difficulty=0.5 if swap is not None else 0.4,
        note=view.text[s:e].strip() if swap is not None else None,
        topic=f"true_false:stmt:{bare(view.text[s:e])}",
    )


def _in_range(ctx: Context, ent: Entity) -> bool:
    text = ctx.analyzed.text
    around = text[max(0, ent.start - 3) : ent.start] + text[ent.end : ent.end + 3]
    return ent.type in {"DATE", "NUMBER"} and any(d in around for d in "-–—")


def _continues(view: SentenceView, hi: int) -> bool:
    """Does the sentence go on with what completes the clause — «أن …», or after a comma (and a
    date) "و + a noun" that extends the subject or object list?"""
    toks = view.tokens
    k = hi
    while k < len(toks) and (not toks[k].is_word or toks[k].entity == "DATE"):
        if any(c in '«“":' for c in toks[k].surface):
            return True
        k += 1
    if k >= len(toks):
        return False
    word = bare(toks[k].surface)
    if word in _COMPLETIONS:
        return True
    return (
        k > hi
        and word[:1] == "و"
        and toks[k].pos in {"noun", "noun_prop"}
        and conj_length(toks[k]) == 1
    )


def _copula_alone(view: SentenceView, verb: int, hi: int) -> bool:
    """كان and its sisters with no other verb in the clause: the predicate is elsewhere."""
    toks = view.tokens
    if bare(toks[verb].lemma or "") not in _COPULAS:
        return False
    return not any(t.pos == "verb" for t in toks[verb + 1 : hi])


_COPULAS = frozenset({"كان", "اصبح", "بات", "ظل", "صار", "ليس", "مازال", "مادام"})


def _needs_content(view: SentenceView, verb: int, hi: int) -> bool:
    """A verb of saying whose clause holds no «أن/إن …»: what was said is missing."""
    toks = view.tokens
    word = lexicon().event_of(piece(toks[verb]), "verb")
    if word is None or word.event not in SPEECH_EVENTS:
        return False
    return not any(bare(t.surface) in _COMPLETIONS for t in toks[verb + 1 : hi])


def _has_subject(view: SentenceView, lo: int, verb: int, hi: int) -> bool:
    """A statement names its subject: a noun before the verb, or one right after it (not a
    preposition: "استكملت بمعاهدة …" leaves the learner guessing what "it" is)."""
    toks = view.tokens
    if any(t.is_word and t.pos in {"noun", "noun_prop"} for t in toks[lo:verb]):
        return True
    nxt = toks[verb + 1] if verb + 1 < hi else None
    if nxt is None or not nxt.is_word:
        return False
    surface = bare(nxt.surface)
    attached = surface[:1] in "بلك" and not bare(nxt.lemma).startswith(surface[:1])
    return nxt.pos in {"noun", "noun_prop", "adj"} and not attached


def _independent_clause(view: SentenceView, lo: int) -> bool:
    """A statement must stand alone: the sentence's first clause or a "و + verb" clause,
    not starting with a pronoun whose referent the learner cannot see."""
    toks = view.tokens
    first_word = next((k for k in range(len(toks)) if toks[k].is_word), 0)
    head = toks[lo]
    if bare(head.surface)[conj_length(head) :] in _PRONOUNS:
        return False
    return lo == first_word or (head.pos == "verb" and conj_length(head) == 1)


# ---------------------------------------------------------------------------------------------
# What a false statement swaps in


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
        return f"{format_number(other)} {scale_word(scale, other)}".strip()
    if ent.type == "DATE":
        # Another day, month or year that the article never mentions.
        found = date_variants(ent.text)
        article = bare(ctx.analyzed.text)
        for variant in found[1] if found else ():
            if bare(variant) not in article:
                return variant
        return None
    answer = ctx.name_of(ent)
    span = entity_tokens(view, ent)
    if ctx.is_partial(ent) or span is None or name_may_continue(view.tokens, ent, span[1]):
        return None  # replacing half a name leaves the other half behind
    banned = names_in_sentence(ctx, view) + _same_context_names(ctx, view, ent)
    # Only full names swap in: a one-word name may be a name the engine cut short.
    full = [n for n in ctx.names_in_order.get(ent.type, []) if len(n.split()) > 1]
    others = pick(answer, full, n=1, banned=banned)
    return others[0] if others else None


def name_may_continue(toks: tuple[Token, ...], ent: Entity, after: int) -> bool:
    """A one-word name followed by a bare noun ("ليلى بنعلي") was probably cut short."""
    if len(ent.text.split()) > 1 or after >= len(toks):
        return False
    nxt = toks[after]
    word = bare(nxt.surface)
    return (
        nxt.pos in {"noun", "noun_prop"}
        and not word.startswith("ال")
        and (word not in _CLAUSE_OPENERS)
    )


def _content_stems(ctx: Context, view: SentenceView) -> set[str]:
    """Stems of the sentence's less common content words (its topic, not "قال" or "رئيس")."""
    key = ("stems", view.sentence.index)
    if key not in ctx.memo:
        spans = [(e.start, e.end) for e in view.entities]
        ctx.memo[key] = {
            s
            for t in view.tokens
            if t.is_word
            and not any(a <= t.start < b for a, b in spans)
            and t.pos in {"noun", "verb", "adj"}
            and zipf_of(t.lemma) < 5.3
            for s in prefixes_stripped(t.surface)
            if len(s) >= 4
        }
    return ctx.memo[key]  # type: ignore[return-value]


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


# ---------------------------------------------------------------------------------------------
# Statements about the agreements


def _extension(ctx: Context) -> Draft | None:
    """ "ومن الممكن تمديد معاهدة ..." -> the true statement "يمكن تمديد المعاهدة"."""
    for view in ctx.views:
        toks = view.tokens
        for i, tok in enumerate(toks):
            forms = prefixes_stripped(tok.surface)
            if not forms & _EXTEND:
                continue
            if view.in_quote(tok.start, tok.end) or is_hedged(view, i):
                continue
            window = toks[max(0, i - 3) : i]
            if any(bare(t.surface) in _NEGATIONS for t in window):
                continue
            # "تمديد المعاهدة", or "تجديدها" referring back to an agreement earlier in the sentence.
            noun = mentions_agreement(toks[i + 1 : i + 3]) or mentions_agreement(toks[:i])
            if noun is None:
                continue
            head = agreement_head(noun) or bare(noun.surface)
            noun_def = definite_noun(noun.surface, head)
            verb = "تمديد" if any("تمديد" in f for f in forms) else "تجديد"
            return Draft(
                type="true_false",
                prompt_ar=f"صح أم خطأ؟ يمكن {verb} {noun_def}.",
                prompt_en=f"True or false: the {english_of(head)} can be extended.",
                answer=TRUE_AR,
                distractors=[FALSE_AR],
                evidence=ctx.span(view.sentence.index, tok.start, tok.end),
                difficulty=0.3,
                topic=f"true_false:extend:{bare(noun_def)}",
            )
    return None


def _limited_to(ctx: Context, agreement: Agreement) -> Draft | None:
    """ "تغطي جميع المجالات – من التجارة إلى الثقافة" -> false: "تقتصر المعاهدة على التجارة"."""
    for span, _frame in agreement.coverage:
        words = span.text.split()
        if not words or bare(words[0]) not in ALL_WORDS:
            continue
        body = re.sub(r"^\S+\s+\S+\s*[–—-]?\s*(من\s+)?", "", span.text)
        parts = [p for p in re.split(r"\s+(?:إلى|الى)\s+", body) if p.strip()]
        if len(parts) < 2:
            continue
        area = items(parts[0])[0].strip(" .،")
        noun = agreement.noun()
        verb = "تقتصر" if agreement.feminine else "يقتصر"
        return Draft(
            type="true_false",
            prompt_ar=f"صح أم خطأ؟ {verb} {noun} على {area}.",
            prompt_en=f"True or false: the {agreement.english} is limited to one area.",
            answer=FALSE_AR,
            distractors=[TRUE_AR],
            evidence=ctx.span(span.sentence, span.start, span.end),
            difficulty=0.45,
            note=span.text,
            topic=f"true_false:limited:{bare(noun)}",
        )
    return None

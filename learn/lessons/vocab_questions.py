"""Vocabulary questions from the ranked word list: meaning (both ways), cloze and root."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import replace

from learn.lessons.context import Context, Draft
from learn.lessons.distractors import GlossItem, different_gloss, lexicon_words, pick
from learn.lessons.text import bare, first_sense, gloss_words
from learn.lessons.types import VocabEntry
from learn.nlp.types import Token

_ASKABLE_POS = frozenset({"noun", "verb", "adj"})
BLANK = "____"


def _difficulty(base: float, zipf: float) -> float:
    """Rarer words are harder: Zipf 6 adds nothing, Zipf 2 adds 0.4."""
    return round(min(1.0, max(0.0, base + (6.0 - zipf) / 10)), 2)


def _word_items(ctx: Context) -> Iterator[GlossItem]:
    for v in ctx.vocab:
        yield GlossItem(v.lemma, v.pos, first_sense(v.gloss), v.domain, v.root)
    yield from ctx.pool.words
    yield from lexicon_words()
    yield from ctx.fallbacks.words


def _gloss_candidates(ctx: Context, entry: VocabEntry) -> list[GlossItem]:
    """Words of the same POS that cannot also be right, same domain first.

    Never the same lemma, never a word of the same root (اتفاق and اتفاقية both mean
    "agreement"), and never a word any of whose senses shares a word with any sense of
    the answer.
    """
    full_gloss = {bare(v.lemma): v.gloss for v in ctx.vocab}
    answer_words = gloss_words(entry.gloss)
    out = []
    roots_used: set[str] = set()
    for w in _word_items(ctx):
        if w.pos != entry.pos or not w.gloss or bare(w.lemma) == bare(entry.lemma):
            continue
        if w.root and entry.root and _radicals(w.root) == _radicals(entry.root):
            continue
        if gloss_words(full_gloss.get(bare(w.lemma), w.gloss)) & answer_words:
            continue
        # One word per root, so two choices are not near-synonyms of each other.
        if w.root and _radicals(w.root) in roots_used:
            continue
        if w.root:
            roots_used.add(_radicals(w.root))
        out.append(w)
    return sorted(out, key=lambda w: w.domain != entry.domain)  # stable: order kept


def _radicals(root: str) -> str:
    return "".join(re.split(r"[.\s\-_]+", root))


def _certain_entries(ctx: Context) -> list[VocabEntry]:
    """Entries whose gloss comes from the lexicon (not guessed) and that can be asked about."""
    guessed = {bare(t.lemma) for t in ctx.analyzed.tokens if t.source == "backoff" or not t.gloss}
    return [
        v
        for v in ctx.vocab
        if v.pos in _ASKABLE_POS
        and first_sense(v.gloss)
        and bare(v.lemma) not in guessed
        and v.lemma != bare(v.lemma)  # a vocalized lemma comes from the lexicon, not a guess
        and v.examples
    ]


def meaning_ar_en(ctx: Context, entry: VocabEntry) -> Draft | None:
    answer = first_sense(entry.gloss)
    options = [w.gloss for w in _gloss_candidates(ctx, entry)]
    distractors = pick(answer, options, same=lambda a, b: not different_gloss(a, b))
    return Draft(
        type="meaning_ar_en",
        prompt_ar=f"ما معنى «{entry.lemma}»؟",
        prompt_en=f"What does «{entry.lemma}» mean?",
        answer=answer,
        distractors=distractors,
        evidence=entry.examples[0],
        difficulty=_difficulty(0.2, entry.zipf),
        answer_en=answer,
        topic=f"word:{bare(entry.lemma)}",
        lemma=entry.lemma,
    )


def meaning_en_ar(ctx: Context, entry: VocabEntry) -> Draft | None:
    gloss = first_sense(entry.gloss)
    cands = _gloss_candidates(ctx, entry)
    options = [w.lemma for w in cands if different_gloss(w.gloss, gloss)]
    distractors = pick(entry.lemma, options, same=lambda a, b: bare(a) == bare(b))
    return Draft(
        type="meaning_en_ar",
        prompt_ar=f"ما الكلمة العربية التي تعني «{gloss}»؟",
        prompt_en=f"Which Arabic word means “{gloss}”?",
        answer=entry.lemma,
        distractors=distractors,
        evidence=entry.examples[0],
        difficulty=_difficulty(0.3, entry.zipf),
        answer_en=gloss,
        topic=f"word:{bare(entry.lemma)}",
        lemma=entry.lemma,
    )


_CONJ_ART_RE = re.compile(r"^(و|ف)?(ب|ل|ك)?(ال)?")
_SUFFIXES = ("ات", "ين", "ون", "ان", "تا", "وا", "ة", "ه", "ي", "ت", "ا")


def shape(surface: str) -> tuple[str, str, str]:
    """A form's visible inflection: (proclitics, first stem letter class, ending).

    Options of a cloze share the answer's shape, so the blank cannot be filled by grammar
    alone ("والعسكري" is answered by another "و+ال" adjective, not by a bare verb).
    """
    w = bare(surface)
    m = _CONJ_ART_RE.match(w)
    pre = m.group(0) if m else ""
    stem = w[len(pre) :]
    lead = stem[:1] if stem[:1] in "يتنا" and not pre.endswith("ال") else ""
    end = next((s for s in _SUFFIXES if stem.endswith(s) and len(stem) > len(s) + 1), "")
    return pre, lead, end


def _tokens_of(ctx: Context, entry: VocabEntry) -> list[Token]:
    return ctx.lemma_index.get((bare(entry.lemma), entry.pos), [])


def cloze(ctx: Context, entry: VocabEntry) -> Draft | None:
    example = entry.examples[0]
    words = example.text.split()
    if len(words) > 40:
        return None
    answer = example.covered
    want = shape(answer)
    sentence_words = {bare(w) for w in words}
    same_pos = [
        t.surface
        for v in ctx.vocab
        if v.pos == entry.pos and bare(v.lemma) != bare(entry.lemma)
        for t in _tokens_of(ctx, v)
        if bare(t.surface) not in sentence_words
    ]
    ordered = [s for s in same_pos if shape(s) == want]
    distractors = pick(answer, ordered, same=lambda a, b: bare(a) == bare(b))
    before, after = cloze_window(example.text, example.start, example.end)
    return Draft(
        type="cloze",
        prompt_ar=f"أكمل الجملة بالكلمة المناسبة: «{before} {BLANK} {after}»".replace("  ", " "),
        prompt_en="Fill the gap with the word the article uses.",
        answer=answer,
        distractors=distractors,
        evidence=example,
        difficulty=_difficulty(0.35, entry.zipf),
        answer_en=first_sense(entry.gloss) or None,
        topic=f"word:{bare(entry.lemma)}",
        lemma=entry.lemma,
    )


_CLAUSE_MARKS = "،؛:.!?؟"
_WINDOW_WORDS = 14
_MIN_CONTEXT = 6


def cloze_window(text: str, start: int, end: int) -> tuple[str, str]:
    """The words around a blank: its clause (between punctuation marks), widened to the
    sentence when the clause is too short, cut to whole words with "…" where it is cut."""
    left = max((text.rfind(c, 0, start) for c in _CLAUSE_MARKS), default=-1) + 1
    rights = [p for c in _CLAUSE_MARKS if (p := text.find(c, end)) >= 0]
    right = min(rights) if rights else len(text)
    before, after = text[left:start], text[end:right]
    if len(before.split()) + len(after.split()) < _MIN_CONTEXT:
        before, after = text[:start], text[end:]
    before_words, after_words = before.split(), after.split()
    before = " ".join(before_words[-_WINDOW_WORDS:])
    after = " ".join(after_words[:_WINDOW_WORDS])
    if len(before_words) > _WINDOW_WORDS:
        before = "… " + before
    if len(after_words) > _WINDOW_WORDS:
        after += " …"
    return before.strip(), after.strip(" ،,")


def format_root(root: str) -> str:
    return " ".join(r for r in re.split(r"[.\s\-_]+", root) if r)


def _root_ok(root: str | None) -> bool:
    if not root:
        return False
    radicals = format_root(root).split()
    return 3 <= len(radicals) <= 4 and all(
        len(r) == 1 and "\u0621" <= r <= "\u064a" for r in radicals
    )


def root_question(ctx: Context, entry: VocabEntry) -> Draft | None:
    if not _root_ok(entry.root):
        return None
    assert entry.root is not None
    answer = format_root(entry.root)
    radicals = set(answer.split())
    roots = [format_root(w.root) for w in _word_items(ctx) if w.root and _root_ok(w.root)]
    roots = list(dict.fromkeys(r for r in roots if r != answer))
    # Roots sharing radicals with the answer first: they make the learner look closely.
    roots.sort(key=lambda r: -len(radicals & set(r.split())))
    distractors = pick(answer, roots, same=lambda a, b: a.replace(" ", "") == b.replace(" ", ""))
    form = entry.examples[0].covered
    return Draft(
        type="root",
        prompt_ar=f"ما جذر كلمة «{form}»؟",
        prompt_en=f"What is the root of «{form}»?",
        answer=answer,
        distractors=distractors,
        evidence=entry.examples[0],
        difficulty=_difficulty(0.45, entry.zipf),
        answer_en=first_sense(entry.gloss) or None,
        topic=f"root:{answer}",
        lemma=entry.lemma,
    )


def vocabulary_questions(ctx: Context, per_type: dict[str, int]) -> list[Draft]:
    """Walk the ranked list; each word is asked about once, each type up to its quota."""
    makers = (
        ("meaning_ar_en", meaning_ar_en),
        ("meaning_en_ar", meaning_en_ar),
        ("cloze", cloze),
        ("root", root_question),
    )
    counts = dict.fromkeys(per_type, 0)
    drafts: list[Draft] = []
    entries = _certain_entries(ctx)
    # Wrong answers come from the same trusted entries (plus pool and curated words).
    ctx = replace(ctx, vocab=tuple(entries))
    cycle = itertools.cycle(makers)
    for entry in entries:
        if all(counts.get(name, 0) >= per_type.get(name, 0) for name, _ in makers):
            break
        for _ in range(len(makers)):
            name, make = next(cycle)
            if counts.get(name, 0) >= per_type.get(name, 0):
                continue
            draft = make(ctx, entry)
            if draft is not None and len(draft.distractors) == 3:
                drafts.append(draft)
                counts[name] += 1
                break
    return drafts

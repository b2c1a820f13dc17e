"""Question generation: run the fact finders, enforce the quality rules, give stable ids.

Quality rules, checked in code for every question (``problems()``):
  * the answer is supported by the evidence span in its sentence;
  * there are three distractors (one for true/false), all real, distinct from the answer and
    from each other, in the answer's script;
  * no two questions ask the same thing (same topic, same prompt, or same answer + evidence);
  * uncertain facts never reach this point (the finders drop them).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field, replace

from learn.lessons.clauses import prefixes_stripped
from learn.lessons.context import Draft, build_context
from learn.lessons.distractors import DistractorPool, format_duration, parse_duration_key
from learn.lessons.finders import registered
from learn.lessons.names import clean_analysis
from learn.lessons.text import bare, gloss_senses
from learn.lessons.types import COMPREHENSION_TYPES, FALSE_AR, TRUE_AR, Question, VocabEntry
from learn.lessons.vocab_questions import vocabulary_questions
from learn.nlp.entities.numeric import period_years
from learn.nlp.types import AnalyzedText, Token

_ARABIC_RE = re.compile(r"[\u0621-\u064a]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_ENGLISH_ANSWER_TYPES = frozenset({"meaning_ar_en"})


@dataclass(frozen=True, slots=True)
class QuestionConfig:
    """How many questions of each type a lesson gets at most (in this order)."""

    per_type: dict[str, int] = field(
        default_factory=lambda: {
            "who": 4,
            "what": 2,
            "how_long": 2,
            "when": 2,
            "where": 2,
            "how_many": 2,
            "who_said": 4,
            "true_false": 4,
            "meaning_ar_en": 4,
            "meaning_en_ar": 3,
            "cloze": 3,
            "root": 3,
        }
    )


def question_id(draft: Draft) -> str:
    """Same article, same question, same id: a hash of what defines the question."""
    ev = draft.evidence
    basis = "\x00".join((draft.type, draft.prompt_ar, draft.answer, ev.text, str(ev.start)))
    return f"{draft.type}-{hashlib.sha1(basis.encode()).hexdigest()[:12]}"


def finalize(draft: Draft) -> Question:
    return Question(
        id=question_id(draft),
        type=draft.type,
        prompt_ar=draft.prompt_ar,
        prompt_en=draft.prompt_en,
        answer=draft.answer,
        distractors=tuple(draft.distractors),
        evidence=draft.evidence,
        difficulty=round(min(1.0, max(0.0, draft.difficulty)), 2),
        answer_en=draft.answer_en,
        note=draft.note,
        lemma=draft.lemma,
    )


# ---------------------------------------------------------------------------------------------
# Quality rules


def answer_supported(q: Question, analyzed: AnalyzedText | None = None) -> bool:
    """Does the evidence span hold the answer?

    Literal answers must appear in the span. Names may be the fullest mention of the same
    entity ("فلاديمير بوتين" for a span "بوتين"), so they must share a word with it. Counts and
    durations are rendered as digits, so they must equal the key of the engine's entity there.
    """
    ev = q.evidence
    if not (0 <= ev.start < ev.end <= len(ev.text)):
        return False
    covered = bare(ev.covered)
    if q.type == "true_false":
        return bool(covered)
    if q.type in {"how_long", "how_many"}:
        return _number_supported(q, analyzed)
    if q.type in {"who", "who_said", "where"}:
        words = {w for w in bare(q.answer).replace(" و", " ").split() if len(w) >= 3}
        return bool(words & set(covered.split())) or bare(q.answer) in covered
    if q.type == "meaning_ar_en":
        return _gloss_supported(q, analyzed)
    if q.type == "meaning_en_ar":
        return bool(covered)  # the span is a form of the lemma; checked via the tokens below
    if q.type == "root":
        return _root_supported(q, analyzed)
    if covered.startswith("لل"):
        covered = "ا" + covered[1:]  # "للتجارة الحرة" holds the answer "التجارة الحرة"
    return bare(q.answer) in covered or (covered in bare(q.answer) and len(covered) > 2)


def _entity_at(q: Question, analyzed: AnalyzedText | None, types: set[str]) -> str | None:
    if analyzed is None or q.evidence.sentence < 0:
        return None
    sent = analyzed.sentences[q.evidence.sentence]
    start, end = sent.start + q.evidence.start, sent.start + q.evidence.end
    for ent in analyzed.entities:
        if ent.type in types and ent.start == start and ent.end == end:
            return ent.key or ent.text
    return None


def _number_supported(q: Question, analyzed: AnalyzedText | None) -> bool:
    if q.type == "how_long":
        key = _entity_at(q, analyzed, {"DURATION"})
        if period_years(key or "") is not None:
            return bare(q.answer) in bare(q.evidence.covered)  # a range of years, as written
        parsed = parse_duration_key(key or "")
        return parsed is not None and q.answer in {
            format_duration(*parsed, sana=False),
            format_duration(*parsed, sana=True),
        }
    # Counts are shown as written ("500 مليون"), and must be the engine's number there.
    return _entity_at(q, analyzed, {"NUMBER"}) is not None and bare(q.answer) == bare(
        q.evidence.covered
    )


def _token_at(q: Question, analyzed: AnalyzedText | None) -> Token | None:
    if analyzed is None or q.evidence.sentence < 0:
        return None
    sent = analyzed.sentences[q.evidence.sentence]
    start = sent.start + q.evidence.start
    for tok in sent.tokens:
        if tok.start == start:
            return tok
    return None


def _gloss_supported(q: Question, analyzed: AnalyzedText | None) -> bool:
    tok = _token_at(q, analyzed)
    return (tok is not None and q.answer in gloss_senses(tok.gloss)) or analyzed is None


def _root_supported(q: Question, analyzed: AnalyzedText | None) -> bool:
    tok = _token_at(q, analyzed)
    if analyzed is None:
        return True
    return (
        tok is not None
        and tok.root is not None
        and set(q.answer.split()) == set(re.split(r"[.\s]+", tok.root))
    )


def problems(q: Question, analyzed: AnalyzedText | None = None) -> list[str]:
    """Every quality rule this question breaks (empty when it is fit to show)."""
    out = []
    if not answer_supported(q, analyzed):
        out.append("answer not in evidence")
    want = 1 if q.type == "true_false" else 3
    if len(q.distractors) != want:
        out.append(f"{len(q.distractors)} distractors, want {want}")
    choices = [q.answer, *q.distractors]
    if len({bare(c).lower() for c in choices}) != len(choices):
        out.append("repeated choice")
    script = _LATIN_RE if q.type in _ENGLISH_ANSWER_TYPES else _ARABIC_RE
    if q.type not in {"how_long", "how_many"} and not all(script.search(c) for c in choices):
        out.append("choice in the wrong script")
    if q.type == "true_false" and {q.answer, *q.distractors} != {TRUE_AR, FALSE_AR}:
        out.append("true/false choices")
    if not q.prompt_ar.strip() or not q.prompt_en.strip():
        out.append("empty prompt")
    if not all(_marks_paired(c) for c in choices):
        out.append("unpaired quotation mark in a choice")  # "المدير العام لشركة «فيماك"
    return out


def _marks_paired(text: str) -> bool:
    return (
        text.count("«") == text.count("»")
        and text.count("“") == text.count("”")
        and text.count('"') % 2 == 0
    )


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """Drop drafts asking what an earlier one asks: same topic, prompt, or answer + evidence."""
    seen: set[str] = set()
    kept = []
    for d in drafts:
        keys = {f"t:{d.topic}", f"p:{d.type}:{bare(d.prompt_ar)}"}
        if d.topic.startswith("true_false:stmt:"):
            # A statement about a sentence another question already asks about repeats it.
            keys.add(f"s:{d.evidence.sentence}")
        elif d.type != "who_said":  # one speaker's two statements are two facts
            keys.add(f"a:{d.type}:{bare(d.answer)}:{d.evidence.sentence}")
        if d.type in {"when", "where", "how_many", "how_long"}:
            # The same date, place or number asked twice is almost always the same fact.
            keys.add(f"v:{d.type}:{bare(d.answer)}")
        if keys & seen:
            continue
        seen |= keys
        if d.type in COMPREHENSION_TYPES:
            seen.add(f"s:{d.evidence.sentence}")
        kept.append(d)
    return kept


def generate_questions(
    analyzed: AnalyzedText,
    vocab: tuple[VocabEntry, ...] = (),
    pool: DistractorPool | None = None,
    config: QuestionConfig | None = None,
) -> tuple[Question, ...]:
    """All questions for an article, comprehension first, deterministic for a given input."""
    config = config or QuestionConfig()
    analyzed = clean_analysis(analyzed)
    ctx = build_context(analyzed, pool, vocab)
    drafts: list[Draft] = []
    for finder in registered():
        found = _dedupe(drafts + finder.finder(ctx))[len(drafts) :]
        fit = _keeping_secrets(_fit(found, analyzed), drafts)
        drafts += fit[: config.per_type.get(finder.qtype, 0)]
    vocab_drafts = vocabulary_questions(ctx, config.per_type)
    found = _dedupe(drafts + vocab_drafts)[len(drafts) :]
    drafts += _keeping_secrets(_fit(found, analyzed), drafts)
    return tuple(finalize(d) for d in drafts)


def _keeping_secrets(found: list[Draft], kept: list[Draft]) -> list[Draft]:
    """The drafts that give none of ``kept`` (or each other) away, each in the fullest of its
    wordings that does not. A kept question whose prompt gives a new one away is reworded
    with one of its shorter wordings when that settles it (``kept`` is updated in place)."""
    out: list[Draft] = []
    for draft in found:
        for prompt in (draft.prompt_ar, *draft.shorter):
            candidate = replace(draft, prompt_ar=prompt)
            if _fits(candidate, kept, out):
                out.append(candidate)
                break
    return out


def _fits(candidate: Draft, kept: list[Draft], new: list[Draft]) -> bool:
    others = [*kept, *new]
    if any(gives_away(candidate, k) for k in others):
        return False
    for group in (kept, new):
        for i, k in enumerate(group):
            if not gives_away(k, candidate):
                continue
            rest = [o for o in [*others, candidate] if o is not k]
            reworded = next(
                (
                    r
                    for p in k.shorter
                    if (r := replace(k, prompt_ar=p))
                    and not any(gives_away(r, o) or gives_away(o, r) for o in rest)
                ),
                None,
            )
            if reworded is None:
                return False
            group[i] = reworded
    return True


# ---------------------------------------------------------------------------------------------
# One question must not give away another


_QUESTION_WORDS = frozenset(
    {"من", "ما", "ماذا", "متي", "اين", "كم", "قال", "الذي", "اي", "عباره", "تصف", "بدقه", "على",
     "صح", "ام", "خطا", "اكمل", "حسب", "النص"}
)  # fmt: skip


@functools.lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    """The content stems of a text; cached, since every pair of drafts compares them."""
    out: set[str] = set()
    for word in bare(text).replace("«", " ").replace("»", " ").split():
        word = word.strip("؟?.،,:")
        if any(ch.isdigit() for ch in word):
            out.add(word)  # a number is a fact of its own, however short
            continue
        forms = [f for f in prefixes_stripped(word) if len(f) >= 3]
        if forms:
            out.add(min(forms, key=len))
    return frozenset(out - _QUESTION_WORDS)


def _answer_stems(d: Draft) -> frozenset[str]:
    """What a question asks the learner to know: its answer (a true/false one: its statement)."""
    if d.type == "true_false":
        return _stems(d.prompt_ar)
    if d.type in COMPREHENSION_TYPES:
        return _stems(d.answer)
    return frozenset()


def _shown(d: Draft) -> frozenset[str]:
    return _stems(d.prompt_ar) | _stems(d.note or "")


def gives_away(shown: Draft, asked: Draft) -> bool:
    """Does what ``shown`` displays (prompt and feedback) hold ``asked``'s answer in the same
    context — the same sentence, or beside the words ``asked`` asks about?"""
    need = _answer_stems(asked)
    if not need:
        return False
    visible = _shown(shown)
    if asked.type == "true_false":
        # A statement is given away by a prompt or feedback stating most of it.
        return shown.type != "true_false" and len(need & visible) >= max(2, 0.7 * len(need))
    if len(need & visible) < max(1, 0.6 * len(need)):
        return False
    context = _stems(asked.prompt_ar)
    same_sentence = shown.evidence.sentence == asked.evidence.sentence
    return same_sentence or bool(context & visible)


def reveals(a: Draft, b: Draft) -> bool:
    """Would ``a`` and ``b`` in one lesson give one another away?"""
    return a is not b and (gives_away(a, b) or gives_away(b, a))


def _fit(drafts: list[Draft], analyzed: AnalyzedText) -> list[Draft]:
    return [d for d in drafts if not problems(finalize(d), analyzed)]

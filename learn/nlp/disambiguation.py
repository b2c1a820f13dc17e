"""Context rules that choose among a word's analyses, stated over grammatical features.

Each rule looks at one candidate analysis of the word at ``index`` and at what the sentence
says around it: the analysis already chosen for the previous word, and the likeliest
context-free analysis of the next one (:meth:`SentenceContext.peek`). It returns a bonus in
the same log10 units as the priors. No rule names a word of a text: they speak of parts of
speech, definiteness, gender and number, clitics, and a few grammatical classes (the
particles that govern a verb, the verb of saying قال, document nouns as objects of وقّع).

* **Government**: قد/لن/لم/لا/سوف/كي/حتى take a verb, أن somewhat; a free-standing preposition
  takes a noun phrase.
* **Agreement**: an adjective follows a nominal and agrees with it in definiteness and, when
  both say so, in gender and number (a non-human plural takes a feminine singular), or it
  follows a construct and agrees with its head (وزير الخارجية الإيراني). An adjective never
  carries a preposition or a possessive pronoun; with nothing to qualify, an adjective
  reading is a noun used on its own.
* **Verb first**: a verb reading of a sentence's or clause's first word gets a little
  weight, since news clauses open with their verb (وتزايد الطلب).
* **Construct state**: an indefinite word followed by a definite noun heads a construct
  (رئيس الوزراء): it is a noun, not an adjective.
* **إنّ / أنّ / أنْ / إنْ**: after the verb of saying (قال، يقول، قالت ...) the particle is إنّ;
  before a nominal or with a pronoun attached it is the heavy إنّ/أنّ, before a verb the light
  أنْ/إنْ.
* **Senses**: a weekday after a word for a day or time of day (أمس الأحد "Sunday");
  وقّع "sign" when a document noun follows as its object, across its subject and
  commas or a parenthesis (وقع الوزيران ، اليوم ، اتفاقية); إطلاق/أطلق + النار "firing", +
  سراح "release", + صاروخ "launch".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from learn.nlp.entities.namelists import OFFICE_HEADS, OFFICE_TAILS
from learn.nlp.morphology.arabic import canonical_marks, normalize_key


@dataclass(frozen=True, slots=True)
class Candidate:
    """One analysis of a word, with its context-free score."""

    diac: str
    lemma: str
    pos: str
    gloss: str
    root: str | None
    bw: str
    stt: str  # "d" when the word carries the article or a possessive pronoun
    score: float
    source: str = "lex"
    gen: str = "-"  # m / f when a suffix (or the stem) says so
    num: str = "-"  # s / d / p
    prep: bool = False  # carries a preposition proclitic (بِـ لِـ كَـ)
    enclitic: str = "0"  # camel-tools enc0 value (3ms_poss, 3fs_dobj, ...) or "0"
    article: bool = False  # carries the article الـ
    construct: bool = False  # a construct-state ending (قائدَيْ، مُوَظَّفُو): heads a genitive
    root_note: str | None = None  # "borrowed word" when the DB says the word has no root
    aspect: str = "na"  # a verb's p (perfect), i (imperfect) or c (imperative)


class _Analysis(Protocol):
    """What the rules read of an already finished word (a tagger ``WordAnalysis``)."""

    @property
    def pos(self) -> str: ...
    @property
    def bw(self) -> str: ...


NOMINAL = frozenset({"noun", "noun_prop", "adj", "noun_num", "noun_quant", "adj_comp"})
_HEAVY_NOMINAL = frozenset(
    {*NOMINAL, "pron", "pron_dem", "pron_rel", "digit", "foreign", "noun_prop"}
)
# Particles after which only an imperfect verb can come; قد and حتى also take a perfect
# (قد وصل، حتى وصلوا); after لا a perfect is rare (لا زال) and a noun common (لا بدّ، لا شكّ).
_VERB_TRIGGERS = frozenset(normalize_key(w) for w in ("لن", "لم", "سوف", "كي", "لكي"))
_ANY_VERB_TRIGGERS = frozenset(normalize_key(w) for w in ("قد", "حتى"))
_LA = normalize_key("لا")
_SUBJ_TRIGGERS = frozenset(normalize_key(w) for w in ("أن", "ان", "لأن"))
_NO_HEAD_ADJ_PENALTY = 1.0  # an adjective reading with nothing to qualify
_DISAGREEING_ADJ_PENALTY = 1.0  # after a nominal it does not agree with: no head either
_AGREEMENT_BONUS = 1.5
_CONSTRUCT_PENALTY = 1.0
_CLAUSE_VERB_BONUS = 0.5
_SENTENCE_BREAKS = frozenset(".!?؟؛:…\n")

# The particle أن/إن: its four readings, and the verb of saying that takes إنّ.
_INNA, _ANNA = canonical_marks("إِنَّ"), canonical_marks("أَنَّ")
_IN, _AN = canonical_marks("إِن"), canonical_marks("أَن")
# With a pronoun attached, the heavy particles: إنّه، أنّه، لأنّه، لكنّه، كأنّه.
_HEAVY_PARTICLES = frozenset(
    {_INNA, _ANNA, *(canonical_marks(w) for w in ("لِأَنَّ", "لٰكِنَّ", "لَكِنَّ", "كَأَنَّ"))}
)
_LIGHT_PARTICLES = frozenset({_IN, _AN})
_SAYING_LEMMA = canonical_marks("قال")
_SAYING_BONUS = 3.0
_SAYING_REACH = 12  # words between the verb of saying and its إنّ (a subject with titles)
_SUBJECT_POS = frozenset({*NOMINAL, "prep", "pron", "pron_dem", "digit", "foreign"})
_CROSSABLE_PUNCTUATION = frozenset({"،", ",", "(", ")", "-", "–"})
_PARTICLE_BONUS = 1.5

# Sense cues: (lemma of the analysis, words that signal it among the following words).
# Document nouns, by lemma: the objects that make وقّع "sign".
_DOCUMENT_WORDS = (
    "اتفاقية", "معاهدة", "اتفاق", "وثيقة", "مذكرة", "عقد", "بروتوكول", "ميثاق", "إعلان",
    "صفقة", "قرار", "مرسوم", "توقيع", "مرسوم", "اتفاقات", "اتفاقيات",
)  # fmt: skip
_SENSE_CUES: tuple[tuple[str, frozenset[str], int, float], ...] = (
    # وقّع + (subject, commas, a time phrase) + treaty/agreement: "sign".
    (canonical_marks("وَقَّع"), frozenset(normalize_key(w) for w in _DOCUMENT_WORDS), 12, 6.0),
)


_TIME_NOUNS = frozenset(
    normalize_key(w)
    for w in ("يوم", "اليوم", "أمس", "غدا", "مساء", "صباح", "ليلة", "فجر", "ظهر", "عصر", "يومي")
)
_WEEKDAYS = frozenset(
    {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)
_WEEKDAY_BONUS = 2.0


@dataclass(slots=True)
class SentenceContext:
    """The sentence being tagged: its words, what was chosen so far, a look at the next."""

    words: Sequence[str]
    chosen: list[Candidate | None]
    results: Sequence[_Analysis | None]
    peek: Callable[[int], Candidate | None]
    keys: list[str] = field(default_factory=list)  # the words' normalize_key, once

    def __post_init__(self) -> None:
        self.keys = [normalize_key(word) for word in self.words]

    def previous(self, index: int) -> tuple[str, Candidate | None, _Analysis | None]:
        if index == 0:
            return "", None, None
        return self.keys[index - 1], self.chosen[index - 1], self.results[index - 1]


def context_bonus(cand: Candidate, ctx: SentenceContext, index: int) -> float:
    return sum(rule(cand, ctx, index) for rule in _rules_for(cand.pos))


def rank(
    candidates: Sequence[Candidate], ctx: SentenceContext, index: int
) -> list[tuple[float, Candidate]]:
    """The candidates with their scores in context, best first (ties keep the given order)."""
    if len(candidates) == 1:
        return [(candidates[0].score, candidates[0])]
    scored = [(c.score + context_bonus(c, ctx, index), c) for c in candidates]
    return sorted(scored, key=lambda pair: pair[0], reverse=True)


# -- the rules ---------------------------------------------------------------------------------
def governed_by_particle_or_preposition(cand: Candidate, ctx: SentenceContext, index: int) -> float:
    prev_word, _, prev = ctx.previous(index)
    if prev_word in _ANY_VERB_TRIGGERS:
        return 2.0 if cand.pos == "verb" else -0.5
    if prev_word in _VERB_TRIGGERS:
        # لم يصل، لن يعود: an imperfect.
        return 2.0 if cand.pos == "verb" and cand.aspect != "p" else -0.5
    if prev_word == _LA:
        # لا يعرف: an imperfect; لا بدّ is the noun after the لا that negates a kind.
        if cand.pos == "verb":
            return 2.0 if cand.aspect != "p" else 0.0
        return -0.5
    if prev_word in _SUBJ_TRIGGERS:
        return 1.0 if cand.pos == "verb" else 0.0
    if prev is not None and prev.pos == "prep" and not prev.bw.count("+"):
        # A free-standing preposition governs a noun phrase, not a verb.
        return -2.5 if cand.pos == "verb" else 0.5
    return 0.0


def adjective_agreement(cand: Candidate, ctx: SentenceContext, index: int) -> float:
    if cand.pos != "adj":
        return 0.0
    _, prev_cand, prev = ctx.previous(index)
    if cand.prep or cand.enclitic != "0":
        # بمساعدة، لاحقته: a preposition or a possessive belongs to a noun, not an adjective.
        return -_NO_HEAD_ADJ_PENALTY
    if prev_cand is not None and prev_cand.pos in {"noun", "adj"}:
        if agrees(prev_cand, cand):
            # Two definite words in a row can only be noun + adjective (or apposition); two
            # indefinite ones may as well be a construct (تقديم مساعدات), unless both show
            # their gender and number.
            explicit = _marks_gender_and_number(prev_cand) and _marks_gender_and_number(cand)
            return _AGREEMENT_BONUS if cand.stt == "d" or explicit else _AGREEMENT_BONUS / 2
        head = _construct_head(ctx, index)
        if head is not None and cand.stt == "d" and agrees(replace(head, stt="d"), cand):
            # وزير الخارجية الإيراني: the adjective qualifies the head of the construct.
            return _AGREEMENT_BONUS
        if prev_cand.stt == "d" and cand.stt != "d":
            return 0.0  # المدينة جميلة: an indefinite predicate after a definite subject
        return -_DISAGREEING_ADJ_PENALTY
    if prev is None or prev.pos not in NOMINAL:
        # Nothing to qualify: an adjective here is used as a noun (الإيرانيين "the Iranians").
        return -_NO_HEAD_ADJ_PENALTY
    return 0.0


def _construct_head(ctx: SentenceContext, index: int) -> Candidate | None:
    """The indefinite noun two words back when the previous word is its definite genitive."""
    if index < 2:
        return None
    genitive, head = ctx.chosen[index - 1], ctx.chosen[index - 2]
    if genitive is None or head is None or genitive.stt != "d":
        return None
    return head if head.pos == "noun" and head.stt != "d" and not head.article else None


def agrees(head: Candidate, adjective: Candidate) -> bool:
    """Definiteness must match; gender and number too where both words mark them, except
    that a plural (a non-human one) takes a feminine singular adjective."""
    if head.stt != adjective.stt:
        return False
    if head.num == "p" and adjective.gen == "f" and adjective.num == "s":
        return True
    gender_clash = "-" not in (head.gen, adjective.gen) and head.gen != adjective.gen
    number_clash = "-" not in (head.num, adjective.num) and head.num != adjective.num
    return not (gender_clash or number_clash)


def _marks_gender_and_number(cand: Candidate) -> bool:
    return cand.gen != "-" and cand.num != "-"


def construct_state(cand: Candidate, ctx: SentenceContext, index: int) -> float:
    """An adjective reading in a construct-state form (قائدَيْ) or, indefinite, right before
    a definite noun (حاملة الطائرات): that word heads a construct and is a noun."""
    if cand.pos != "adj" or cand.stt == "d":
        return 0.0
    if cand.construct:
        return -_CONSTRUCT_PENALTY
    following = ctx.peek(index + 1)
    if following is not None and following.article and following.pos in {"noun", "noun_prop"}:
        return -_CONSTRUCT_PENALTY
    return 0.0


def office_title(cand: Candidate, ctx: SentenceContext, index: int) -> float:
    """A word that heads an office before a word that goes on with one (ولي العهد، خادم
    الحرمين) is the office's noun — not a preposition with a pronoun (لِي "to me")."""
    if index + 1 >= len(ctx.keys) or cand.pos != "noun":
        return 0.0
    key = ctx.keys[index]
    heads = key in OFFICE_HEADS or (key[:1] in "وف" and key[1:] in OFFICE_HEADS)  # وولي العهد
    if heads and ctx.keys[index + 1] in OFFICE_TAILS:
        return _OFFICE_BONUS
    return 0.0


_OFFICE_BONUS = 3.0


def verb_first_clause(cand: Candidate, ctx: SentenceContext, index: int) -> float:
    """News sentences and clauses open with their verb (وقال، وأضاف، وتزايد الطلب): a verb
    reading of the first word of a sentence, or of the word after a punctuation mark, gets
    a little more weight."""
    if cand.pos != "verb":
        return 0.0
    _, _, prev = ctx.previous(index)
    return _CLAUSE_VERB_BONUS if prev is None or prev.pos == "punc" else 0.0


def counted_noun(cand: Candidate, ctx: SentenceContext, index: int) -> float:
    _, _, prev = ctx.previous(index)
    if prev is not None and prev.pos in {"noun_num", "digit"} and cand.pos == "noun":
        return 1.0  # the counted noun after a number (عشرين عاما، 20 عاما)
    return 0.0


def inna_and_anna(cand: Candidate, ctx: SentenceContext, index: int) -> float:
    """Which of إنّ، أنّ، إنْ، أنْ a particle written ان/أن/إن is."""
    if cand.lemma not in _HEAVY_PARTICLES and cand.lemma not in _LIGHT_PARTICLES:
        return 0.0
    bonus = 0.0
    _, _, prev = ctx.previous(index)
    if _after_verb_of_saying(ctx, index):
        # قال إنّ، قال المتحدث إنّ، يقول إنّ: the verb of saying introduces its words with إنّ.
        bonus += _SAYING_BONUS if cand.lemma == _INNA else 0.0
    elif prev is None or prev.pos == "punc":
        # At the start of a clause: إنّ "indeed"; أنّ "that" never opens one.
        bonus += 1.0 if cand.lemma == _INNA else 0.0
    if cand.lemma in _HEAVY_PARTICLES:
        fits = cand.enclitic != "0" or _nominal_follows(ctx, index)
    else:
        fits = cand.enclitic == "0" and _verb_follows(ctx, index)
    return bonus + (_PARTICLE_BONUS if fits else 0.0)


def _after_verb_of_saying(ctx: SentenceContext, index: int) -> bool:
    """Is the nearest verb before ``index``, across its subject (nouns, names, adjectives,
    prepositional phrases and commas) but within the clause, the verb of saying قال?"""
    for position in range(index - 1, max(index - 1 - _SAYING_REACH, -1), -1):
        word, cand = ctx.words[position], ctx.chosen[position]
        if is_punctuation(word):
            if word not in _CROSSABLE_PUNCTUATION:
                return False
            continue
        if cand is None:
            continue  # a name from the lexicon
        if cand.pos == "verb":
            return cand.lemma == _SAYING_LEMMA
        if cand.pos not in _SUBJECT_POS:
            return False
    return False


def _nominal_follows(ctx: SentenceContext, index: int) -> bool:
    following = ctx.peek(index + 1)
    return following is not None and following.pos in _HEAVY_NOMINAL


def _verb_follows(ctx: SentenceContext, index: int) -> bool:
    following = ctx.peek(index + 1)
    return following is not None and following.pos == "verb"


def weekday_after_time_noun(cand: Candidate, ctx: SentenceContext, index: int) -> float:
    """يوم الأحد، أمس الأحد، مساء السبت: after a word for a day or a time of day, the
    weekday reading (أحد "Sunday", not "one")."""
    prev_word, _, _ = ctx.previous(index)
    if prev_word in _TIME_NOUNS and _weekday_senses(cand.gloss):
        return _WEEKDAY_BONUS
    return 0.0


def _weekday_senses(gloss: str) -> list[str]:
    return [sense for sense in gloss.split("; ") if sense.strip() in _WEEKDAYS]


def sense_cues(cand: Candidate, ctx: SentenceContext, index: int) -> float:
    bonus = 0.0
    for lemma, cues, window, weight in _SENSE_CUES:
        if cand.lemma == lemma and cue_ahead(ctx.words, index, window, _cue_test(ctx, cues)):
            bonus += weight
    return bonus


def _cue_test(ctx: SentenceContext, cues: frozenset[str]) -> Callable[[int], bool]:
    return lambda position: _is_cue(ctx, position, cues)


def _is_cue(ctx: SentenceContext, index: int, cues: frozenset[str]) -> bool:
    """The word's likeliest lemma (اتفاقا → اتفاق), or the word itself, is a cue."""
    found = ctx.peek(index)
    return ctx.keys[index] in cues or (found is not None and normalize_key(found.lemma) in cues)


def cue_ahead(words: Sequence[str], index: int, window: int, is_cue: Callable[[int], bool]) -> bool:
    """Is a cue among the next ``window`` words of the same clause? Commas and brackets are
    crossed (a subject, a time phrase, a parenthesis may come between a verb and its
    object); a full stop, colon or semicolon ends the search."""
    seen = 0
    for position in range(index + 1, len(words)):
        word = words[position]
        if is_punctuation(word):
            if any(char in _SENTENCE_BREAKS for char in word):
                return False
            continue
        seen += 1
        if seen > window:
            return False
        if is_cue(position):
            return True
    return False


def is_punctuation(word: str) -> bool:
    return bool(word) and all(unicodedata.category(ch)[0] in "PSZ" for ch in word)


Rule = Callable[[Candidate, SentenceContext, int], float]
# Each rule with the parts of speech it can change the score of (None: any).
RULES: tuple[tuple[Rule, frozenset[str] | None], ...] = (
    (governed_by_particle_or_preposition, None),
    (adjective_agreement, frozenset({"adj"})),
    (construct_state, frozenset({"adj"})),
    (office_title, frozenset({"noun"})),
    (verb_first_clause, frozenset({"verb"})),
    (counted_noun, frozenset({"noun"})),
    (inna_and_anna, frozenset({"conj_sub"})),
    (weekday_after_time_noun, None),
    (sense_cues, frozenset({"verb"})),
)
_RULES_FOR: dict[str, tuple[Rule, ...]] = {}


def _rules_for(pos: str) -> tuple[Rule, ...]:
    """The rules that can apply to a candidate of this POS (cached: called per candidate)."""
    found = _RULES_FOR.get(pos)
    if found is None:
        found = _RULES_FOR[pos] = tuple(
            rule for rule, kinds in RULES if kinds is None or pos in kinds
        )
    return found


# -- sense order -------------------------------------------------------------------------------
# For a lemma (undiacritized), the next word selects which of its senses comes first
# (إطلاق النار "firing", إطلاق سراح "release", أطلق صاروخا "launch").
_SENSE_ORDER_CUES: dict[str, tuple[tuple[frozenset[str], str], ...]] = {
    lemma: (
        (frozenset(normalize_key(w) for w in ("النار", "نار", "الرصاص", "النيران")), "fir"),
        (frozenset(normalize_key(w) for w in ("سراح", "سراحه", "سراحها", "سراحهم")), "releas"),
        (
            frozenset(normalize_key(w) for w in ("صاروخ", "صاروخا", "صواريخ", "قمر", "حملة")),
            "launch",
        ),
    )
    for lemma in ("اطلاق", "اطلق")
}


def order_senses(cand: Candidate, words: Sequence[str], index: int) -> Candidate:
    previous = normalize_key(words[index - 1]) if index > 0 else ""
    weekdays = _weekday_senses(cand.gloss) if previous in _TIME_NOUNS else []
    if weekdays:
        # يوم الأحد: "Sunday" first, not "one".
        rest = [s for s in cand.gloss.split("; ") if s not in weekdays]
        return replace(cand, gloss="; ".join(weekdays + rest))
    cues = _SENSE_ORDER_CUES.get(normalize_key(cand.lemma))
    if not cues or index + 1 >= len(words):
        return cand
    following = normalize_key(words[index + 1])
    for cue_words, sense_prefix in cues:
        if following in cue_words:
            senses = cand.gloss.split("; ")
            fitting = [s for s in senses if any(w.startswith(sense_prefix) for w in s.split())]
            if fitting:
                rest = [s for s in senses if s not in fitting]
                return replace(cand, gloss="; ".join(fitting + rest))
    return cand

"""Reading facts off analysed sentences: event verbs, their subjects, clauses and hedges.

The engine gives tokens (with POS) and entities (with character spans); this module adds the
little syntax the question generator needs for news prose, which is mostly verb-first:
"وقع الرئيس الروسي فلاديمير بوتين ونظيره الإيراني مسعود بيزشكيان اتفاقية ...".
Everything is a pure function of the engine's output.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from learn.lessons.text import bare
from learn.nlp.types import AnalyzedText, Entity, Sentence, Token


def _forms(words: str) -> frozenset[str]:
    return frozenset(bare(w) for w in words.split())


@dataclass(frozen=True, slots=True)
class EventKind:
    name: str
    forms: frozenset[str]  # perfective 3rd-person forms, bare
    verb_en: str  # English past tense for the prompt
    subject_types: tuple[str, ...]  # entity types that can be the subject


_ACTORS = ("PERSON", "ORGANIZATION")
_PARTIES = ("PERSON", "ORGANIZATION", "LOCATION")  # countries and cities act as parties

# Ordered by how central the fact is to a news story (earlier kinds are asked first).
EVENTS: tuple[EventKind, ...] = (
    EventKind("sign", _forms("وقع وقعت وقعا وقعتا وقعوا"), "signed", _PARTIES),
    EventKind("agree", _forms("اتفق اتفقت اتفقا اتفقتا اتفقوا"), "agreed", _PARTIES),
    EventKind("win", _forms("فاز فازت"), "won", _ACTORS),
    EventKind("impose", _forms("فرض فرضت فرضا فرضوا"), "imposed", _PARTIES),
    EventKind("announce", _forms("أعلن أعلنت أعلنا أعلنوا"), "announced", _PARTIES),
    EventKind("decide", _forms("قرر قررت قررا قرروا"), "decided", _PARTIES),
    EventKind("host", _forms("استضاف استضافت"), "hosted", _PARTIES),
    EventKind("visit", _forms("زار زارت"), "visited", _ACTORS),
    EventKind("accuse", _forms("اتهم اتهمت"), "accused", _PARTIES),
    EventKind("call", _forms("دعا دعت"), "called for", _ACTORS),
    EventKind("warn", _forms("حذر حذرت"), "warned", _ACTORS),
    EventKind("deny", _forms("نفى نفت"), "denied", _ACTORS),
    EventKind("praise", _forms("أشاد أشادت"), "praised", _ACTORS),
    EventKind(
        "say",
        _forms("قال قالت أكد أكدت أوضح أوضحت صرح صرحت ذكر ذكرت أفاد أفادت اعتبر اعتبرت روى"),
        "said",
        _ACTORS,
    ),
)
EVENT_BY_NAME = {e.name: e for e in EVENTS}

# Nouns naming an agreement (bare, without the article).
AGREEMENT_NOUNS = _forms(
    "اتفاق اتفاقية معاهدة مذكرة وثيقة بروتوكول صفقة ميثاق هدنة إعلان عقد اتفاقيات معاهدات"
)
# Verbs saying what an agreement covers, and whether they take على.
COVER_VERBS = _forms("تغطي يغطي تشمل يشمل تتضمن يتضمن تتناول يتناول")
PROVIDE_VERBS = _forms("تنص ينص")
# Words that make a statement uncertain: negation, modality, plans, reports of intent.
NEGATIONS = _forms("لا لم لن ليس ليست غير")
HEDGES = _forms(
    "قد ربما يعتزم تعتزم يعتزمون المقرر المتوقع المحتمل يتوقع يُتوقع تتوقع يرجح يرجّح "
    "يحتمل سوف سيتم إذا لو عسى"
)
# Words that end the clause a fact lives in (adverbial participles, "where", "while").
CLAUSE_BREAK_WORDS = _forms(
    "حيث قائلا قائلة مضيفا مضيفة معربا معربة مشيرا مشيرة موضحا موضحة مؤكدا مؤكدة بينما في_حين"
)
CLAUSE_PUNCT = frozenset('،,؛;:.!?؟«»“”"()[]')
DASHES = frozenset("–—")
ALL_WORDS = _forms("جميع كل كافة شتى مختلف")


@lru_cache(maxsize=100_000)
def prefixes_stripped(surface: str) -> frozenset[str]:
    """The surface and its versions without a conjunction, a preposition and the article."""
    w = bare(surface)
    out = {w}
    for conj in ("", "و", "ف"):
        if conj and not w.startswith(conj):
            continue
        a = w[len(conj) :]
        out.add(a)
        for prep in ("ب", "ل", "ك"):
            if a.startswith(prep):
                out.add(a[1:])
        for b in list(out):
            if b.startswith("ال") and len(b) > 3:
                out.add(b[2:])
            if b.startswith("لل") and len(b) > 3:
                out.add(b[2:])
    return frozenset(o for o in out if len(o) >= 2)


def has_form(surface: str, forms: frozenset[str]) -> bool:
    return not prefixes_stripped(surface).isdisjoint(forms)


def strip_conjunction(surface: str) -> str:
    """Drop a leading و/ف when the rest is a word ("وأعلن" -> "أعلن").

    Without the analysis this is a guess; prefer :func:`conj_length` when a token is at hand.
    """
    if len(surface) > 3 and surface[0] in "وف":
        return surface[1:]
    return surface


def conj_length(tok: Token) -> int:
    """1 when the token starts with a conjunction و/ف that is not part of its lemma, else 0.

    "وأشاد" (lemma أشاد) starts with the conjunction; "وقع" (lemma وقّع) does not.
    """
    surface = bare(tok.surface)
    if len(surface) < 3 or surface[0] not in "وف":
        return 0
    lemma = bare(tok.lemma)
    if lemma and lemma[0] == surface[0] and surface[1:2] != lemma[0]:
        return 0
    return 1


def without_conj(tok: Token) -> str:
    return tok.surface[conj_length(tok) :]


OPENERS = frozenset('“«":')


def opens_speech(view: SentenceView, index: int) -> bool:
    """Does the clause stop at a quotation or a colon (so it is only half a statement)?"""
    toks = view.tokens
    return index < len(toks) and any(c in OPENERS for c in toks[index].surface)


@dataclass(frozen=True, slots=True)
class SentenceView:
    """A sentence with its entities and quotation spans, for the fact finders."""

    sentence: Sentence
    entities: tuple[Entity, ...]
    quote_spans: tuple[tuple[int, int], ...]  # absolute offsets of quoted text

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.sentence.tokens

    def rel(self, start: int, end: int) -> tuple[int, int]:
        return start - self.sentence.start, end - self.sentence.start

    def in_quote(self, start: int, end: int) -> bool:
        return any(qs <= start and end <= qe for qs, qe in self.quote_spans)

    def token_at(self, offset: int) -> int | None:
        i = bisect_right([t.start for t in self.tokens], offset) - 1
        if 0 <= i < len(self.tokens) and offset < self.tokens[i].end:
            return i
        return None

    def entity_starting_at(self, token_index: int, types: Iterable[str]) -> Entity | None:
        tok = self.tokens[token_index]
        wanted = set(types)
        for ent in self.entities:
            if ent.type in wanted and tok.start <= ent.start < tok.end:
                return ent
        return None


def sentence_views(analyzed: AnalyzedText) -> list[SentenceView]:
    by_sentence: dict[int, list[Entity]] = {}
    for ent in analyzed.entities:
        by_sentence.setdefault(ent.sentence, []).append(ent)
    quotes = [(q.start, q.end) for q in analyzed.quotations]
    quotes += _quote_spans_in_text(analyzed.text)
    views = []
    for sent in analyzed.sentences:
        ents = sorted(by_sentence.get(sent.index, []), key=lambda e: (e.start, -e.end))
        inside = tuple(q for q in quotes if q[0] < sent.end and q[1] > sent.start)
        views.append(SentenceView(sent, tuple(ents), inside))
    return views


_QUOTE_RE = re.compile(r"[“«\"]([^“”«»\"]{2,}?)[”»\"]")


def _quote_spans_in_text(text: str) -> list[tuple[int, int]]:
    """Quoted stretches the engine may not list as quotations (names in quotes, slogans)."""
    return [(m.start(1), m.end(1)) for m in _QUOTE_RE.finditer(text)]


def is_break_token(tok: Token, allow_dash: bool = False) -> bool:
    if not tok.is_word:
        s = tok.surface.strip()
        if allow_dash and s and all(c in DASHES for c in s):
            return False
        return any(c in CLAUSE_PUNCT or c in DASHES for c in s) or not s
    return bare(tok.surface) in CLAUSE_BREAK_WORDS


def clause_end(view: SentenceView, after: int, allow_dash: bool = False) -> int:
    """Index of the first token at or after ``after`` that ends the clause."""
    toks = view.tokens
    i = after
    while i < len(toks) and not is_break_token(toks[i], allow_dash):
        i += 1
    return i


def clause_start(view: SentenceView, before: int) -> int:
    """Index of the first token of the clause that contains token ``before``."""
    toks = view.tokens
    i = before
    while i > 0 and not is_break_token(toks[i - 1]):
        i -= 1
    return i


def text_between(view: SentenceView, first: int, last: int) -> str:
    """Original text of tokens first..last-1 (empty when the range is empty)."""
    if last <= first:
        return ""
    toks = view.tokens
    s, e = view.rel(toks[first].start, toks[last - 1].end)
    return view.text[s:e].strip()


def is_hedged(view: SentenceView, verb_index: int) -> bool:
    """Negated, modal or planned: the event may not have happened, so no question about it."""
    toks = view.tokens
    lo = max(0, verb_index - 3)
    if any(_is_one_of(t.surface, NEGATIONS) for t in toks[lo:verb_index]):
        return True
    start = clause_start(view, verb_index)
    return any(_is_one_of(t.surface, HEDGES) for t in toks[start:verb_index]) or any(
        bare(t.surface) in HEDGES for t in toks[verb_index : verb_index + 2]
    )


def _is_one_of(surface: str, words: frozenset[str]) -> bool:
    """The word, or the word after a conjunction ("ولم" is "لم")."""
    w = bare(surface)
    return w in words or (len(w) > 1 and w[0] in "وف" and w[1:] in words)


@dataclass(frozen=True, slots=True)
class Subject:
    """The entity (or coordinated entities) right after an event verb."""

    entities: tuple[Entity, ...]
    first_token: int
    end_token: int  # one past the subject's last token


_TITLE_POS = frozenset({"noun", "adj", "noun_prop", "adj_comp"})


def subject_after(
    view: SentenceView, verb_index: int, types: Iterable[str], max_gap: int = 4
) -> Subject | None:
    """Verb-first news syntax: up to ``max_gap`` title words, an entity, then "و + entity" pairs.

    Returns None when anything other than title words separates the verb from the entity
    (another verb, punctuation), because then the entity is probably not the subject.
    """
    toks = view.tokens
    types = tuple(types)
    i, gap = verb_index + 1, 0
    ent = None
    while i < len(toks):
        ent = view.entity_starting_at(i, types)
        if ent is not None:
            break
        tok = toks[i]
        # Title words are nouns and adjectives; "مصدر امني في عمان" puts the place after a
        # preposition, so it is not the subject.
        if not tok.is_word or tok.pos not in _TITLE_POS or gap >= max_gap:
            return None
        gap, i = gap + 1, i + 1
    if ent is None or (ent.type == "LOCATION" and gap > 0):
        return None
    if ent.type != "PERSON" and "PERSON" in types:
        # "المتحدث باسم الكرملين ديمتري بيسكوف": the organisation is part of a title.
        for k in range(_token_ending(view, ent.end, i) + 1, min(i + 4, len(toks))):
            person = view.entity_starting_at(k, ("PERSON",))
            if person is not None:
                ent, i = person, k
                break
    found = [ent]
    end_tok = _token_ending(view, ent.end, i)
    # Parties of one kind may be joined: "الاتحاد الأوروبي والهند" (an organisation and a country).
    joinable = tuple(t for t in types if t != "PERSON") if ent.type != "PERSON" else ("PERSON",)
    while (nxt := _coordinated(view, end_tok + 1, ent.type, joinable)) is not None:
        ent, k = nxt
        found.append(ent)
        end_tok = _token_ending(view, ent.end, k)
    return Subject(tuple(found), verb_index + 1, end_tok + 1)


# Nouns that open a title between "و" and a second name ("ونظيره الإيراني مسعود بيزشكيان").
TITLE_WORDS = _forms(
    "نظير نظيره نظيرته نظيرها رئيس رئيسة وزير وزيرة زعيم ملك أمير نائب مستشار سفير ولي "
    "مرشح الأمين قائد المتحدث حاكم السيد السيدة الشيخ"
)


def _coordinated(
    view: SentenceView, j: int, etype: str, types: tuple[str, ...] = ()
) -> tuple[Entity, int] | None:
    """ "و" + an entity, or "و" + a title ("ونظيره الإيراني") + an entity of the same type."""
    toks = view.tokens
    if j >= len(toks) or not toks[j].is_word or not bare(toks[j].surface).startswith("و"):
        return None
    direct = view.entity_starting_at(j, types or (etype,))
    if direct is not None:
        return direct, j
    if not has_form(toks[j].surface, TITLE_WORDS):
        return None  # "أوكرانيا والغرب طهران": "الغرب" is a conjunct, "طهران" the object
    for k in range(j + 1, min(j + 4, len(toks))):
        if not toks[k].is_word or toks[k].pos == "verb":
            return None
        ent = view.entity_starting_at(k, (etype,))
        if ent is not None:
            return ent, k
    return None


def _token_ending(view: SentenceView, end: int, from_index: int) -> int:
    toks = view.tokens
    i = from_index
    while i + 1 < len(toks) and toks[i + 1].start < end:
        i += 1
    return i


# Words that may stand between the start of a clause and its verb without being the subject.
_PRE_VERB_OK = _forms("كما ثم قد وقد لكن ولكن بينما فيما عندما وعندما حين وحين كذلك بعدما")


def verb_first(view: SentenceView, verb_index: int) -> bool:
    """Is the verb the first word of its clause (so the entity after it is its subject)?

    "الذي التقى بوتين" (relative clause) and "بوتين قال" (subject first) are not: there the
    entity after the verb is its object, or the subject is elsewhere.
    """
    lo = clause_start(view, verb_index)
    return all(bare(t.surface) in _PRE_VERB_OK for t in view.tokens[lo:verb_index])


def event_kind(tok: Token) -> EventKind | None:
    """The event a verb token names, by its written form (news verbs are few and fixed)."""
    # Trust the written form over a tagger slip, but never over a name or a particle.
    if tok.pos in {"noun_prop", "prep", "punc", "digit", "conj", "part"}:
        return None
    forms = prefixes_stripped(tok.surface)
    for kind in EVENTS:
        if not forms.isdisjoint(kind.forms):
            return kind
    return None


def mentions_agreement(tokens: Iterable[Token]) -> Token | None:
    for tok in tokens:
        if tok.is_word and has_form(tok.surface, AGREEMENT_NOUNS):
            return tok
    return None

"""What every question generator needs to see of the article, computed once."""

from __future__ import annotations

from dataclasses import dataclass, field

from learn.lessons.agreements import Agreement, gather
from learn.lessons.clauses import SentenceView, prefixes_stripped, sentence_views
from learn.lessons.distractors import DistractorPool, Fallbacks, fallbacks
from learn.lessons.text import bare
from learn.lessons.types import Span, VocabEntry
from learn.lessons.vocab import NAME_TYPES, display_name, entity_key, zipf_of
from learn.nlp.syntax import Frame, find_frames
from learn.nlp.types import AnalyzedText, Entity, Token


@dataclass(slots=True)
class Draft:
    """A question before its id, choice order and quality checks."""

    type: str
    prompt_ar: str
    prompt_en: str
    answer: str
    distractors: list[str]
    evidence: Span
    difficulty: float
    answer_en: str | None = None
    note: str | None = None
    # What the question is about, for "no two questions ask the same thing".
    topic: str = ""
    lemma: str | None = None  # the lemma a vocabulary question tests
    # Shorter wordings of the prompt, tried in order when the prompt gives another question of
    # the lesson away (a gap-fill clause without the clause's other names and numbers).
    shorter: tuple[str, ...] = ()


@dataclass(slots=True)
class Context:
    analyzed: AnalyzedText
    views: list[SentenceView]
    pool: DistractorPool
    fallbacks: Fallbacks
    vocab: tuple[VocabEntry, ...] = ()
    canonical: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, key) -> name
    names_in_order: dict[str, list[str]] = field(default_factory=dict)  # type -> names
    article_stems: frozenset[str] = frozenset()
    partial: set[tuple[str, str]] = field(default_factory=set)  # names cut short by the engine
    # (bare lemma, POS) -> the article's tokens of that word, for cloze options.
    lemma_index: dict[tuple[str, str], list[Token]] = field(default_factory=dict)
    memo: dict[object, object] = field(default_factory=dict)  # per-article caches of finders
    word_counts: dict[str, int] = field(default_factory=dict)  # bare surface -> occurrences
    frames: tuple[Frame, ...] = ()  # the article's event frames (learn.nlp.syntax)
    agreements: list[Agreement] = field(default_factory=list)

    def is_partial(self, ent: Entity) -> bool:
        return (ent.type, entity_key(ent)) in self.partial

    def name_of(self, ent: Entity) -> str:
        return self.canonical.get((ent.type, entity_key(ent)), display_name(ent))

    def person_with_title(self, title: str) -> Entity | None:
        """The person the article names with this title ("الرئيس الأذري" -> إلهام علييف)."""
        wanted = bare(title).removeprefix("و")
        for ent in self.analyzed.entities:
            if ent.type == "PERSON" and ent.title and bare(ent.title) == wanted:
                return ent
        return None

    def ambiguous(self, agreement: Agreement) -> bool:
        """Does another agreement of the article, about something else, go by the same noun
        ("مذكرة التفاهم" of three memoranda), or do two signings each say what their document
        is about? A question about what it covers would not say which one it asks about."""
        noun = bare(agreement.noun())
        signings = {id(f) for _, f in agreement.coverage if f.event == "sign"}
        if len(signings) > 1:
            return True  # "ووقع الجانبان مذكرة تفاهم لـ… كما تم توقيع مذكرة تفاهم لـ…"
        return bool(agreement.coverage) and any(
            a is not agreement and a.coverage and bare(a.noun()) == noun for a in self.agreements
        )

    def span(self, sentence_index: int, start: int, end: int) -> Span:
        """Evidence span from absolute article offsets."""
        sent = self.views[sentence_index].sentence
        return Span(sent.text, start - sent.start, end - sent.start, sent.index)

    def mentioned(self, phrase: str) -> bool:
        """Does any content word of ``phrase`` occur in the article (any clitics, any form)?"""
        for word in phrase.split():
            stems = {s for s in prefixes_stripped(word) if len(s) >= 4}
            if stems & self.article_stems:
                return True
        return False


def _name_continues(ctx: Context, ent: Entity) -> bool:
    """Does an unrecognised name word follow the entity ("زهير" + "المغزاوي")?"""
    toks = ctx.views[ent.sentence].tokens
    nxt = next((t for t in toks if t.start >= ent.end), None)
    if nxt is None or not nxt.is_word or nxt.entity is not None:
        return False
    if nxt.pos == "noun_prop" or nxt.source == "backoff":
        return True
    # "عبد الفتاح البرهان": a family name the lexicon reads as a word ("proof") shows up as an
    # article-word used nowhere else in the text.
    word = bare(nxt.surface)
    if word.startswith("ال"):
        return ctx.word_counts.get(word, 0) == 1
    # "ليلى بنعلي": after a one-word name, a rare bare noun ("with my sandal") is the surname.
    # A mention linked to a fuller name ("بوتين" of "فلاديمير بوتين") is not cut short.
    rare = nxt.pos in {"noun", "adj"} and zipf_of(nxt.surface) < _RARE_ZIPF
    return len(entity_key(ent).split()) == 1 and rare


_RARE_ZIPF = 3.0


def build_context(
    analyzed: AnalyzedText,
    pool: DistractorPool | None = None,
    vocab: tuple[VocabEntry, ...] = (),
) -> Context:
    ctx = Context(analyzed, sentence_views(analyzed), pool or DistractorPool(), fallbacks(), vocab)
    for tok in analyzed.tokens:
        if tok.is_word:
            word = bare(tok.surface)
            ctx.word_counts[word] = ctx.word_counts.get(word, 0) + 1
    grouped: dict[tuple[str, str], list[str]] = {}
    for ent in analyzed.entities:
        if ent.type in NAME_TYPES:
            grouped.setdefault((ent.type, entity_key(ent)), []).append(display_name(ent))
            if ent.type == "PERSON" and _name_continues(ctx, ent):
                ctx.partial.add((ent.type, entity_key(ent)))
    # A name the article also gives in full ("جوزيب بوريل") is not cut short where a
    # headline's odd word follows its surname ("بوريل يُعّلِق").
    ctx.partial = {k for k in ctx.partial if all(len(n.split()) == 1 for n in grouped.get(k, []))}
    # Full names first: a one-word name may be a name the engine cut short ("ليلى" of
    # "ليلى بنعلي"), so it is the last choice as a wrong answer.
    for (etype, key), names in sorted(
        grouped.items(), key=lambda kv: len(max(kv[1], key=lambda n: len(n.split())).split()) < 2
    ):
        # The fullest mention names the entity ("فلاديمير بوتين" rather than "بوتين").
        best = max(names, key=lambda n: (len(n.split()), len(n)))
        ctx.canonical[(etype, key)] = best
        if (etype, key) not in ctx.partial:
            ctx.names_in_order.setdefault(etype, []).append(best)
    stems: set[str] = set()
    for tok in analyzed.tokens:
        if tok.is_word:
            stems |= {s for s in prefixes_stripped(tok.surface) if len(s) >= 4}
            if tok.lemma:
                ctx.lemma_index.setdefault((bare(tok.lemma), tok.pos), []).append(tok)
    ctx.article_stems = frozenset(stems)
    ctx.frames = find_frames(analyzed)
    ctx.agreements = gather(ctx.frames, analyzed)
    return ctx

"""Vocabulary lists from an analysed article: one entry per lemma, ranked for a learner.

The ranking (explained in docs/lessons.md) favours words of the political-news domains and
words of middle frequency over very common words, which a learner meets everywhere anyway.
Every weight lives in :class:`RankingConfig`, so a teacher or the web layer can change it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from learn.lessons.names import clean_analysis
from learn.lessons.text import bare, gloss_senses
from learn.lessons.types import DOMAINS, NameEntry, Span, VocabEntry
from learn.nlp.morphology.arabic import dediac
from learn.nlp.types import CONTENT_POS, AnalyzedText, Entity, Sentence, Token

NAME_TYPES = ("PERSON", "LOCATION", "ORGANIZATION")
# Content-word POS that are still not vocabulary: proper names go to "people & places",
# quantities and numbers are left out.
_NOT_VOCAB_POS = frozenset({"noun_prop", "noun_quant", "noun_num", "digit"})
# Nouns and adverbs that behave like function words (camel-tools tags them noun/adv).
# Compared in bare() form.
_FUNCTION_LEMMAS = frozenset(
    bare(w)
    for w in [
        "كل",
        "بعض",
        "غير",
        "بين",
        "عند",
        "قبل",
        "بعد",
        "أي",
        "ذلك",
        "هذا",
        "هذه",
        "هؤلاء",
        "الذي",
        "التي",
        "الذين",
        "حيث",
        "مثل",
        "نحو",
        "خلال",
        "أمام",
        "فوق",
        "تحت",
        "حول",
        "ضد",
        "لدى",
        "منذ",
        "عبر",
        "دون",
        "سوى",
        "جميع",
        "كافة",
        "ضمن",
        "أيضا",
        "فقط",
        "حتى",
        "عدة",
        "نفس",
        "ذات",
        "أحد",
        "إحدى",
        "وراء",
        "جانب",
        "لا",
        "لن",
        "لم",
        "قد",
        "إن",
        "أن",
        "كان",
        "ليس",
        "هناك",
        "هنا",
        "ما",
        "ماذا",
        "من",
        "متى",
        "أين",
        "كيف",
        "هو",
        "هي",
        "هم",
        "نحن",
        "أنا",
        "أنت",
        "وهو",
        "وهي",
        "إذ",
        "إذا",
        "لكن",
        "بل",
        "ثم",
        "أو",
        "أم",
        "يا",
        "عن",
        "على",
        "إلى",
        "في",
        "مع",
    ]
)
_DEFAULT_DOMAINS = "domains.tsv"


@dataclass(frozen=True, slots=True)
class FrequencyBands:
    """Zipf thresholds (wordfreq's log scale: 7 ≈ "في", 3 ≈ one in a million words)."""

    very_common: float = 5.0  # >= this: very common
    common: float = 4.0  # >= this: common
    mid: float = 3.0  # >= this: mid frequency; below: rare

    def band(self, zipf: float) -> str:
        if zipf >= self.very_common:
            return "very_common"
        if zipf >= self.common:
            return "common"
        if zipf >= self.mid:
            return "mid"
        return "rare"


@dataclass(frozen=True, slots=True)
class RankingConfig:
    """Weights of the vocabulary ranking score (higher score = earlier in the list)."""

    bands: FrequencyBands = field(default_factory=FrequencyBands)
    band_weights: dict[str, float] = field(
        default_factory=lambda: {"mid": 2.0, "common": 1.5, "rare": 1.0, "very_common": 0.0}
    )
    domain_weights: dict[str, float] = field(
        default_factory=lambda: {
            "politics": 2.0,
            "military": 2.0,
            "economy": 2.0,
            "law": 2.0,
            "general": 0.0,
        }
    )
    count_weight: float = 0.5  # times log2(1 + count in the article)
    verb_bonus: float = 0.25  # verbs carry the news; break ties in their favour
    max_examples: int = 2
    extra_domains: tuple[str, ...] = ()  # paths of teacher TSV files, read after the built-in one

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RankingConfig:
        bands = FrequencyBands(**data.get("bands", {}))
        defaults = cls()
        return cls(
            bands=bands,
            band_weights={**defaults.band_weights, **data.get("band_weights", {})},
            domain_weights={**defaults.domain_weights, **data.get("domain_weights", {})},
            count_weight=float(data.get("count_weight", defaults.count_weight)),
            verb_bonus=float(data.get("verb_bonus", defaults.verb_bonus)),
            max_examples=int(data.get("max_examples", defaults.max_examples)),
            extra_domains=tuple(data.get("extra_domains", ())),
        )


# ---------------------------------------------------------------------------------------------
# Domains


@dataclass(frozen=True, slots=True)
class DomainLexicon:
    """Curated terms per domain: English gloss words and Arabic lemmas."""

    by_gloss_word: dict[str, str]
    by_lemma: dict[str, str]

    def domain_of(self, lemma: str, gloss: str) -> str:
        hit = self.by_lemma.get(bare(lemma))
        if hit:
            return hit
        # The sense used in the article comes first, so the first sense that matches decides.
        for sense in gloss_senses(gloss):
            words = re.findall(r"[a-z]+", sense.lower())
            joined = "_".join(words)
            for w in words:
                if w in self.by_gloss_word:
                    return self.by_gloss_word[w]
            for phrase, dom in self.by_gloss_word.items():
                if "_" in phrase and phrase in joined:
                    return dom
        return "general"


def parse_domain_lines(lines: Iterable[str]) -> list[tuple[str, str, str]]:
    """Parse ``domain<TAB>kind<TAB>term`` lines; blank lines and # comments are skipped."""
    rows = []
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3 or parts[0] not in DOMAINS or parts[1] not in {"gloss", "lemma"}:
            raise ValueError(f"domains file line {n}: expected 'domain<TAB>gloss|lemma<TAB>term'")
        rows.append((parts[0], parts[1], parts[2]))
    return rows


@lru_cache(maxsize=8)
def load_domains(extra: tuple[str, ...] = ()) -> DomainLexicon:
    """The built-in domain list plus any teacher files (later files override earlier ones)."""
    text = resources.files("learn.lessons").joinpath("data", _DEFAULT_DOMAINS).read_text("utf-8")
    rows = parse_domain_lines(text.splitlines())
    for path in extra:
        rows += parse_domain_lines(Path(path).read_text("utf-8").splitlines())
    by_gloss: dict[str, str] = {}
    by_lemma: dict[str, str] = {}
    for domain, kind, term in rows:
        if kind == "gloss":
            by_gloss[term.lower()] = domain
        else:
            by_lemma[bare(term)] = domain
    return DomainLexicon(by_gloss, by_lemma)


# ---------------------------------------------------------------------------------------------
# Frequency


@lru_cache(maxsize=65536)
def zipf_of(word: str) -> float:
    word = dediac(word)
    # Imported on first use: wordfreq loads its word lists at import, which the web app
    # should pay only when it builds a lesson, not at every start.
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "ar") if word else 0.0


def word_zipf(lemma: str, forms: Sequence[str]) -> float:
    """The best-attested spelling decides: a lemma is as common as its commonest form."""
    return round(max([zipf_of(lemma), *(zipf_of(f) for f in forms)]), 2)


# ---------------------------------------------------------------------------------------------
# Selection


def is_vocab_token(token: Token, in_name: bool | None = None) -> bool:
    """A content word that belongs in the vocabulary list (not a name, number or function word).

    ``in_name`` says whether the token is inside a (cleaned) name; by default the engine's
    token label decides.
    """
    if not token.is_word or not token.lemma:
        return False
    if token.pos not in CONTENT_POS or token.pos in _NOT_VOCAB_POS:
        return False
    if in_name is None:
        in_name = token.entity in NAME_TYPES
    if in_name or token.entity == "NUMBER":
        return False
    key = bare(token.lemma)
    return len(key) >= 2 and key not in _FUNCTION_LEMMAS


def is_name_token(token: Token) -> bool:
    return token.is_word and (token.entity in NAME_TYPES or token.pos == "noun_prop")


def example_span(sentence: Sentence, token: Token) -> Span:
    return Span(
        sentence.text, token.start - sentence.start, token.end - sentence.start, sentence.index
    )


def pick_examples(
    occurrences: Sequence[tuple[Sentence, Token]], limit: int, max_words: int = 40
) -> tuple[Span, ...]:
    """First occurrence, then occurrences in other sentences, short sentences first."""
    chosen: list[tuple[Sentence, Token]] = []
    seen: set[int] = set()
    ordered = sorted(
        enumerate(occurrences),
        key=lambda it: (len(it[1][0].tokens) > max_words, it[0] != 0, len(it[1][0].tokens), it[0]),
    )
    for _, (sent, tok) in ordered:
        if sent.index in seen:
            continue
        seen.add(sent.index)
        chosen.append((sent, tok))
        if len(chosen) == limit:
            break
    chosen.sort(key=lambda st: st[1].start)
    return tuple(example_span(s, t) for s, t in chosen)


def merge_glosses(glosses: Sequence[str], limit: int = 3) -> str:
    """The sense most often chosen in this article first, then the others in order seen."""
    firsts = Counter(gloss_senses(g)[0] for g in glosses if gloss_senses(g))
    order: list[str] = [s for s, _ in firsts.most_common()]
    for g in glosses:
        for s in gloss_senses(g):
            if s not in order:
                order.append(s)
    return "; ".join(order[:limit])


def _majority(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def score_entry(entry: VocabEntry, config: RankingConfig) -> float:
    score = config.domain_weights.get(entry.domain, 0.0)
    score += config.band_weights.get(entry.band, 0.0)
    score += config.count_weight * math.log2(1 + entry.count)
    if entry.pos == "verb":
        score += config.verb_bonus
    return round(score, 3)


def build_vocab(
    analyzed: AnalyzedText, config: RankingConfig | None = None
) -> tuple[VocabEntry, ...]:
    """One ranked entry per (lemma, POS) of the article's content words."""
    config = config or RankingConfig()
    domains = load_domains(config.extra_domains)
    names = _name_spans(clean_analysis(analyzed))
    groups: dict[tuple[str, str], list[tuple[Sentence, Token]]] = {}
    for sent in analyzed.sentences:
        spans = names.get(sent.index, [])
        for tok in sent.tokens:
            if is_vocab_token(tok, any(s <= tok.start < e for s, e in spans)):
                groups.setdefault((bare(tok.lemma), tok.pos), []).append((sent, tok))

    entries = []
    for (_, pos), occ in groups.items():
        toks = [t for _, t in occ]
        lemma = _majority(t.lemma for t in toks) or toks[0].lemma
        forms = tuple(dict.fromkeys(t.surface for t in toks))
        gloss = merge_glosses([t.gloss for t in toks])
        zipf = word_zipf(lemma, forms)
        entry = VocabEntry(
            lemma=lemma,
            gloss=gloss,
            root=_majority(t.root for t in toks),
            pos=pos,
            count=len(toks),
            forms=forms,
            examples=pick_examples(occ, config.max_examples),
            zipf=zipf,
            band=config.bands.band(zipf),
            domain=domains.domain_of(lemma, gloss),
        )
        entries.append((entry, toks[0].start))

    scored = [(score_entry(e, config), first, e) for e, first in entries]
    scored.sort(key=lambda it: (-it[0], it[1]))
    return tuple(_with_rank(e, rank, score) for rank, (score, _, e) in enumerate(scored, start=1))


def _name_spans(analyzed: AnalyzedText) -> dict[int, list[tuple[int, int]]]:
    spans: dict[int, list[tuple[int, int]]] = {}
    for ent in analyzed.entities:
        if ent.type in NAME_TYPES:
            spans.setdefault(ent.sentence, []).append((ent.start, ent.end))
    return spans


def _with_rank(entry: VocabEntry, rank: int, score: float) -> VocabEntry:
    from dataclasses import replace

    return replace(entry, rank=rank, score=score)


# ---------------------------------------------------------------------------------------------
# People & places


def display_name(entity: Entity) -> str:
    """A mention without its title ("الرئيس الروسي فلاديمير بوتين" -> "فلاديمير بوتين")."""
    text = entity.text.strip()
    if entity.title and text.startswith(entity.title):
        rest = text[len(entity.title) :].strip()
        if rest:
            return rest
    return text


def entity_key(entity: Entity) -> str:
    return bare(entity.key or display_name(entity))


def build_people_places(analyzed: AnalyzedText, max_examples: int = 2) -> tuple[NameEntry, ...]:
    """People, places and organisations, one entry per entity key, most mentioned first."""
    analyzed = clean_analysis(analyzed)
    groups: dict[tuple[str, str], list[Entity]] = {}
    for ent in analyzed.entities:
        if ent.type in NAME_TYPES:
            groups.setdefault((ent.type, entity_key(ent)), []).append(ent)
    sentences = {s.index: s for s in analyzed.sentences}
    entries = []
    for (etype, _), ents in groups.items():
        names = [display_name(e) for e in ents]
        name = max(names, key=lambda n: (len(n.split()), -names.index(n)))
        examples: list[Span] = []
        for ent in ents:
            sent = sentences.get(ent.sentence)
            if sent is None or any(e.sentence == sent.index for e in examples):
                continue
            examples.append(
                Span(sent.text, ent.start - sent.start, ent.end - sent.start, sent.index)
            )
            if len(examples) == max_examples:
                break
        entry = NameEntry(
            name=name,
            type=etype,
            gloss=_majority(e.gloss for e in ents),
            title=_majority(e.title for e in ents),
            count=len(ents),
            forms=tuple(dict.fromkeys(e.text for e in ents)),
            examples=tuple(examples),
        )
        entries.append((entry, ents[0].start))
    entries.sort(key=lambda it: (-it[0].count, it[1]))
    return tuple(e for e, _ in entries)

"""What the reading view shows: the article's sentences as runs of words and the text between
them, and the English names of the analysis' part-of-speech tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from learn.models import Article, ArticleToken

# camel-tools' coarse POS tags, spelled out for learners.
POS_NAMES = {
    "noun": "noun",
    "noun_prop": "proper noun",
    "noun_num": "number word",
    "noun_quant": "quantifier",
    "adj": "adjective",
    "adj_comp": "comparative adjective",
    "adj_num": "ordinal number",
    "adv": "adverb",
    "adv_interrog": "interrogative adverb",
    "adv_rel": "relative adverb",
    "verb": "verb",
    "verb_pseudo": "pseudo-verb",
    "pron": "pronoun",
    "pron_dem": "demonstrative pronoun",
    "pron_exclam": "exclamative pronoun",
    "pron_interrog": "interrogative pronoun",
    "pron_rel": "relative pronoun",
    "prep": "preposition",
    "conj": "conjunction",
    "conj_sub": "subordinating conjunction",
    "part": "particle",
    "part_det": "determiner",
    "part_focus": "focus particle",
    "part_fut": "future particle",
    "part_interrog": "interrogative particle",
    "part_neg": "negative particle",
    "part_restrict": "restrictive particle",
    "part_verb": "verbal particle",
    "part_voc": "vocative particle",
    "abbrev": "abbreviation",
    "interj": "interjection",
    "digit": "number",
    "punc": "punctuation",
    "foreign": "foreign word",
    "latin": "word in Latin script",
}
# Tokens that are not words a learner looks up: no button, no popover.
NOT_WORDS = frozenset({"punc", "digit", "foreign", "latin", ""})


def pos_name(tag: str) -> str:
    return POS_NAMES.get(tag, tag.replace("_", " ") or "unknown")


def is_word(token: ArticleToken) -> bool:
    return token.pos not in NOT_WORDS


@dataclass(frozen=True)
class Piece:
    """A token and the text between it and the previous token (spaces, usually)."""

    before: str
    token: ArticleToken

    @property
    def is_word(self) -> bool:
        return is_word(self.token)


@dataclass
class SentenceView:
    index: int
    pieces: list[Piece] = field(default_factory=list)


def sentence_views(article: Article, tokens: list[ArticleToken]) -> list[SentenceView]:
    """Sentences in order; each keeps the article's own spacing between its tokens."""
    views: list[SentenceView] = []
    previous_end: int | None = None
    for token in tokens:
        if not views or views[-1].index != token.sentence:
            views.append(SentenceView(token.sentence))
            previous_end = None  # a sentence block starts at its first token
        before = article.text[previous_end : token.start] if previous_end is not None else ""
        views[-1].pieces.append(Piece(before, token))
        previous_end = token.end
    return views


@dataclass(frozen=True)
class SentenceContext:
    """The sentence a word stands in, split around the word so the page can highlight it."""

    before: str
    word: str
    after: str


def sentence_context(
    article: Article, tokens: list[ArticleToken], word: ArticleToken
) -> SentenceContext:
    """``tokens`` are the word's sentence's tokens, in order."""
    start = min((t.start for t in tokens), default=word.start)
    end = max((t.end for t in tokens), default=word.end)
    text = article.text
    return SentenceContext(
        text[start : word.start], text[word.start : word.end], text[word.end : end]
    )

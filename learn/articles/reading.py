"""What the reading view shows: the article's sentences as runs of words and the text between
them, and the English names of the analysis' part-of-speech tags.

The reading view has a button for every word (about 750 in the seed article), so its HTML is
built here in Python rather than by a Jinja macro per word: a macro call per word was most
of the page's time (docs/benchmarks.md, "Reading page against the peer").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import NamedTuple, Protocol, TypeVar

from markupsafe import Markup, escape

from learn.models import Article, ArticleToken
from learn.nlp.vocalize import fatha_before_long_alif

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


# The reader's own status of a word (their study card), as the word button shows it. Ignored
# words look like any other word.
STATUS_CLASSES = {"new": "s-new", "learning": "s-learning", "known": "s-known"}


# Why a word shows no root (the analysis' root_note), for learners.
ROOT_NOTES = {
    "function word": "none: a function word (particles and pronouns have no root)",
    "name": "none: a name",
    "borrowed word": "none: a borrowed word",
    "abbreviation": "none: an abbreviation",
    "not found": "not found in the dictionary",
}


def full_vowels(lemma: str) -> str:
    """A stored lemma as the panel shows it, with the fatha before a long alif that BAMA's
    spelling leaves out (كِتاب → كِتَاب); the stored lemma itself is unchanged."""
    return fatha_before_long_alif(lemma, analysed=False)


def root_explanation(note: str | None) -> str:
    """What the word panel says instead of a root (tokens analysed before the reason was
    kept have none)."""
    return ROOT_NOTES.get(note or "", "none found")


def pos_name(tag: str) -> str:
    return POS_NAMES.get(tag, tag.replace("_", " ") or "unknown")


class TokenLike(Protocol):
    """What the reading view needs of a token: a stored `ArticleToken` or a `ReadingToken`."""

    @property
    def position(self) -> int: ...
    @property
    def sentence(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def surface(self) -> str: ...
    @property
    def diac(self) -> str: ...
    @property
    def lemma(self) -> str: ...
    @property
    def pos(self) -> str: ...
    @property
    def source(self) -> str: ...


class ReadingToken(NamedTuple):
    """The columns of `ArticleToken` the reading view shows (loaded without the ORM)."""

    position: int
    sentence: int
    start: int
    end: int
    surface: str
    diac: str
    lemma: str
    pos: str
    source: str


READING_COLUMNS = tuple(ArticleToken.__table__.c[name] for name in ReadingToken._fields)


def is_word(token: TokenLike) -> bool:
    return token.pos not in NOT_WORDS


@dataclass(frozen=True)
class Piece:
    """A token and the text between it and the previous token (spaces, usually)."""

    before: str
    token: TokenLike

    @property
    def is_word(self) -> bool:
        return is_word(self.token)


@dataclass
class SentenceView:
    index: int
    pieces: list[Piece] = field(default_factory=list)


class InSentence(Protocol):
    @property
    def sentence(self) -> int: ...


Token = TypeVar("Token", bound=InSentence)


def by_sentence(tokens: Iterable[Token]) -> list[tuple[int, list[Token]]]:
    """Tokens in article order, grouped into their sentences: (sentence index, its tokens).
    The reading view and the API's article text both read sentences this way."""
    return [(index, list(members)) for index, members in groupby(tokens, lambda t: t.sentence)]


def sentence_views(article: Article, tokens: Sequence[TokenLike]) -> list[SentenceView]:
    """Sentences in order; each keeps the article's own spacing between its tokens."""
    views = []
    for index, members in by_sentence(tokens):
        view = SentenceView(index)
        previous_end: int | None = None  # a sentence block starts at its first token
        for token in members:
            before = article.text[previous_end : token.start] if previous_end is not None else ""
            view.pieces.append(Piece(before, token))
            previous_end = token.end
        views.append(view)
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


def word_button(token: TokenLike, status: str | None = None, *, oob: bool = False) -> Markup:
    """A word of the reading view: a button that opens the word panel.

    The button carries only what the text shows: the written form, the vocalized one
    (hidden until the reader turns vowels on) and the reader's status. The request that
    loads the panel is declared once, on the article text (`data-word-url`, htmx target and
    indicator; static/js/app.js adds the position from the id), and the analysis (lemma,
    gloss, root) arrives with the panel, so no word repeats them.
    """
    classes = ["word"]
    if token.source == "correction":
        classes.append("word-corrected")
    status_class = STATUS_CLASSES.get(status or "")
    if status_class:
        classes.append(status_class)
    swap = ' hx-swap-oob="true"' if oob else ""
    note = f'<span class="visually-hidden"> ({status})</span>' if status_class else ""
    return Markup(
        f'<button class="{" ".join(classes)}" id="w-{token.position}"{swap}>'
        f"{_forms(token.surface, token.diac)}{note}</button>"
    )


def _forms(surface: str, diac: str) -> str:
    """The written and the vocalized form; a word the analysis gave no other vowels than
    its written ones shows one text whether vowels are on or off."""
    if not diac or diac == surface:
        return str(escape(surface))
    return (
        f'<span class="w-plain">{escape(surface)}</span><span class="w-diac">{escape(diac)}</span>'
    )


def sentence_html(sentence: SentenceView, statuses: Mapping[str, str]) -> Markup:
    """A sentence's words and punctuation, with the article's own spacing.

    Tokens written together (a quotation mark, a bracket or a comma and the word it sits on)
    are kept on one line: a browser may otherwise break between a button and the text beside
    it, stranding an opening quotation mark at the end of a line.
    """
    parts: list[str] = []
    group: list[str] = []
    for piece in sentence.pieces:
        if piece.before and group:
            parts.append(_together(group))
            group = []
        if piece.before:
            parts.append(str(escape(piece.before)))
        token = piece.token
        if piece.is_word:
            group.append(word_button(token, statuses.get(token.lemma)))
        else:
            group.append(str(escape(token.surface)))
    if group:
        parts.append(_together(group))
    return Markup("".join(parts))


def _together(group: list[str]) -> str:
    if len(group) == 1:
        return group[0]
    return f'<span class="together">{"".join(group)}</span>'

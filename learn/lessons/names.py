"""A guard between the engine's entities and the lesson: only names a learner should see.

Entity recognition on news text is imperfect: a person's span can swallow the next word
("محمد بن سلمان القمة", "...bin Salman the summit") and a common noun can be linked to a person
by coreference ("القمة" labelled PERSON). A question built on such a span would teach a wrong
name, so persons are trimmed of trailing common words and dropped when nothing in them is a
name.
"""

from __future__ import annotations

from dataclasses import replace

from learn.lessons.text import bare
from learn.nlp.types import AnalyzedText, Entity, Quotation, Token

# Token sources that are not the general lexicon: the overlay of names, rules, backoff guesses.
_NAME_SOURCES = frozenset({"overlay", "backoff", "rule", "correction"})


def _tokens_in(analyzed: AnalyzedText, ent: Entity) -> list[Token]:
    if not 0 <= ent.sentence < len(analyzed.sentences):
        return []
    return [
        t
        for t in analyzed.sentences[ent.sentence].tokens
        if t.start >= ent.start and t.end <= ent.end
    ]


def _is_name_token(tok: Token) -> bool:
    return tok.pos == "noun_prop" or tok.source in _NAME_SOURCES


def _has_preposition(tok: Token) -> bool:
    """ "بولاية" = بـ + ولاية: a word with a preposition attached is never part of a name."""
    surface, lemma = bare(tok.surface), bare(tok.lemma)
    return len(surface) > 3 and surface[0] in "بلك" and not lemma.startswith(surface[0])


def _common_word(tok: Token) -> bool:
    """A dictionary word with the article ("القمة") or a preposition ("بولاية")."""
    return (
        tok.pos in {"noun", "adj"}
        and tok.source == "lex"
        and (bare(tok.surface).startswith("ال") or _has_preposition(tok))
        and not _is_name_token(tok)
    )


def _common_words_outside_names(analyzed: AnalyzedText) -> frozenset[str]:
    """Words the article also uses outside any name ("القمة" alone, but not "الغيط")."""
    inside = {(e.sentence, e.start, e.end) for e in analyzed.entities}
    words = set()
    for sent in analyzed.sentences:
        spans = [(s, e) for i, s, e in inside if i == sent.index]
        for t in sent.tokens:
            if t.is_word and not any(s <= t.start < e for s, e in spans):
                words.add(bare(t.surface))
    return frozenset(words)


def clean_entity(
    analyzed: AnalyzedText, ent: Entity, common: frozenset[str] | None = None
) -> Entity | None:
    """The entity with trailing common words trimmed, or None when it holds no name at all."""
    if ent.type != "PERSON":
        return ent
    toks = _tokens_in(analyzed, ent)
    if not toks:
        return ent
    if not any(_is_name_token(t) for t in toks):
        return None
    if common is None:
        common = _common_words_outside_names(analyzed)
    while (
        len(toks) > 1
        and _common_word(toks[-1])
        and (bare(toks[-1].surface) in common or _has_preposition(toks[-1]))
    ):
        toks.pop()
    end = toks[-1].end
    if end == ent.end:
        return ent
    text = analyzed.text[ent.start : end]
    key = ent.key
    dropped = analyzed.text[end : ent.end].strip()
    if key and dropped:
        key = key.rsplit(" ", len(dropped.split()))[0] if " " in key else key
    return replace(ent, text=text, end=end, key=key)


def clean_analysis(analyzed: AnalyzedText) -> AnalyzedText:
    """The same analysis with untrustworthy person entities trimmed or removed."""
    common = _common_words_outside_names(analyzed)
    cleaned: dict[tuple[int, int], Entity | None] = {}
    for ent in analyzed.entities:
        cleaned[(ent.start, ent.end)] = clean_entity(analyzed, ent, common)
    # A trimmed key renames every mention of that person ("قيس سعيد بولاية" -> "قيس سعيد").
    renamed = {
        (old.key, new.key)
        for old in analyzed.entities
        if (new := cleaned[(old.start, old.end)]) is not None and new.key != old.key
    }
    for old_key, new_key in renamed:
        for span, mention in cleaned.items():
            if mention is not None and mention.key == old_key:
                cleaned[span] = replace(mention, key=new_key)
    entities = tuple(e for e in cleaned.values() if e is not None)
    quotations = tuple(_clean_quote(q, cleaned, analyzed, common) for q in analyzed.quotations)
    if entities == analyzed.entities and quotations == analyzed.quotations:
        return analyzed
    return replace(analyzed, entities=entities, quotations=quotations)


def _clean_quote(
    q: Quotation,
    cleaned: dict[tuple[int, int], Entity | None],
    analyzed: AnalyzedText,
    common: frozenset[str],
) -> Quotation:
    if q.speaker is None:
        return q
    key = (q.speaker.start, q.speaker.end)
    speaker = cleaned[key] if key in cleaned else clean_entity(analyzed, q.speaker, common)
    return replace(q, speaker=speaker)

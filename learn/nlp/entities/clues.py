"""What each word of a sentence says about being part of a name.

Rules over features, not over names: the tagger's reading (POS, citation form, clitics, a
proper-noun reading among its analyses), the lexicon's typed names, the gazetteer, and the
closed lists of :mod:`namelists` (offices, particles, heads). Every entity rule asks these
questions instead of looking at the word itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from learn.nlp.entities.gazetteer import Gazetteer
from learn.nlp.entities.namelists import (
    HONORIFICS,
    NAME_LINKS,
    OFFICE_HEADS,
    OFFICE_TAILS,
    ORGANISATION_HEADS,
    PLACE_DESCRIPTORS,
    THEOPHORIC,
)
from learn.nlp.entities.wordlists import GIVEN_NAMES, NOT_NAMES, NUMERIC_WORDS, normalized_set
from learn.nlp.entities.words import Word, has_article
from learn.nlp.morphology.arabic import dediac, normalize_key

# POS that never belong to a name (camel-tools tags).
_FUNCTION_POS = frozenset(
    {
        "prep", "conj", "conj_sub", "part", "part_neg", "part_verb", "part_fut", "part_interrog",
        "part_det", "part_voc", "part_restrict", "part_emphatic", "part_focus", "pron", "pron_dem",
        "pron_rel", "pron_interrog", "adv_rel", "adv_interrog", "verb_pseudo", "punc", "digit",
        "noun_num", "noun_quant", "foreign", "interj", "abbrev",
    }
)  # fmt: skip
_CONTENT_POS = frozenset({"noun", "noun_prop", "adj", "verb", "adv", "adj_comp"})
_CLOSED_WORDS = OFFICE_HEADS | HONORIFICS | ORGANISATION_HEADS | PLACE_DESCRIPTORS | OFFICE_TAILS
# Nouns that work as function words (ذات مرة، نفس اليوم، جميع الدول).
_FUNCTION_NOUNS = normalized_set(
    "ذات", "نفس", "جميع", "كافة", "عدة", "أحد", "إحدى", "مثل", "نحو", "حول", "بعض", "غير",
    "سوى", "دون", "ضد", "لدى", "عند", "بين", "أمام", "خلف", "فوق", "تحت", "وسط", "ضمن", "إثر",
    "عقب", "قبيل", "بعيد", "حين", "حيث", "إذ", "إذا", "أيضا", "فقط", "هناك", "هنا", "الآن",
)  # fmt: skip
# Letters of foreign names that Arabic words do not use.
_FOREIGN_LETTERS = frozenset("پچڤگژ")


@dataclass(frozen=True, slots=True)
class Clue:
    """The name evidence of one word (see :func:`word_clues`)."""

    function: bool  # a function word, punctuation, digit or number/date word: never a name
    article: bool  # written with the article (الأسد، للشؤون)
    conj: bool  # carries و/ف (ونظيره، وبوتين)
    prep: bool  # carries ب/ل/ك (بالنتائج، لروسيا)
    inflected: bool  # a common word not in its citation form (اتفاقا، وزراء، استقالته)
    nisba_shaped: bool  # ends in ي like a family name (شكري، الصفدي), possibly read as "my X"
    strong: bool  # positive evidence of a person's name (see word_clues)
    known_name: bool  # the lexicon itself knows it as a name (noun_prop, backoff, overlay)
    link: bool  # a name particle: بن، أبو، آل، عبد
    office: bool  # heads or continues an office title (وزير، الرئيس، ولي)
    honorific: bool  # الدكتور، سعادة، جلالة
    org_head: bool  # وزارة، مجلس، حزب …
    descriptor: bool  # مدينة، العاصمة، إقليم …
    place: bool  # a country or major place of the gazetteer, or typed LOCATION
    nisba: bool  # a country adjective (الإيراني، المصرية)
    given: bool  # an Arabic given name that is also a word (سعيد، ناصر)
    clitic_free_given: bool  # a given name spelled like a function word (علي / على)

    @property
    def weak(self) -> bool:
        """Could be a name word, though nothing says so (a plain word in a name position)."""
        return not (
            self.function
            or self.article
            or self.conj
            or self.prep
            or self.inflected
            or self.office
            or self.honorific
            or self.org_head
            or self.descriptor
            or self.place
        )


def _citation_form(w: Word) -> bool:
    """The word is written as its lemma (after its proclitics): names always are."""
    tok = w.token
    lemma = normalize_key(tok.lemma)
    stem = w.stem[2:] if w.stem.startswith("ال") and not lemma.startswith("ال") else w.stem
    if not lemma or stem == lemma:
        return True
    # A feminine form is a name's own form (سارة، أميرة); an extra alif only on a name.
    return stem == lemma + "ه" or (stem == lemma + "ا" and tok.pos == "noun_prop")


def _plain_suffix(w: Word) -> str | None:
    """What follows the lemma in the written word (ي of شكري read as شكر + "my"), if any."""
    lemma = normalize_key(w.token.lemma)
    stem = w.stem[2:] if w.stem.startswith("ال") and not lemma.startswith("ال") else w.stem
    if lemma.endswith("ه") and stem.startswith(lemma[:-1] + "ت"):
        return stem[len(lemma) :]
    return stem[len(lemma) :] if lemma and stem.startswith(lemma) else None


def _second_person(w: Word, suffix: str | None) -> bool:
    """A reading with "you" in it (سينوبك "he will replace you") is implausible in news
    narration: such a word is more likely a name the lexicon does not know."""
    lemma = normalize_key(w.token.lemma)
    written = w.stem
    ends = ("كم", "كما", "كن", "ك")
    if w.token.pos == "verb":
        return any(written.endswith(e) and not lemma.endswith(e) for e in ends) and len(written) > 4
    return suffix in ends


_POSSESSED_ENDINGS = ("ته", "تها", "تهم", "تهما", "تهن", "تنا", "تكم")


def _possessed_shape(core: str) -> bool:
    """تغريدته، منصتها: an unknown word ending in ta marbuta + a pronoun is a noun with "his/
    her/their", not a name (names do not end so)."""
    return len(core) > 5 and core.endswith(_POSSESSED_ENDINGS)


def word_clues(
    words: Sequence[Word], types: Sequence[str | None], gazetteer: Gazetteer | None
) -> list[Clue]:
    """The clues of each word. Words whose proclitics the tagger's lemma hid (a broken
    plural or a pronoun suffix: وشؤون، ونظيره، لمنظمة) get them marked on the word."""
    for w in words:
        _refine_clitics(w)
    return [clue_of(w, types[j], gazetteer) for j, w in enumerate(words)]


_CACHE_LIMIT = 50_000
_cache: dict[tuple[object, ...], Clue] = {}


def clue_of(w: Word, lex_type: str | None, gazetteer: Gazetteer | None) -> Clue:
    """The clue of one word; cached, since a clue depends only on the word's own analysis
    (and news repeats its words)."""
    tok = w.token
    key = (
        tok.surface, tok.lemma, tok.pos, tok.source, w.stem, w.clitic, w.proper, lex_type,
        id(gazetteer),
    )  # fmt: skip
    found = _cache.get(key)
    if found is None:
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        found = _cache[key] = _clue(w, lex_type, gazetteer)
    return found


def _refine_clitics(w: Word) -> None:
    if w.clitic:
        return
    closed = next((b for b in w.bare[1:] if b in _CLOSED_WORDS), None)
    if closed is not None:
        w.stem = closed
        w.clitic = len(w.key) - len(closed) + (1 if closed.startswith("ال") else 0)
    elif w.key[:1] in "وفبك" and w.key[1:3] == "ال" and len(w.key) >= 6 and has_article(w):
        w.stem, w.clitic = w.key[1:], 1  # والمياه: و + a definite broken plural


def _clue(w: Word, lex_type: str | None, gazetteer: Gazetteer | None) -> Clue:
    tok = w.token
    clitic = w.key[: w.clitic]
    core = w.stem
    conj = clitic[:1] in ("و", "ف")
    prep = any(ch in "بلك" for ch in clitic) or (w.key.startswith("لل") and len(w.key) > 4)
    bare = core[2:] if core.startswith("ال") else core
    numeric = any(b in NUMERIC_WORDS for b in w.bare) or core in NUMERIC_WORDS
    function = (
        not tok.is_word
        or tok.pos in _FUNCTION_POS
        or tok.pos not in _CONTENT_POS
        or any(b in NOT_NAMES or b in _FUNCTION_NOUNS for b in w.bare)
        or numeric
    )
    article = has_article(w) or (w.key.startswith("لل") and len(w.key) > 3)
    suffix = _plain_suffix(w)
    citation = _citation_form(w)
    possessed = tok.source == "backoff" and _possessed_shape(core)
    known = (
        lex_type == "PERSON"
        or (tok.pos == "noun_prop" and not possessed)
        or _second_person(w, suffix)
    )
    citation = citation and not possessed
    place_entry = None
    if gazetteer is not None and not article:
        place_entry = gazetteer.match([core], 0)
    place = lex_type in {"LOCATION", "ORGANIZATION"} or (
        place_entry is not None and place_entry.major and not w.proper
    )
    nisba = bool(article and gazetteer is not None and gazetteer.nisba(core))
    given = core in GIVEN_NAMES
    foreign = any(ch in _FOREIGN_LETTERS for ch in dediac(tok.surface))
    link = core in NAME_LINKS or core == THEOPHORIC
    closed = core in _CLOSED_WORDS  # مدينة may be read Medina, but it says "city of"
    strong = (
        not function
        and not article
        and not prep
        and not place
        and not closed
        and (known or bool(w.proper) or given or foreign)
    )
    return Clue(
        function=function,
        article=article,
        conj=conj,
        prep=prep,
        inflected=not citation and not known,
        nisba_shaped=len(bare) > 3 and bare.endswith("ي") and (citation or suffix == "ي"),
        strong=strong,
        known_name=known and not function,
        link=link,
        office=core in OFFICE_HEADS or core in OFFICE_TAILS,
        honorific=core in HONORIFICS,
        org_head=core in ORGANISATION_HEADS,
        descriptor=core in PLACE_DESCRIPTORS,
        place=place,
        nisba=nisba,
        given=given,
        clitic_free_given=given and w.clitic == 0 and w.key == core,
    )

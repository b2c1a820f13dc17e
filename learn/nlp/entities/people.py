"""PERSON spans (titles, typed names, later mentions linked by key) and the lexicon's typed
LOCATION / ORGANIZATION names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from learn.nlp.entities.wordlists import (
    CONJUNCTIONS,
    COUNTERPART,
    GIVEN_NAMES,
    NAME_PARTICLES,
    NAT_ADJ_RE,
    NOT_NAMES,
    NUMERIC_WORDS,
    OF_ORGANISATION,
    PLACE_OR_ORG,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from learn.nlp.entities.words import (
    Word,
    english_name,
    has_article,
    is_nameish,
    letters_to_chars,
    start_after_clitic,
)
from learn.nlp.morphology.arabic import dediac, normalize_key
from learn.nlp.types import Entity


@dataclass
class People:
    """The people a text has introduced, to link later mentions by surname or title."""

    by_name: dict[str, str] = field(default_factory=dict)  # normalized name part -> key
    by_title: dict[str, str] = field(default_factory=dict)  # normalized title -> key
    titles: dict[str, str] = field(default_factory=dict)  # key -> last title seen
    glosses: dict[str, str] = field(default_factory=dict)  # key -> English name
    last: tuple[int, str] | None = None  # (sentence, key) of the latest person mentioned

    def add(self, key: str, parts: Sequence[str], title: str | None, gloss: str | None) -> None:
        # A full name teaches its surname (last part) and its first name when distinctive.
        if len(parts) > 1:
            self.by_name.setdefault(" ".join(parts), key)
        if len(parts) > 2 and parts[-2] in NAME_PARTICLES:
            self.by_name.setdefault(" ".join(parts[-2:]), key)  # أبو الغيط، بن سلمان
        self.by_name.setdefault(parts[-1], key)
        if title:
            self.by_title[title_key(title)] = key
            self.titles[key] = title
        if gloss:
            self.glosses.setdefault(key, gloss)

    def resolve(self, parts: Sequence[str]) -> str | None:
        return self.by_name.get(" ".join(parts)) or (
            self.by_name.get(parts[-1]) if len(parts) == 1 else None
        )


def title_key(title: str) -> str:
    words = [normalize_key(w) for w in title.split()]
    if words and words[0][:1] in CONJUNCTIONS and words[0][1:] in TITLE_HEADS:
        words[0] = words[0][1:]
    return " ".join(words)


def title_end_at(words: Sequence[Word], i: int, types: Sequence[str | None]) -> int | None:
    """End of a title starting at ``words[i]`` (head + modifiers), or None."""
    if not any(b in TITLE_HEADS for b in words[i].bare):
        return None
    j = i + 1
    while j < len(words) and j - i < 6:
        w = words[j]
        key = w.key
        if key in TITLE_MODIFIERS or (_title_word(w) and types[j] is None):
            j += 1
            if key in OF_ORGANISATION and j < len(words) and types[j] in PLACE_OR_ORG:
                j = _skip_typed(types, j)
            continue
        if types[j] in PLACE_OR_ORG and words[j - 1].key in TITLE_MODIFIERS:
            j = _skip_typed(types, j)  # وزير خارجية إيران ...
            continue
        break
    return j


def _title_word(w: Word) -> bool:
    """A definite noun or adjective continuing a title: وزيرة الخزانة الأمريكية،
    الأمين العام لجامعة ... (a name never has the article here, so it ends the title)."""
    if w.token.pos not in {"noun", "adj", "noun_num"}:
        return False
    if has_article(w):
        return True
    return w.key.startswith("ل") and w.token.pos == "noun" and len(w.key) > 3


def _skip_typed(types: Sequence[str | None], j: int) -> int:
    kind = types[j]
    while j < len(types) and types[j] == kind:
        j += 1
    return j


def _name_run(words: Sequence[Word], i: int, types: Sequence[str | None], limit: int = 4) -> int:
    j = i
    while j < len(words) and j - i < limit:
        w = words[j]
        if j > i and has_article(w) and types[j] != "PERSON":
            # بشار الأسد، عبد الفتاح، أبو الغيط: an article surname only after a given name
            # or a particle.
            after = words[j - 1].stem in GIVEN_NAMES or words[j - 1].key in NAME_PARTICLES
            if not (after and _article_surname(w)):
                break
        elif not is_nameish(w, types[j]) and not (
            (j == i and _given_name_starts(words, j, types))
            or (j > i and _plain_surname(words, j, types))
        ):
            break
        j += 1
    # A name does not end on a particle (بن، أبو) alone.
    while j > i and words[j - 1].bare[-1] in NAME_PARTICLES and words[j - 1].bare[-1] != "دبليو":
        j -= 1
    return j


def _given_name_starts(words: Sequence[Word], j: int, types: Sequence[str | None]) -> bool:
    """A given name the tagger read as a word (سعيد "happy") starts a name only before a
    surname: قيس سعيد، بشار الأسد, not الوزير سعيد بالنتائج."""
    if words[j].stem not in GIVEN_NAMES or j + 1 >= len(words):
        return False
    nxt = words[j + 1]
    return (
        is_nameish(nxt, types[j + 1])
        or _article_surname(nxt)
        or _plain_surname(words, j + 1, types)
    )


def _article_surname(w: Word) -> bool:
    """الأسد in بشار الأسد: the article written first (not بالنتائج), not a date word."""
    return (
        dediac(w.token.surface).startswith("ال")
        and w.token.pos in {"noun", "noun_prop"}
        and not any(b in NUMERIC_WORDS for b in w.bare)
    )


def _plain_surname(words: Sequence[Word], j: int, types: Sequence[str | None]) -> bool:
    """A surname the tagger reads as a word: any plain noun or adjective after an Arabic given
    name (محمد خاتمي), or a nisba in -ي after any first name (وسيم منصوري)."""
    w = words[j]
    after_given = words[j - 1].stem in GIVEN_NAMES
    nisba = w.key.endswith("ي") and len(w.key) > 3
    return (
        (after_given or nisba)
        and w.token.pos in {"noun", "adj"}
        and types[j] is None
        and not has_article(w)
        and not any(b in NUMERIC_WORDS or b in TITLE_HEADS or b in NOT_NAMES for b in w.bare)
    )


def _unknown_first_name(words: Sequence[Word], i: int, types: Sequence[str | None]) -> bool:
    if i + 1 >= len(words):
        return False
    w = words[i]
    plain = w.token.pos in {"noun", "noun_prop", "adj"} and not has_article(w)
    return plain and types[i] is None and is_nameish(words[i + 1], types[i + 1])


def _given_name_before_person(words: Sequence[Word], i: int, types: Sequence[str | None]) -> bool:
    """وناصر كريمي: a given name right before a name the lexicon types as a person."""
    return (
        words[i].stem in GIVEN_NAMES
        and i + 1 < len(words)
        and types[i + 1] == "PERSON"
        and types[i] is None
    )


def name_parts(words: Sequence[Word], i: int, j: int) -> list[str]:
    # Only the first word may carry a clitic (وبوتين، ببيزشكيان).
    return [words[i].stem, *(w.key for w in words[i + 1 : j])]


def find_people(
    text: str,
    words: Sequence[Word],
    types: list[str | None],
    people: People,
    claimed: list[bool],
) -> list[tuple[int, int, Entity]]:
    """PERSON spans: titled names, typed (overlay) names, and later mentions of known people."""
    found: list[tuple[int, int, Entity]] = []
    i = 0
    while i < len(words):
        if claimed[i]:
            i += 1
            continue
        hit = _titled_person(text, words, i, types, people, claimed) or _typed_person(
            text, words, i, types, people, claimed
        )
        if hit:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found


def _titled_person(
    text: str,
    words: Sequence[Word],
    i: int,
    types: list[str | None],
    people: People,
    claimed: list[bool],
) -> tuple[int, int, Entity] | None:
    title_end = title_end_at(words, i, types)
    if title_end is None:
        return None
    name_end = _name_run(words, title_end, types)
    if name_end == title_end and _unknown_first_name(words, title_end, types):
        # جو بايدن: a first name the lexicon does not know, right before a known name.
        name_end = max(_name_run(words, title_end + 1, types), title_end + 1)
    if any(claimed[k] for k in range(title_end, name_end)):
        return None
    title_text = _clean_title(text, words, i, title_end, people)
    if name_end == title_end:
        return None  # a title alone is resolved later (speakers), not labelled
    return _person(text, words, title_end, name_end, people, title_text)


def _clean_title(text: str, words: Sequence[Word], i: int, j: int, people: People) -> str:
    first = words[i]
    head = next(b for b in first.bare if b in TITLE_HEADS)
    clitic = len(first.key) - len(head)  # ونظيره: the conjunction is not part of the title
    start = first.token.start + letters_to_chars(first.token.surface, clitic)
    title = text[start : words[j - 1].token.end]
    if head in COUNTERPART and people.last and people.last[0] == first.token.sentence:
        # "الرئيس الروسي فلاديمير بوتين ونظيره الإيراني": the counterpart of the person just
        # named in this sentence holds the same office, for another country.
        office = people.titles.get(people.last[1], "").split()
        rest = title.split()[1:]
        if office and rest:
            return _counterpart_title(office, rest)
    return title


def _counterpart_title(previous: list[str], rest: list[str]) -> str:
    """ "وزير الخارجية المغربي" + "نظيره الإسباني" -> "وزير الخارجية الإسباني"."""
    nationality = [k for k, word in enumerate(previous) if NAT_ADJ_RE.match(normalize_key(word))]
    if nationality and len(rest) == 1:
        k = nationality[-1]
        return " ".join([*previous[:k], rest[0], *previous[k + 1 :]])
    return " ".join([previous[0], *rest])


def _typed_person(
    text: str,
    words: Sequence[Word],
    i: int,
    types: list[str | None],
    people: People,
    claimed: list[bool],
) -> tuple[int, int, Entity] | None:
    w = words[i]
    if i + 1 < len(words) and w.stem in NAME_PARTICLES:
        pair = people.by_name.get(f"{w.stem} {words[i + 1].key}")
        if pair and not claimed[i + 1]:
            return _person(text, words, i, i + 2, people, None)  # وقال أبو الغيط
    known = people.resolve([w.stem])
    if types[i] != "PERSON" and not known and not _given_name_before_person(words, i, types):
        return None
    end = max(_name_run(words, i, types), i + 1)
    if any(claimed[k] for k in range(i, end)):
        return None
    return _person(text, words, i, end, people, None)


def _person(
    text: str,
    words: Sequence[Word],
    i: int,
    j: int,
    people: People,
    title: str | None,
) -> tuple[int, int, Entity]:
    parts = name_parts(words, i, j)
    key = people.resolve(parts) or " ".join(parts)
    gloss = english_name(words[i:j])
    people.add(key, parts, title, gloss)
    people.last = (words[i].token.sentence, key)
    first = words[i]
    start = start_after_clitic(first)
    end = words[j - 1].token.end
    entity = Entity(
        "PERSON",
        text[start:end],
        start,
        end,
        first.token.sentence,
        key=key,
        title=title or people.titles.get(key),
        gloss=people.glosses.get(key) or gloss,
    )
    return i, j, entity


def find_typed(
    text: str,
    words: Sequence[Word],
    types: list[str | None],
    lengths: list[int],
    claimed: list[bool],
) -> list[tuple[int, int, Entity]]:
    """LOCATION and ORGANIZATION spans from the lexicon's typed multiword names."""
    found = []
    i = 0
    while i < len(words):
        kind = types[i]
        if kind in {"LOCATION", "ORGANIZATION"} and not claimed[i] and lengths[i]:
            j = i + lengths[i]
            parts = name_parts(words, i, j)
            first = words[i]
            start = start_after_clitic(first)
            end = words[j - 1].token.end
            found.append(
                (
                    i,
                    j,
                    Entity(
                        kind,
                        text[start:end],
                        start,
                        end,
                        first.token.sentence,
                        key=" ".join(parts),
                        gloss=english_name(words[i:j]),
                    ),
                )
            )
            i = j
        else:
            i += 1
    return found

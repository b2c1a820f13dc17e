"""Reading the participants of an event off a run of chunks.

A participant is a person with the titles around the name ("الرئيس الروسي فلاديمير بوتين",
"سامح شكري وزير الخارجية المصري"), a role alone ("وزيرا خارجية مصر واليونان", "الرئيس الأذري"),
a country or an organisation. Participants are joined by و, with or without a comma before it
("A، وB"). A chunk without و after a named participant is a second title of the same person
("…، العضو المنتدب"); a name without و after a named participant ends the list. The reader
never guesses: a chunk it cannot place ends the list, and the caller learns where.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from learn.nlp.syntax.lexicon import Lexicon
from learn.nlp.syntax.types import (
    COUNTRY,
    GROUP,
    NP,
    ORGANIZATION,
    PERSON,
    PP,
    PUNCT,
    ROLE,
    Chunk,
    Party,
    TextSpan,
)
from learn.nlp.syntax.words import Piece
from learn.nlp.types import Entity

NAME_TYPES = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})
_COMMAS = frozenset("،,")

# What a chunk is to the party reader.
TITLE, NAME, GENERIC, TITLE_PP, OTHER = "title", "name", "generic", "title_pp", "other"


@dataclass(slots=True)
class _Builder:
    """A participant being read: where it starts and ends, its title words and its name."""

    first: Chunk
    start: int
    stop: int
    kind: str | None = None  # set for generic parties ("الجانبان")
    name: Entity | None = None
    title_start: int = -1
    title_stop: int = -1
    dual_title: bool = False  # the title is a dual ("وزيرا خارجية"): it may name two people

    def add_title(self, c: Chunk, start: int | None = None) -> None:
        if self.title_start < 0:
            self.title_start = c.start if start is None else start
        self.title_stop = c.stop
        self.stop = max(self.stop, c.stop)

    def add_name(self, c: Chunk, name: Entity) -> None:
        self.name = name
        self.stop = max(self.stop, c.stop)

    @property
    def titled(self) -> bool:
        return self.title_start >= 0

    def party(self, text: str, sentence: int) -> Party | None:
        kind = self.kind
        if kind is None:
            if self.name is not None and self.name.type == "PERSON":
                kind = PERSON
            elif self.name is not None and self.name.type == "ORGANIZATION":
                kind = ORGANIZATION
            elif self.name is not None and not self.titled:
                kind = COUNTRY
            elif self.titled:
                kind = ROLE
            else:
                return None
        title = text[self.title_start : self.title_stop].strip() if self.titled else None
        span = TextSpan(self.start, self.stop, text[self.start : self.stop], sentence)
        return Party(kind, span, self.name, title or None, self.dual_title and kind == ROLE)


def _nisba(p: Piece) -> bool:
    """A definite nationality adjective: الأذري، الأرمينية."""
    return p.article and p.pos in {"adj", "noun", "noun_prop"} and p.stem.endswith(("ي", "يه"))


class PartyReader:
    """Reads participants from the chunks of one sentence."""

    def __init__(
        self,
        text: str,
        sentence: int,
        chunks: Sequence[Chunk],
        pieces: Sequence[Piece],
        lex: Lexicon,
        is_title: Callable[[Piece], bool],
        after_prep: Callable[[Chunk], int],
    ) -> None:
        self.text, self.sentence = text, sentence
        self.chunks, self.pieces, self.lex = chunks, pieces, lex
        self.is_title, self.after_prep = is_title, after_prep

    # ------------------------------------------------------------------------- classes

    def role_of(self, c: Chunk, current: _Builder | None, as_np: bool = False) -> str:
        """What the chunk can be in a list of participants (``as_np``: read a prepositional
        chunk for its noun phrase, as after "مع", "بين", "كل من")."""
        if c.kind == PP and not as_np:
            if current is not None and current.titled and self._title_pp(c):
                return TITLE_PP  # "وزير الدولة لشؤون الطاقة", "المتحدث باسم الكرملين"
            return OTHER
        if c.kind not in {NP, PP}:
            return OTHER
        head = self.pieces[c.head]
        if c.entity is not None and c.entity.type in NAME_TYPES and c.entity.start >= c.start:
            return NAME if not self.is_title(head) else TITLE
        if self.is_title(head):
            return TITLE
        if current is not None and current.titled and not c.conj and _nisba(head):
            return TITLE  # "الرئيس" + "الأذري": a nationality the chunker left on its own
        if self.lex.is_a(head, "generic_party"):
            return GENERIC
        return OTHER

    def _title_pp(self, c: Chunk) -> bool:
        return c.prep in {"ل", "لدي"} or self.pieces[c.head].stem == "اسم"

    def is_counterpart(self, c: Chunk) -> bool:
        """ "نظيره", "نظيرته": someone's counterpart — never the first participant."""
        head = self.pieces[c.head]
        return head.stem.startswith("نظير") and head.enclitic

    # ------------------------------------------------------------------------- reading

    def read(self, k: int, end: int, through_prep: bool = False) -> tuple[list[Party], int]:
        """Participants from chunk ``k``; the list and the index of the first chunk not read.
        ``through_prep``: chunk ``k`` is "مع …", "بين …" or "من …" and its noun phrase is the
        first participant."""
        first = k
        parties: list[Party] = []
        current: _Builder | None = None

        def close() -> None:
            nonlocal current
            if current is not None:
                built = current.party(self.text, self.sentence)
                if built is not None:
                    parties.append(built)
            current = None

        while k < end:
            c = self.chunks[k]
            if self._is_comma(c):
                if current is None or not self._continues(k + 1, end, current):
                    break
                k += 1
                continue
            as_np = through_prep and k == first
            role = self.role_of(c, current, as_np)
            if role == OTHER and self._title_goes_on(k, end, current):
                current.add_title(c)  # type: ignore[union-attr]
                k += 1
                continue
            if role == OTHER:
                break
            if current is None and not parties and not as_np and self.is_counterpart(c):
                break  # "التقى نظيره الإيطالي": the counterpart is the object
            begin = self.after_prep(c) if as_np else None
            if role == TITLE_PP:
                current.add_title(c)  # type: ignore[union-attr]
            elif role == GENERIC:
                if current is not None:
                    break
                current = _Builder(c, begin or c.start, c.stop, kind=GROUP)
                current.add_title(c, begin)
            elif role == TITLE:
                if current is None or c.conj:
                    close()
                    current = _Builder(c, begin or c.start, c.stop)
                    current.add_title(c, begin)
                    current.dual_title = self._dual(c)
                elif current.name is not None or current.titled:
                    current.add_title(c)  # a second title, or more words of the first
                else:
                    break
            else:  # NAME
                assert c.entity is not None
                if current is not None and not c.conj and current.name is None:
                    current.add_name(c, c.entity)  # the name after its title
                elif current is not None and c.conj and current.dual_title and not current.name:
                    current.add_title(c)  # "وزيرا خارجية مصر واليونان": the role goes on
                elif current is not None and c.conj and current.dual_title:
                    # "وزيرا خارجية مصر سامح شكري واليونان نيكوس دندياس": the second office
                    dual = current
                    close()
                    current = _Builder(c, c.start, c.stop, dual_title=True)
                    if c.entity.type == "LOCATION" and dual.name is not None:
                        current.add_title(c)
                    else:
                        current.add_name(c, c.entity)
                elif current is not None and not c.conj:
                    break  # two names with no conjunction: not one list
                else:
                    close()
                    current = _Builder(c, begin or c.start, c.stop)
                    current.add_name(c, c.entity)
            k += 1
        close()
        return parties, k

    def _title_goes_on(self, k: int, end: int, current: _Builder | None) -> bool:
        """ "الممثل الأعلى … للشؤون الخارجية والسياسة الأمنية جوزيب بوريل": a noun phrase
        joined by و inside a title, when the person's name follows it (after a comma too:
        "وزير الخارجية وشؤون المغتربين، أيمن الصفدي")."""
        if current is None or not current.titled or current.name is not None:
            return False
        c = self.chunks[k]
        if c.kind != NP or not c.conj or c.entity is not None or k + 1 >= end:
            return False
        nxt = self.chunks[k + 1]
        if self._is_comma(nxt) and k + 2 < end:
            nxt = self.chunks[k + 2]  # "… وشؤون المغتربين، أيمن الصفدي"
        return (
            nxt.kind == NP
            and not nxt.conj
            and nxt.entity is not None
            and nxt.entity.type == "PERSON"
        )

    def _dual(self, c: Chunk) -> bool:
        head = self.pieces[c.head]
        return not head.article and head.stem.endswith(("ا", "ان", "ين")) and len(head.stem) > 3

    def _is_comma(self, c: Chunk) -> bool:
        if c.kind != PUNCT:
            return False
        return self.text[c.start : c.stop].strip() in _COMMAS

    def _continues(self, k: int, end: int, current: _Builder) -> bool:
        """After a comma: another participant (و + title or name) or, for a named person,
        a second title without و ("…، العضو المنتدب")."""
        if k >= end:
            return False
        c = self.chunks[k]
        role = self.role_of(c, current)
        if c.conj:
            return role in {TITLE, NAME}
        if role == NAME and current.titled and current.name is None:
            return True  # "نائب رئيس الوزراء وزير الخارجية …، أيمن الصفدي": the title's holder
        return role == TITLE and current.name is not None

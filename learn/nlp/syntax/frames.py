"""Event frames read off chunked sentences: who did what, to what, when, where, for how long.

News Arabic states an event in a few recurring shapes, and each has a reader here:

* verbal, verb first: «وقع الرئيس X ونظيره Y اتفاقية … يوم الخميس في القاهرة»; the object may
  come first («وقع الاتفاقية كل من X و Y») and a co-signer may follow مع;
* subject first (headlines, topic sentences): «إثيوبيا توقع اتفاقا مع أرض الصومال»;
* passive, with تم/جرى and the verbal noun: «تم التوقيع على الاتفاقية …», «جرى توقيع الاتفاقية»;
* relative: «الاتفاق الذي وقعه X و Y», «الاتفاق الذي تم توقيعه»;
* nominal: «عقب توقيع الاتفاقية بين البلدين»;
* coverage clauses about an agreement: «وتشمل الاتفاقية …», «ينص الاتفاق على …»,
  «بموجب الاتفاقية …»;
* speech: «وقال X إن …», with what was said as the frame's content.

The participants (``Party``, read by :mod:`learn.nlp.syntax.parties`) may be people with their
titles, roles alone ("وزيرا خارجية مصر واليونان"), countries or organisations. Every span is a
character span of the text. The readers prefer to leave a slot empty over filling it wrongly:
a question is built only on what they found.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from learn.nlp.entities.namelists import HONORIFICS, OFFICE_HEADS
from learn.nlp.entities.numeric import period_years
from learn.nlp.syntax.chunks import chunk_sentence
from learn.nlp.syntax.lexicon import EventWord, Lexicon, forms_of, lexicon
from learn.nlp.syntax.parties import NAME_TYPES, PartyReader
from learn.nlp.syntax.types import (
    NOMINAL,
    NP,
    PART,
    PASSIVE,
    PP,
    PUNCT,
    REL,
    RELATIVE,
    SUBJECT_FIRST,
    VERB,
    VERBAL,
    Chunk,
    Frame,
    Party,
    TextSpan,
)
from learn.nlp.syntax.words import Piece, piece
from learn.nlp.types import AnalyzedText, Entity, Sentence

# Punctuation that ends a clause for good; a comma only pauses it.
_STOPS = frozenset(".؟?!؛;:")
_QUOTES = frozenset('«»“”"')
_COMMAS = frozenset("،,")
_AGREEMENT_CLASSES = ("agreement_f", "agreement_m")
# Events whose agents may be countries and organisations, not only people.
_STATE_EVENTS = frozenset(
    {"sign", "agree", "reach", "ratify", "sanction", "announce", "host", "decide", "condemn",
     "accuse", "win"}
)  # fmt: skip
# Events whose verb may report what was said: "أعلن أن …", "حذر من أن …", "نفى أن …".
SPEECH_EVENTS = frozenset({"say", "announce", "warn", "deny", "call", "accuse"})
# Prepositions before the place of an event; إلى too for arrivals and visits.
# The name rules' offices and honorifics head titles here too (one list, learn/nlp/entities).
_TITLE_WORDS = OFFICE_HEADS | HONORIFICS
_MAX_CIRCUMSTANCES = 3
_WITH_REACH = 4  # chunks from the doer to مع: a date, a comma, a place
_PLACE_PREPS = frozenset({"في", "ب"})
_TO_PREPS = frozenset({"الي"})
_COVER_TAIL_PREPS = frozenset({"ل", "من", "بين", "علي", "الي", "في", "ب", "عبر", "مع"})
_ALSO = frozenset({"ايضا", "كذلك"})


@dataclass(frozen=True, slots=True)
class _Object:
    """An agreement noun phrase: its span, its normalized noun, the chunks it takes."""

    span: TextSpan
    head: str
    first: int  # first chunk
    end: int  # one past the last chunk
    noun_at: int  # token index of the agreement noun
    noun_words: int  # how many words the noun is ("مذكرة تفاهم": 2)


@dataclass(slots=True)
class _Sentence:
    """One sentence being read: its chunks, the pieces of its tokens, its quotation spans."""

    analyzed: AnalyzedText
    sentence: Sentence
    chunks: tuple[Chunk, ...]
    pieces: list[Piece]
    quotes: list[tuple[int, int]]
    lex: Lexicon
    frames: list[Frame] = field(default_factory=list)
    parties: PartyReader = field(init=False)

    def __post_init__(self) -> None:
        self.parties = PartyReader(
            self.analyzed.text,
            self.sentence.index,
            self.chunks,
            self.pieces,
            self.lex,
            self.title_head,
            self.after_prep,
        )

    # ----------------------------------------------------------------------- reading helpers

    @property
    def text(self) -> str:
        return self.analyzed.text

    def span(self, start: int, end: int) -> TextSpan:
        return TextSpan(start, end, self.text[start:end], self.sentence.index)

    def head(self, c: Chunk) -> Piece:
        return self.pieces[c.head]

    def mark(self, c: Chunk) -> str:
        return self.text[c.start : c.stop].strip() if c.kind == PUNCT else ""

    def is_stop(self, c: Chunk) -> bool:
        mark = self.mark(c)
        return c.kind == PUNCT and (not mark or any(ch in _STOPS or ch in _QUOTES for ch in mark))

    def is_comma(self, c: Chunk) -> bool:
        return c.kind == PUNCT and self.mark(c) in _COMMAS

    def in_quote(self, start: int, end: int) -> bool:
        return any(qs <= start and end <= qe for qs, qe in self.quotes)

    def title_head(self, p: Piece) -> bool:
        """A title or honorific: "الرئيس", "وزير", the dual "وزيرا"/"وزيري", "سعادة"."""
        if p.key in _TITLE_WORDS or self.lex.is_a(p, "honorific"):
            return True
        forms = forms_of(p)
        duals = [f[: -len(e)] for f in forms for e in ("ان", "ين", "ي") if f.endswith(e)]
        return any(f in _TITLE_WORDS for f in (*forms, *duals))

    def agreement_words(self, t: int) -> int:
        """How many words from token ``t`` name an agreement (0 if none)."""
        return max(self.lex.phrase_at(self.pieces, t, cls) for cls in _AGREEMENT_CLASSES)

    def is_agreement(self, c: Chunk) -> bool:
        return c.kind in {NP, PP} and self.agreement_words(c.head) > 0

    def agreement_inside(self, c: Chunk) -> int | None:
        """The token of an agreement noun after the chunk's head ("توقيع الاتفاقية")."""
        return next((t for t in range(c.head + 1, c.end) if self.agreement_words(t)), None)

    def after_prep(self, c: Chunk) -> int:
        """Where a chunk's noun begins: after "في " or after the letter of "لـ"."""
        tok = self.sentence.tokens[c.head]
        p = self.pieces[c.head]
        if c.head == c.first and p.prep and not (p.prep == "ل" and p.article):
            return tok.start + _letters_chars(tok.surface, (1 if p.conj else 0) + 1)
        if c.head == c.first and p.prep:
            return c.start  # "للتعاون": the article's alif is not written after ل, keep it whole
        return tok.start if c.head != c.first or not c.conj else c.start

    def negated_or_hedged(self, ci: int) -> tuple[bool, bool]:
        """Negation right before the trigger; a hedge before it in its clause or right after."""
        negated = any(
            self.lex.is_a(self.head(c), "negation")
            for c in self.chunks[max(0, ci - 3) : ci]
            if c.kind != PUNCT
        )
        hedged = False
        k = ci - 1
        trigger = self.head(self.chunks[ci])
        while k >= 0 and not self.is_stop(self.chunks[k]) and not self.is_comma(self.chunks[k]):
            word = self.head(self.chunks[k])
            # "قد صرح": قد before a past verb asserts ("had said"); before a present one
            # ("قد يوقع") it hedges.
            asserts = k == ci - 1 and word.stem == "قد" and _past(trigger)
            hedged = hedged or (self.lex.is_a(word, "hedge") and not asserts)
            k -= 1
        if trigger.pos == "verb" and trigger.stem.startswith("س") and len(trigger.stem) > 3:
            hedged = True  # سيوقع: a future event
        nxt = self.chunks[ci + 1 : ci + 2]
        return negated, hedged or any(self.lex.is_a(self.head(c), "hedge") for c in nxt)

    def region_end(self, ci: int) -> int:
        """One past the last chunk of the clause that the trigger at ``ci`` heads."""
        k = ci + 1
        while k < len(self.chunks):
            c = self.chunks[k]
            if self.is_stop(c):
                break
            if c.kind == VERB and c.conj and k > ci + 1:
                break  # "… ، ويعد الاتفاق …": a new clause
            if c.kind in {NP, PP} and self.lex.is_a(self.head(c), "clause_break"):
                break
            k += 1
        return k

    def list_end(self, ci: int) -> int:
        """The end of a coverage list: commas go on; a stop or "كما" + verb ends it."""
        k = ci + 1
        while k < len(self.chunks):
            c = self.chunks[k]
            if self.is_stop(c) or (c.kind == PART and self.head(c).stem == "كما"):
                break
            if c.kind == VERB and c.conj and k > ci + 1 and not self._could_be_noun(c):
                break  # "…، وفتح المعابر" read as a noun ("opening") goes on with the list
            k += 1
        while k > ci + 1 and self.is_comma(self.chunks[k - 1]):
            k -= 1
        return k

    def _could_be_noun(self, c: Chunk) -> bool:
        """A verb the tagger nearly read as a noun: in a list of nouns, the noun it is."""
        return any(a.pos == "noun" for a in self.sentence.tokens[c.head].alternatives)

    # ----------------------------------------------------------------------- dispatch

    def read(self) -> list[Frame]:
        for ci, c in enumerate(self.chunks):
            if c.kind == VERB:
                self._verb(ci)
            elif c.kind in {NP, PP}:
                self._noun(ci)
        return self.frames

    def _verb(self, ci: int) -> None:
        p = self.head(self.chunks[ci])
        if self.lex.is_a(p, "passive_aux"):
            self._passive(ci)
            return
        for cls in ("cover_verb", "provide_verb", "aim_verb"):
            if self.lex.is_a(p, cls):
                if not _purpose(p):  # "توسيع الرقابة لتشمل …": another noun's purpose
                    self._cover(ci, cls)
                return
        word = self.lex.event_of(p, "verb")
        if word is not None:
            frame = self._verbal(ci, word)
            if frame is not None:
                self.frames.append(frame)

    def _noun(self, ci: int) -> None:
        c = self.chunks[ci]
        if self.lex.is_a(self.head(c), "under"):
            self._under(ci)
            return
        if self.lex.is_a(self.head(c), "speech_participle"):
            self._participle(ci)
            return
        word = self.lex.event_of(self.head(c), "noun")
        if word is None or word.event != "sign":
            return
        if ci > 0 and self.lex.is_a(self.head(self.chunks[ci - 1]), "passive_aux"):
            return  # read by _passive
        end = self.region_end(ci)
        self.frames.append(self._nominal_rest(self._base(ci, word.event, NOMINAL), ci, end))

    def _base(self, ci: int, event: str, form: str) -> Frame:
        c = self.chunks[ci]
        negated, hedged = self.negated_or_hedged(ci)
        return Frame(
            event,
            form,
            self.sentence.index,
            self.span(c.start, c.stop),
            negated=negated,
            hedged=hedged,
            quoted=self.in_quote(c.start, c.stop),
        )

    # ----------------------------------------------------------------------- the readers

    def _verbal(self, ci: int, word: EventWord) -> Frame | None:
        end = self.region_end(ci)
        frame = self._base(ci, word.event, VERBAL)
        obj = self._relative_antecedent(ci)
        if obj is None and ci > 0 and self.chunks[ci - 1].kind == REL:
            return None  # "، الذي التقى بوتين": the name after a relative verb is its object
        if obj is not None:
            frame = replace(frame, form=RELATIVE)
        k = self._skip_adverbials(ci + 1, end)
        if obj is None and k < end and self.is_agreement(self.chunks[k]):
            obj = self._object(k, end)  # "وقع الاتفاقية كل من …": the object first
            k = self._skip_adverbials(obj.end, end)
        through = False
        if k + 1 < end and self.head(self.chunks[k]).stem == "كل" and self.chunks[k + 1].prep:
            k, through = k + 1, True  # "كل من X و Y"
        agents, k = self.parties.read(k, end, through_prep=through)
        if not agents and obj is not None:
            agents, k = self._agents_after_circumstances(k, end)
        partial = bool(agents) and k < end and self._unnamed_conjunct(self.chunks[k])
        if not agents:
            before = self._subject_before(ci)
            if before:
                agents, frame = before, replace(frame, form=SUBJECT_FIRST)
        k = self._skip_adverbials(k, end)
        # "التي وقّعتها مع X": with no subject of its own, X is only the other party.
        subject_missing = not agents
        agents += self._with(k, end)
        if obj is None:
            probe = self._agreement_ahead(k, end)
            if probe is not None:  # "وقع على الاتفاقية", or parties the reader could not name
                obj = self._object(probe, end)
                k = obj.end
        agents += self._with(self._skip_adverbials(k, end), end)
        partial = partial or (subject_missing and bool(agents))
        if word.event not in _STATE_EVENTS:
            agents = [a for a in agents if a.name is None or a.name.type != "LOCATION"]
        frame = replace(frame, agents=tuple(_unique(agents)), partial=partial)
        if obj is not None:
            frame = self._with_object(frame, obj, end)
        if word.event in SPEECH_EVENTS:
            frame = replace(frame, content=self._speech_content(k, end))
        return self._circumstances(frame, ci, end)

    def _participle(self, ci: int) -> None:
        """ "ووضعت وزارة الخزانة …، قائلة: إن …", "…، مشيراً إلى أنه …": reported speech whose
        speaker is the subject of the clause's verb."""
        if ci == 0 or not any(ch in "،," for ch in self.mark(self.chunks[ci - 1])):
            return  # after a comma ("”، مشيراً": a closing quotation mark may come with it)
        verb = next((k for k in range(ci - 1, -1, -1) if self.chunks[k].kind == VERB), None)
        if verb is None:
            return
        agents, _ = self.parties.read(verb + 1, ci)
        if len(agents) != 1:
            return
        content = self._speech_content(ci + 1, len(self.chunks))
        if content is None:
            return
        frame = replace(self._base(ci, "say", VERBAL), agents=tuple(agents), content=content)
        self.frames.append(frame)

    def _passive(self, ci: int) -> None:
        """تم/جرى + verbal noun: "تم التوقيع على الاتفاقية", "جرى توقيع مذكرة تفاهم"."""
        end = self.region_end(ci)
        k = ci + 1
        if k >= end or self.chunks[k].kind not in {NP, PP}:
            return
        word = self.lex.event_of(self.head(self.chunks[k]), "noun")
        if word is None:
            return
        frame = self._base(ci, word.event, PASSIVE)
        frame = replace(frame, trigger=self.span(self.chunks[ci].start, self.chunks[k].stop))
        self.frames.append(self._nominal_rest(frame, k, end))

    def _nominal_rest(self, frame: Frame, k: int, end: int) -> Frame:
        """Object, agents (بين A و B) and circumstances after a verbal noun at chunk ``k``."""
        c = self.chunks[k]
        obj: _Object | None = None
        inside = self.agreement_inside(c)
        if inside is not None:
            obj = self._object(k, end, noun_at=inside)
        elif k + 1 < end and self.is_agreement(self.chunks[k + 1]):
            obj = self._object(k + 1, end)
        else:
            obj = self._relative_antecedent(k)
        agents: list[Party] = []
        nxt = obj.end if obj is not None and obj.first >= k else k + 1
        for j in range(nxt, min(end, nxt + 3)):
            if self.chunks[j].kind == PP and self.chunks[j].prep == "بين":
                agents, _ = self.parties.read(j, end, through_prep=True)
                break
        frame = replace(frame, agents=tuple(agents))
        if obj is not None:
            frame = self._with_object(frame, obj, end)
        return self._circumstances(frame, k, end)

    def _cover(self, ci: int, cls: str) -> None:
        """ "وتشمل الاتفاقية التجارة والاستثمار", "ينص الاتفاق على …", "تهدف المذكرة إلى …"."""
        end = self.list_end(ci)
        k = ci + 1
        subject: _Object | None
        if k < end and self.is_agreement(self.chunks[k]):
            subject = self._object(k, end)
            k = subject.end
            while k < end and self.head(self.chunks[k]).stem in _ALSO:
                k += 1
        elif ci > 0 and self.chunks[ci - 1].kind == REL:
            # "مؤسسة سينوبك التي تغطي …": the verb's subject is the noun before the pronoun.
            subject = self._relative_antecedent(ci)
        else:
            subject = self._topic_agreement(ci)
        if subject is None or k >= end:
            return
        c = self.chunks[k]
        if cls == "cover_verb":
            start = c.start
        else:
            want = "علي" if cls == "provide_verb" else "الي"
            if c.prep != want:
                return
            start = self.after_prep(c)
        frame = self._base(ci, "cover", VERBAL)
        coverage = self.span(start, self.chunks[end - 1].stop)
        # "ستسحب إسرائيل قواتها": an agreement's terms are told in the future, not hedged.
        frame = replace(frame, object=subject.span, object_head=subject.head, hedged=False)
        self.frames.append(replace(frame, coverage=(coverage,)))

    def _under(self, ci: int) -> None:
        """ "بموجب الاتفاقية سيتم توريد …": what follows is what the agreement does."""
        c = self.chunks[ci]
        inside = self.agreement_inside(c)
        if inside is not None:
            obj, k = self._object(ci, len(self.chunks), noun_at=inside), ci + 1
        elif ci + 1 < len(self.chunks) and self.is_agreement(self.chunks[ci + 1]):
            obj, k = self._object(ci + 1, len(self.chunks)), ci + 2
        else:
            return
        while k < len(self.chunks) and self.is_comma(self.chunks[k]):
            k += 1
        end = self.list_end(k - 1)
        if end <= k:
            return
        frame = self._base(ci, "cover", NOMINAL)
        coverage = self.span(self.chunks[k].start, self.chunks[end - 1].stop)
        frame = replace(frame, object=obj.span, object_head=obj.head, hedged=False)
        self.frames.append(replace(frame, coverage=(coverage,)))

    # ----------------------------------------------------------------------- participants

    def _with(self, k: int, end: int) -> list[Party]:
        """ "مع نظيره الإيطالي X", "مع مؤسسة …": co-signers after مع — also after the date
        and place that may come first ("… امس في دبي مع وزير النقل …")."""
        for j in range(k, min(end, k + _WITH_REACH)):
            c = self.chunks[j]
            if c.kind == PP and c.prep == "مع":
                found, _ = self.parties.read(j, end, through_prep=True)
                return found
            dated = c.entity is not None and c.entity.type == "DATE"
            if not (self.is_comma(c) or dated or (c.kind == PP and self._is_place(c, ""))):
                break
        return []

    def _unnamed_conjunct(self, c: Chunk) -> bool:
        """ "أوكرانيا والغرب": a conjunct after the parties that is neither a name, a title nor
        the object, so the list of agents is not complete."""
        return c.kind == NP and bool(c.conj) and not self.is_agreement(c)

    def _agents_after_circumstances(self, k: int, end: int) -> tuple[list[Party], int]:
        """ "ووقع المعاهدة بالأحرف الأولى في قصر …، ماكرون ودراجي", "وقعها من الجانب المصري
        الدكتور …": after the object, the subject may come after prepositional phrases (and
        the adjectives that go with them), with or without a comma."""
        j, skipped = k, 0
        while j < end and skipped < _MAX_CIRCUMSTANCES:
            c = self.chunks[j]
            if c.kind == PP and c.prep == "مع":
                break  # "وقّعتها مع وزير …": the other party, not a circumstance before the subject
            if c.kind == PP and self.parties.role_of(c, None) == "other":
                j, skipped = j + 1, skipped + 1
            elif c.kind == NP and not c.conj and skipped and self._modifies(c):
                j += 1  # "في قصر كويرينالي الرئاسي": the adjective of the phrase before
            else:
                break
        if not skipped:
            return [], k
        if j < end and self.is_comma(self.chunks[j]):
            j += 1
        agents, nxt = self.parties.read(j, end)
        return (agents, nxt) if agents else ([], k)

    def _modifies(self, c: Chunk) -> bool:
        head = self.head(c)
        return head.pos == "adj" or (c.entity is not None and c.entity.type == "LOCATION")

    def _subject_before(self, ci: int) -> list[Party]:
        """Subject-first clauses: the parties that open the clause right before the verb."""
        last = ci
        if (
            last > 0
            and self.chunks[last - 1].kind == PART
            and self.head(self.chunks[last - 1]).stem == "قد"
        ):
            last -= 1  # "وكان X، قد صرح"
        if last < ci and last > 0 and self.is_comma(self.chunks[last - 1]):
            last -= 1
        first = last
        while first > 0 and self.chunks[first - 1].kind in {NP, PP}:
            first -= 1
        if first == last or self.chunks[first].kind == PP:
            return []
        if first > 0 and not (
            self.is_stop(self.chunks[first - 1])
            or self.is_comma(self.chunks[first - 1])
            or self._copula(self.chunks[first - 1])
        ):
            return []
        parties, nxt = self.parties.read(first, last)
        return parties if nxt == last else []

    def _copula(self, c: Chunk) -> bool:
        """كان (وكان، فكان) opening a clause whose subject comes before its verb."""
        return c.kind == VERB and self.head(c).stem in {"كان", "كانت"}

    # ----------------------------------------------------------------------- objects

    def _relative_antecedent(self, ci: int) -> _Object | None:
        """ "الاتفاق الذي وقعه …", "الاتفاق الذي تم توقيعه": the agreement before الذي/التي."""
        k = ci - 1
        if k >= 0 and self.chunks[k].kind == VERB:
            k -= 1
        if k < 1 or self.chunks[k].kind != REL:
            return None
        before = self.chunks[k - 1]
        if self.is_agreement(before):
            return self._object(k - 1, k)
        inside = self.agreement_inside(before) if before.kind == NP else None
        if inside is not None:  # "نص الاتفاق الذي تم توقيعه": the agreement closes the phrase
            return self._object(k - 1, k, noun_at=inside)
        return None

    def _topic_agreement(self, ci: int) -> _Object | None:
        """An agreement earlier in the sentence that the verb is about ("“معاهدة …” تغطي",
        "الاتفاق الذي …، ينص على …")."""
        for k in range(ci - 1, -1, -1):
            c = self.chunks[k]
            if self.is_stop(c) and not any(ch in _QUOTES for ch in self.mark(c)):
                return None
            if c.kind == NP and self.is_agreement(c):
                return self._object(k, ci)
        return None

    def _agreement_ahead(self, k: int, end: int, reach: int = 8) -> int | None:
        """The first agreement noun phrase within ``reach`` chunks, before any other verb."""
        for j in range(k, min(end, k + reach)):
            c = self.chunks[j]
            if c.kind in {VERB, REL}:
                return None
            if (c.kind == NP or (c.kind == PP and c.prep == "علي")) and self.is_agreement(c):
                return j
        return None

    def _object(self, k: int, end: int, noun_at: int | None = None) -> _Object:
        """The agreement noun phrase at chunk ``k`` with the conjoined nouns that complete it
        ("اتفاقية بيع وشراء")."""
        c = self.chunks[k]
        noun_at = c.head if noun_at is None else noun_at
        words = max(self.agreement_words(noun_at), 1)
        j = k + 1
        while j < end and self.chunks[j].kind == NP and self.chunks[j].conj:
            ent = self.chunks[j].entity
            if ent is not None and ent.type in NAME_TYPES:
                break
            j += 1
        tok = self.sentence.tokens[noun_at]
        start = c.start if noun_at == c.head and not c.prep else tok.start
        head = _agreement_key(self.pieces[noun_at], self.lex)
        return _Object(self.span(start, self.chunks[j - 1].stop), head, k, j, noun_at, words)

    def _qualifies_agreement(self, noun_at: int, t: int) -> bool:
        """ "اتفاقية الدفاع الإستراتيجية": a feminine adjective after a masculine genitive
        qualifies the (feminine) agreement noun, not the topic."""
        p, prev = self.pieces[t], self.pieces[t - 1]
        if p.pos != "adj" or not p.article or t - 1 <= noun_at:
            return False
        feminine = p.stem.endswith("ه")
        return feminine and not prev.stem.endswith("ه") and self.pieces[noun_at].stem.endswith("ه")

    def _with_object(self, frame: Frame, obj: _Object, end: int) -> Frame:
        coverage = self._object_coverage(obj, end)
        return replace(frame, object=obj.span, object_head=obj.head, coverage=coverage)

    def _object_coverage(self, obj: _Object, end: int) -> tuple[TextSpan, ...]:
        """What the agreement is about, as its own noun phrase says: the complement of the
        agreement noun ("اتفاق ترسيم الحدود البحرية"), its purpose ("لتوريد …") and its topic
        ("في مجالات …", "بشأن …")."""
        out: list[TextSpan] = []
        c = self.chunks[obj.first]
        toks = self.sentence.tokens
        stop = next(
            (
                t
                for t in range(obj.noun_at + obj.noun_words, c.end)
                if self._qualifies_agreement(obj.noun_at, t)
            ),
            None,
        )
        words = [
            t
            for t in range(obj.noun_at + obj.noun_words, stop if stop is not None else c.end)
            if not self.lex.is_a(self.pieces[t], "descriptive") and self.pieces[t].pos != "digit"
        ]
        # "المعاهدة الفرنسية الإيطالية" says who, not what: a topic needs a noun, not a name.
        m = obj.end
        if words and any(self.pieces[t].pos == "noun" for t in words) and not self._named(words):
            tail = self._cover_tail(obj.end, end) if stop is None else obj.end
            last = self.chunks[tail - 1].stop if tail > obj.end else toks[words[-1]].end
            if stop is not None:
                last = toks[words[-1]].end  # the topic ends where the agreement's adjective is
            if tail == obj.end and obj.end > obj.first + 1 and stop is None:
                last = self.chunks[obj.end - 1].stop  # "بيع وشراء"
            out.append(self.span(toks[words[0]].start, max(last, toks[words[-1]].end)))
            m = max(tail, obj.end)
        # Purpose and topic phrases after the agreement: "لتوريد …", "في مجال …", "بشأن …".
        while m < end:
            cm = self.chunks[m]
            if cm.kind == PP and cm.prep == "مع":
                _, nxt = self.parties.read(m, end, through_prep=True)
                m = max(nxt, m + 1)  # past the co-signers …
                while m < end and self._apposed_name(self.chunks[m]):
                    m += 1  # … and a name set beside theirs ("… للبترول والكيماويات سينوبك")
                continue
            if cm.kind != PP:
                break
            p = self.head(cm)
            purpose = cm.prep == "ل" and p.pos == "noun" and cm.entity is None
            # "اتفاقا على توسيع المركز": what the parties agreed on
            purpose = purpose or (cm.prep == "علي" and p.pos == "noun" and cm.entity is None)
            topic = cm.prep in {"بشان", "حول"} or (cm.prep == "في" and self.lex.is_a(p, "field"))
            if not (purpose or topic):
                break
            tail = self._cover_tail(m + 1, end)
            out.append(self.span(self.after_prep(cm), self.chunks[tail - 1].stop))
            m = tail
        return tuple(s for s in out if s.text.strip())

    def _apposed_name(self, c: Chunk) -> bool:
        return c.kind == NP and not c.conj and c.entity is not None and c.entity.type in NAME_TYPES

    def _cover_tail(self, m: int, end: int) -> int:
        """Chunks that continue a coverage phrase — conjoined nouns and complements with ل، من،
        بين، على، إلى، في — up to a comma, a verb, a date, a duration or a place."""
        while m < end:
            c = self.chunks[m]
            ent = c.entity
            if ent is not None and ent.type in {"DATE", "DURATION"}:
                break
            if c.kind == NP:
                m += 1
                continue
            if c.kind != PP or self.lex.is_a(self.head(c), "duration_lead"):
                break
            if c.prep in _PLACE_PREPS and self._is_place(c, ""):
                break  # "… في البيت الأبيض": where it was signed, not what it is about
            if c.prep == "مع" and ent is not None and ent.type in NAME_TYPES:
                break  # "… مع مؤسسة …": a co-signer, not the topic
            if c.prep not in _COVER_TAIL_PREPS:
                break
            m += 1
        return m

    def _named(self, words: list[int]) -> bool:
        """Is the complement only a name ("اتفاقية أبراهام")?"""
        toks = self.sentence.tokens
        return all(
            any(
                e.type in NAME_TYPES and e.start < toks[t].end and toks[t].start < e.end
                for e in self.analyzed.entities
                if e.sentence == self.sentence.index
            )
            for t in words
        )

    # ----------------------------------------------------------------------- speech

    def _speech_content(self, k: int, end: int) -> TextSpan | None:
        """What was said: from after إن/أن to the end of the sentence (past a colon, which
        ends the clause of the verb: "قال رئيس الوزراء: إن …")."""
        while end < len(self.chunks) and self.mark(self.chunks[end]).strip() == ":":
            end += 2 if end + 1 < len(self.chunks) else 1
        while k < end:
            c = self.chunks[k]
            if c.kind == PART and self.lex.is_a(self.head(c), "speech_link"):
                break
            if c.kind == VERB:
                return None
            k += 1
        if k >= end:
            return None
        stop = k + 1
        while stop < len(self.chunks) and not self._end_of_said(self.chunks[stop]):
            if self._next_statement(stop):
                break  # "…، وأكد أن …": the speaker's next statement
            stop += 1
        if stop <= k + 1:
            return None
        link = self.chunks[k]
        # "إنه تم …": the pronoun on the particle belongs to what was said.
        start = link.start if self.pieces[link.head].enclitic else self.chunks[k + 1].start
        return self.span(start, self.chunks[stop - 1].stop)

    def _end_of_said(self, c: Chunk) -> bool:
        """The end of what was said: the sentence's end; quotation marks inside it ("بأنه
        “يوم تاريخي”") are part of it."""
        mark = self.mark(c)
        return c.kind == PUNCT and any(ch in ".؟?!؛;" for ch in mark)

    def _next_statement(self, k: int) -> bool:
        """A comma and "و + verb of saying" (or a participle of saying) at chunk ``k``."""
        if not self.is_comma(self.chunks[k]) or k + 1 >= len(self.chunks):
            return False
        nxt = self.chunks[k + 1]
        if self.lex.is_a(self.head(nxt), "speech_participle"):
            return True  # "…، مشيراً إلى أنه …"
        if nxt.kind != VERB or not nxt.conj:
            return False
        word = self.lex.event_of(self.head(nxt), "verb")
        return word is not None and word.event in SPEECH_EVENTS

    def _sentence_end(self, c: Chunk) -> bool:
        mark = self.mark(c)
        return c.kind == PUNCT and any(ch in ".؟?!؛;" or ch in _QUOTES for ch in mark)

    # ----------------------------------------------------------------------- circumstances

    def _skip_adverbials(self, k: int, end: int) -> int:
        """Past commas, dates and adverbs standing between the verb and its arguments."""
        while k < end:
            c = self.chunks[k]
            is_date = c.entity is not None and c.entity.type == "DATE" and c.prep in {"", "في"}
            if self.is_comma(c) or is_date or (c.kind == PART and self.head(c).pos == "adv"):
                k += 1
            else:
                break
        return k

    def _circumstances(self, frame: Frame, ci: int, end: int) -> Frame:
        """Date, place and duration in the clause of the trigger, before any other verb."""
        date: Entity | None = None
        duration: Entity | None = None
        place: TextSpan | None = None
        occasion: TextSpan | None = None
        # A place inside the agents, or inside or right after what the agreement is about
        # ("توسيع مركز … التابع للقوات البحرية في طرطوس"), is not where the event happened.
        taken = [(a.span.start, a.span.end) for a in frame.agents]
        taken += [(c.start, c.end + 2) for c in frame.coverage]
        k = ci + 1
        while k < end:
            c = self.chunks[k]
            ent = c.entity
            if c.kind == REL and self._holds_occasion(k, end):
                # "خلال المؤتمر الذي عقد اليوم في الدوحة": the occasion's place is the event's
                occasion = self.span(self.after_prep(self.chunks[k - 1]), self.chunks[k - 1].stop)
                k += 2
                continue
            if c.kind == REL:  # "، الذي التقى بوتين في يوليو،": another event's circumstances
                while k < end and not self.is_comma(self.chunks[k]):
                    k += 1
                continue
            if c.kind == VERB and k > ci + 1:
                break  # "بعد مفاوضات استمرت 18 عاما": what follows belongs to another verb
            if ent is not None and ent.type == "DATE" and date is None:
                date = ent
            elif ent is not None and ent.type == "DURATION" and duration is None:
                if self._term_of(frame, k) or period_years(ent.key) is not None:
                    duration = ent  # "لمدة 27 عاما", "للأعوام 2026 – 2027"
            elif (
                place is None
                and c.kind == PP
                and self._is_place(c, frame.event)
                and not any(s <= c.start < e for s, e in taken)
            ):
                place, k = self._place_chain(k, end)
                continue
            k += 1
        if duration is None and frame.object is not None:
            duration = self._duration_in(frame.object)
        last = end - 1
        while last > ci and self.chunks[last].kind == PUNCT:
            last -= 1
        clause = self.span(frame.trigger.start, max(self.chunks[last].stop, frame.trigger.end))
        if place is None or occasion is None or place.start < occasion.end:
            occasion = None
        return replace(
            frame, date=date, duration=duration, place=place, occasion=occasion, clause=clause
        )

    def _owner(self, c: Chunk, j: int) -> bool:
        """ "في المبنى الرئيسي لقطر للطاقة": the named owner (ل + organisation or place) of
        the facility right before it is part of the place."""
        named = c.entity is not None and c.entity.type in {"ORGANIZATION", "LOCATION"}
        return c.kind == PP and c.prep == "ل" and named and self._facility(self.chunks[j - 1])

    def _facility(self, c: Chunk) -> bool:
        return c.kind in {NP, PP} and self.lex.is_a(self.head(c), "facility")

    def _holds_occasion(self, k: int, end: int) -> bool:
        """Is the relative pronoun at chunk ``k`` the start of "الذي عقد" after an occasion
        ("خلال المؤتمر الصحفي الذي عقد …"), where the speaker spoke?"""
        if k == 0 or k + 1 >= end or self.chunks[k + 1].kind not in {VERB, NP}:
            return False  # the tagger may read عقد ("held") as the noun "contract" here
        before = self.chunks[k - 1]
        return (
            before.kind in {NP, PP}
            and self.lex.is_a(self.head(before), "occasion")
            and self.lex.is_a(self.head(self.chunks[k + 1]), "hold_verb")
        )

    def _term_of(self, frame: Frame, k: int) -> bool:
        """Is the duration at chunk ``k`` the term of the frame's object: after a lead ("لمدة
        27 عاما") or right after the object ("اتفاقية 25 عاما")?"""
        if self.lex.is_a(self.pieces[self.chunks[k].first], "duration_lead"):
            return True
        prev = self.chunks[k - 1] if k > 0 else None
        return frame.object is not None and prev is not None and prev.stop == frame.object.end

    def _duration_in(self, span: TextSpan) -> Entity | None:
        return next(
            (
                e
                for e in self.analyzed.entities
                if e.type == "DURATION" and span.start <= e.start and e.end <= span.end
            ),
            None,
        )

    def _is_place(self, c: Chunk, event: str) -> bool:
        preps = _PLACE_PREPS | (_TO_PREPS if event == "visit" else frozenset())
        if c.prep not in preps:
            return False
        if c.entity is not None and c.entity.type == "LOCATION":
            return True
        # A facility named by more than its head ("مقر الحكومة", "قصر الرئاسة"); "في المركز"
        # alone points back at something the clause already named.
        return self.lex.is_a(self.head(c), "facility") and c.end - c.head > 1

    def _place_chain(self, k: int, end: int) -> tuple[TextSpan, int]:
        """ "في العاصمة الإيطالية روما", "بمقر وزارة الدفاع في العاصمة روما": one place."""
        last = k
        for j in range(k + 1, end):
            cj = self.chunks[j]
            named = cj.kind == NP and cj.entity is not None and cj.entity.type == "LOCATION"
            if not (named or (cj.kind == PP and self._is_place(cj, "")) or self._owner(cj, j)):
                break
            last = j
        return self.span(self.after_prep(self.chunks[k]), self.chunks[last].stop), last + 1


def _purpose(p: Piece) -> bool:
    """An imperfect verb with the ل of purpose ("لتشمل", "ليغطي")."""
    return p.prep == "ل" or (p.key[:1] == "ل" and p.key[1:2] in {"ي", "ت"} and p.stem != p.key)


def _past(p: Piece) -> bool:
    """A perfect verb: it does not open with an imperfect prefix (يوقع، توقع، نوقع، أوقع)."""
    return p.pos == "verb" and p.stem[:1] not in {"ي", "ت", "ن"}


def _unique(parties: list[Party]) -> list[Party]:
    seen: set[tuple[int, int]] = set()
    out = []
    for p in parties:
        if (p.span.start, p.span.end) not in seen:
            seen.add((p.span.start, p.span.end))
            out.append(p)
    return out


def _letters_chars(surface: str, letters: int) -> int:
    """How many characters of ``surface`` hold its first ``letters`` letters (marks skipped)."""
    seen = 0
    for pos, ch in enumerate(surface):
        if "\u064b" <= ch <= "\u0652":
            continue
        if seen == letters:
            return pos
        seen += 1
    return len(surface)


def _agreement_key(p: Piece, lex: Lexicon) -> str:
    """The agreement noun as its word class lists it: "اتفاقا" -> "اتفاق"."""
    nouns = frozenset().union(*(lex.classes.get(cls, frozenset()) for cls in _AGREEMENT_CLASSES))
    return next((f for f in forms_of(p) if f in nouns), p.stem)


def quote_spans(analyzed: AnalyzedText) -> list[tuple[int, int]]:
    """Quotations the engine found, and any other text between «…» or “…” on one line."""
    spans = [(q.start, q.end) for q in analyzed.quotations]
    opened: int | None = None
    for i, ch in enumerate(analyzed.text):
        if ch in "«“" and opened is None:
            opened = i + 1
        elif ch in "»”" and opened is not None:
            spans.append((opened, i))
            opened = None
        elif ch == "\n":
            opened = None
    return spans


def find_frames(analyzed: AnalyzedText) -> tuple[Frame, ...]:
    """Every event frame of the text, sentence by sentence, in reading order."""
    lex = lexicon()
    quotes = quote_spans(analyzed)
    frames: list[Frame] = []
    for sent in analyzed.sentences:
        chunks = chunk_sentence(sent, analyzed.entities)
        pieces = [piece(t) for t in sent.tokens]
        frames += _Sentence(analyzed, sent, chunks, pieces, quotes, lex).read()
    return tuple(frames)

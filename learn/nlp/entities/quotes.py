"""Quotations and their speakers, from the verbs of saying around them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from learn.nlp.entities.people import People, title_end_at, title_key
from learn.nlp.entities.wordlists import PARTICIPLES, SPEECH_LINKS, SPEECH_VERBS
from learn.nlp.entities.words import Word, sentence_words, start_after_clitic
from learn.nlp.types import Entity, Quotation, Sentence

_OPEN_CLOSE = {"“": "”", "«": "»", '"': '"', "”": "”"}


def find_quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's inner text, marks excluded; unclosed ones dropped."""
    spans = []
    i = 0
    n = len(text)
    while i < n:
        closer = _OPEN_CLOSE.get(text[i])
        if closer is None:
            i += 1
            continue
        j = text.find(closer, i + 1)
        newline = text.find("\n", i + 1)
        if j < 0 or (0 <= newline < j):
            i += 1
            continue
        if j > i + 1 and text[i + 1 : j].strip():
            spans.append((i + 1, j))
        i = j + 1
    return spans


@dataclass(slots=True)
class _Speech:
    """A verb of saying in a sentence, with its explicit subject when there is one."""

    word: int  # index of the verb in the sentence
    subject: Entity | None
    participle: bool


def _speaker_entities(sent: Sentence, entities: Sequence[Entity]) -> list[Entity]:
    """Who may speak in a sentence: people and organisations, not the dateline's agency."""
    after = sent.dateline_end or 0
    return [
        e
        for e in entities
        if e.sentence == sent.index and e.type in {"PERSON", "ORGANIZATION"} and e.start >= after
    ]


def attribute_quotations(
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    people: People,
) -> list[Quotation]:
    """Quotations with speakers: the subject of the verb of saying that introduces them.

    ``قال بوتين إن “…”`` → بوتين; ``وقال الرئيس الإيراني: “…”`` → the person who holds that
    title in this text; ``وأضاف: “…”`` / ``قائلا “…”`` → the previous speaker; a quotation
    that opens a sentence right after a quoted sentence → the same speaker. Quotations with
    no verb of saying (scare quotes, names of things) get no speaker.
    """
    quotations = []
    last_speaker: Entity | None = None
    last_quote_sentence = -2
    for sent in sentences:
        words = sentence_words(sent)
        speakers = _speaker_entities(sent, entities)
        spans = [q for q in find_quotations(text[sent.start : sent.end])]
        cursor = 0  # word index after the previous quotation
        sentence_speaker: Entity | None = None
        speeches = _speeches(text, words, speakers, people)
        for qs, qe in spans:
            start, end = sent.start + qs, sent.start + qe
            first_word = _word_index_at(words, start - 1)  # the opening mark's token
            speaker: Entity | None = None
            frame = [s for s in speeches if cursor <= s.word < first_word]
            if frame:
                speech = frame[-1]
                if speech.subject is not None:
                    speaker = speech.subject
                elif speech.participle or sentence_speaker is not None:
                    # قائلا / مضيفا: the subject of the sentence's main verb is speaking.
                    speaker = (
                        sentence_speaker
                        or _earlier_subject(speeches, speech)
                        or _subject_before(speakers, words, 0, speech.word)
                        or last_speaker
                    )
                else:
                    speaker = _subject_before(speakers, words, cursor, speech.word) or (
                        last_speaker if _pronoun_subject(words, speech.word, first_word) else None
                    )
            elif sentence_speaker is not None and cursor > 0:
                speaker = sentence_speaker  # a second quotation after the same verb
            elif first_word == 0 and last_quote_sentence == sent.index - 1:
                speaker = last_speaker  # “…”. “…” — the same voice goes on
            quotations.append(Quotation(text[start:end], start, end, sent.index, speaker))
            if speaker is not None:
                sentence_speaker = speaker
                last_speaker = speaker
            last_quote_sentence = sent.index
            cursor = _word_index_at(words, end) + 1
        # A reported speech without quotation marks still sets who "he" is next.
        for speech in speeches:
            subject = speech.subject
            if (
                subject is not None
                and subject.type == "PERSON"
                and (not spans or speech.word > cursor)
            ):
                last_speaker = speech.subject
    return quotations


def _word_index_at(words: Sequence[Word], offset: int) -> int:
    for k, w in enumerate(words):
        if w.token.end > offset:
            return k
    return len(words)


def _speeches(
    text: str, words: Sequence[Word], speakers: Sequence[Entity], people: People
) -> list[_Speech]:
    out = []
    for k, w in enumerate(words):
        if not any(b in SPEECH_VERBS for b in w.bare):
            continue
        participle = any(b in PARTICIPLES for b in w.bare)
        subject = None if participle else _subject_after(text, words, speakers, people, k)
        out.append(_Speech(k, subject, participle))
    return out


def _subject_after(
    text: str, words: Sequence[Word], speakers: Sequence[Entity], people: People, k: int
) -> Entity | None:
    """The subject right after a verb (VSO): a named entity, or a title the text has used.

    Title words may stand between the verb and the name (قال الرئيس الأمريكي جو بايدن); a
    comma, a verb or إن/أن ends the search, so an object later in the clause is never taken.
    """
    for m in range(k + 1, min(k + 7, len(words))):
        w = words[m]
        if w.token.pos not in {"noun", "noun_prop", "adj", "abbrev"} or w.key in SPEECH_LINKS:
            # Only a subject's own words (title, name) may come first: not a preposition
            # (وصرح المندوب لدى أوبك ... is no quote by OPEC), a verb or a comma.
            break
        hit = next((e for e in speakers if e.start < w.token.end and e.end > w.token.start), None)
        if hit is not None:
            return hit
    if k + 1 >= len(words):
        return None
    nxt = words[k + 1]
    title_end = title_end_at(words, k + 1, [None] * len(words))
    if title_end is not None:
        start = start_after_clitic(nxt)
        title = text[start : words[title_end - 1].token.end]
        key = people.by_title.get(title_key(title))
        if key is not None:
            return Entity(
                "PERSON",
                title,
                start,
                words[title_end - 1].token.end,
                nxt.token.sentence,
                key=key,
                title=title,
                gloss=people.glosses.get(key),
            )
    return None


def _subject_before(
    speakers: Sequence[Entity], words: Sequence[Word], lo: int, verb: int
) -> Entity | None:
    """SVO or a chain of verbs: وأشاد بوتين بالاتفاق ووصفه بأنه “…”."""
    lo_offset = words[lo].token.start if lo < len(words) else 0
    # Only a person: an organisation before the verb is too often an object or a source.
    before = [
        e for e in speakers if e.type == "PERSON" and lo_offset <= e.start < words[verb].token.start
    ]
    return before[0] if before else None


def _earlier_subject(speeches: Sequence[_Speech], speech: _Speech) -> Entity | None:
    for s in reversed(speeches):
        if s.word < speech.word and s.subject is not None:
            return s.subject
    return None


def _pronoun_subject(words: Sequence[Word], verb: int, quote_word: int) -> bool:
    """وقال: “…” / وأضاف أن “…”: nothing but punctuation or إن/أن between verb and quote."""
    between = words[verb + 1 : quote_word]
    return all(not w.token.is_word or w.key in SPEECH_LINKS for w in between[:1])
